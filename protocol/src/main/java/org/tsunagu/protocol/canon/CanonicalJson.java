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
    /** Decimal digits that always survive a trip through a normal IEEE double and back. */
    private static final int DBL_DIG = 15;

    private static final BigDecimal MAX_DOUBLE = BigDecimal.valueOf(Double.MAX_VALUE);

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
        write(node, new Where(null, basePath, -1), out);
        return out.toString();
    }

    /**
     * Where a value sits, turned into a JSON path only when an error needs it. Building the path text
     * for every member up front took half the time of canonicalising a typical body.
     */
    private record Where(Where parent, String name, int index) {
        Where member(String member) {
            return new Where(this, member, -1);
        }

        Where element(int i) {
            return new Where(this, null, i);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return name;
            }
            return parent + (name != null ? "." + name : "[" + index + "]");
        }
    }

    private static void write(JsonNode node, Where where, StringBuilder out) {
        if (node == null || node.isMissingNode()) {
            throw new MalformedMessageException(where.toString(), "missing value");
        }
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, where, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), where.element(i), out);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), where, out);
            case NUMBER -> out.append(formatNumber(node, where));
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default ->
                throw new MalformedMessageException(
                        where.toString(), "not representable in JSON: " + node.getNodeType());
        }
    }

    private static void writeObject(JsonNode node, Where where, StringBuilder out) {
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
            Where child = where.member(e.getKey());
            writeString(e.getKey(), child, out);
            out.append(':');
            write(e.getValue(), child, out);
        }
        out.append('}');
    }

    static void writeString(String s, String path, StringBuilder out) {
        writeString(s, new Where(null, path, -1), out);
    }

    private static void writeString(String s, Where where, StringBuilder out) {
        out.append('"');
        if (needsNoEscape(s)) {
            out.append(s);
        } else {
            writeEscaped(s, where, out);
        }
        out.append('"');
    }

    /** Most text has no quote, backslash, control character or surrogate: copy it in one go. */
    private static boolean needsNoEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static void writeEscaped(String s, Where where, StringBuilder out) {
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
                            throw new MalformedMessageException(
                                    where.toString(), "lone surrogate in string at index " + i);
                        }
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new MalformedMessageException(where.toString(), "lone surrogate in string at index " + i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static String formatNumber(JsonNode node, Where where) {
        if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                long v = node.longValue();
                if (v > MAX_SAFE_INTEGER || v < -MAX_SAFE_INTEGER) {
                    throw new MalformedMessageException(where.toString(), "integer outside the I-JSON range ±(2^53−1)");
                }
                return Long.toString(v);
            }
            throw new MalformedMessageException(where.toString(), "integer outside the I-JSON range ±(2^53−1)");
        }
        double d = node.doubleValue();
        if (node.isBigDecimal()) {
            BigDecimal exact = node.decimalValue();
            if (exact.abs().compareTo(MAX_DOUBLE) > 0) {
                throw new MalformedMessageException(where.toString(), "number outside the IEEE 754 double range");
            }
            // Searching for the shortest form costs microseconds per number. A decimal written with at
            // most 15 significant digits (DBL_DIG) is already it: no two such decimals round to the same
            // normal double, so no shorter one reads back as d. Subnormals have fewer digits of
            // precision and take the search.
            if (Math.abs(d) >= Double.MIN_NORMAL) {
                BigDecimal written = exact.abs().stripTrailingZeros();
                if (written.precision() <= DBL_DIG) {
                    return layout(d < 0, written);
                }
            }
        }
        return formatDouble(d, where.toString());
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
        return layout(d < 0, shortestRoundTrip(Math.abs(d)));
    }

    /** Writes {@code shortest} (positive, the shortest round-trip digits) in ECMAScript's layout. */
    private static String layout(boolean negative, BigDecimal shortest) {
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
        StringBuilder out = new StringBuilder(negative ? "-" : "");
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
