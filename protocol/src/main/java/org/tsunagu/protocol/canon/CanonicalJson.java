package org.tsunagu.protocol.canon;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.tsunagu.protocol.MalformedMessageException;

/**
 * RFC 8785 JSON Canonicalization Scheme over a Jackson tree.
 *
 * <p>Written here rather than taken from Maven Central: the published JCS libraries parse text
 * themselves and we already hold a Jackson tree; we also need errors that name the JSON path, and
 * Jackson's own sorting and number output are not JCS (keys sorted by UTF-16 code units, numbers in
 * the ECMAScript shortest round-trip form, a fixed escaping table).
 */
public final class CanonicalJson {
    /** I-JSON (RFC 7493): integers beyond ±(2^53 − 1) lose precision as IEEE doubles. */
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private CanonicalJson() {}

    /** The UTF-8 bytes of the canonical form. */
    public static byte[] canonicalize(JsonNode node) {
        return canonicalString(node).getBytes(StandardCharsets.UTF_8);
    }

    public static String canonicalString(JsonNode node) {
        return canonicalString(node, "$");
    }

    /** As {@link #canonicalString(JsonNode)}, naming errors from {@code basePath} (e.g. {@code $.body}). */
    public static String canonicalString(JsonNode node, String basePath) {
        StringBuilder out = new StringBuilder(256);
        write(node, basePath, out);
        return out.toString();
    }

    private static void write(JsonNode node, String path, StringBuilder out) {
        if (node == null || node.isMissingNode()) {
            throw new MalformedMessageException(path, "missing value");
        }
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, path, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), path + "[" + i + "]", out);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), path, out);
            case NUMBER -> out.append(formatNumber(node, path));
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new MalformedMessageException(path, "not representable in JSON: " + node.getNodeType());
        }
    }

    private static void writeObject(JsonNode node, String path, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            entries.add(it.next());
        }
        // String.compareTo compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 asks for.
        entries.sort(Map.Entry.comparingByKey());
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : entries) {
            if (!first) {
                out.append(',');
            }
            first = false;
            String childPath = path + "." + e.getKey();
            writeString(e.getKey(), childPath, out);
            out.append(':');
            write(e.getValue(), childPath, out);
        }
        out.append('}');
    }

    static void writeString(String s, String path, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00");
                        out.append(Character.forDigit(c >> 4, 16));
                        out.append(Character.forDigit(c & 0xF, 16));
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                            throw new MalformedMessageException(path, "lone surrogate in string at index " + i);
                        }
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new MalformedMessageException(path, "lone surrogate in string at index " + i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String formatNumber(JsonNode node, String path) {
        if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                long v = node.longValue();
                if (v > MAX_SAFE_INTEGER || v < -MAX_SAFE_INTEGER) {
                    throw new MalformedMessageException(path, "integer outside the I-JSON range ±(2^53−1)");
                }
                return Long.toString(v);
            }
            throw new MalformedMessageException(path, "integer outside the I-JSON range ±(2^53−1)");
        }
        double d = node.doubleValue();
        if (node.isBigDecimal()) {
            BigDecimal exact = node.decimalValue();
            if (exact.abs().compareTo(BigDecimal.valueOf(Double.MAX_VALUE)) > 0) {
                throw new MalformedMessageException(path, "number outside the IEEE 754 double range");
            }
        }
        return formatDouble(d, path);
    }

    /** ECMAScript Number.prototype.toString for a finite double (ECMA-262 §7.1.12.1), as RFC 8785 §3.2.2.3. */
    public static String formatDouble(double d, String path) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new MalformedMessageException(path, "NaN and Infinity have no JSON form");
        }
        if (d == 0) {
            return "0"; // also -0
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e21 && Math.abs(d) <= 9.007199254740992E15) {
            return Long.toString((long) d);
        }
        String sign = d < 0 ? "-" : "";
        BigDecimal shortest = shortestRoundTrip(Math.abs(d));
        String digits = shortest.unscaledValue().toString();
        // strip trailing zeros of the digit string, adjusting the exponent
        int k = digits.length();
        int end = k;
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        // value = 0.d1d2...dk × 10^n  <=>  n = (number of integer digits)
        int n = k - shortest.scale();
        k = digits.length();
        StringBuilder out = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            out.append(digits);
            out.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return out.toString();
    }

    /** The shortest decimal that reads back as {@code d}; among equals, the nearest to d's exact value. */
    private static BigDecimal shortestRoundTrip(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return candidate;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
