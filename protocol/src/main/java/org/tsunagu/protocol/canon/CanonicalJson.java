package org.tsunagu.protocol.canon;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 *
 * <p>Refused with a {@link MalformedMessageException} naming the path: what JSON or I-JSON cannot
 * carry (NaN, Infinity, lone surrogates, integers beyond ±(2^53−1) — see {@link StrictJson} for the
 * exact number rules), non-JSON nodes, and nesting deeper than {@link StrictJson#MAX_DEPTH}, so that
 * the output always parses again with {@link StrictJson}.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    /** The UTF-8 bytes of the canonical form. */
    public static byte[] canonicalize(JsonNode node) {
        return canonicalString(node).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical form as text; a message is signed and hashed as its UTF-8 bytes. */
    public static String canonicalString(JsonNode node) {
        return canonicalString(node, "$", 0);
    }

    /** As {@link #canonicalString(JsonNode)}, naming errors from {@code basePath} (e.g. {@code $.body}). */
    public static String canonicalString(JsonNode node, String basePath) {
        return canonicalString(node, basePath, 0);
    }

    /**
     * As {@link #canonicalString(JsonNode, String)} for a value nested in a message.
     *
     * @param enclosingDepth how many objects and arrays enclose {@code node} in the message (1 for
     *     an envelope's body), so the message as a whole stays within {@link StrictJson#MAX_DEPTH}
     */
    public static String canonicalString(JsonNode node, String basePath, int enclosingDepth) {
        if (enclosingDepth < 0) {
            throw new IllegalArgumentException("enclosingDepth " + enclosingDepth);
        }
        Writer writer = new Writer(basePath, enclosingDepth);
        writer.write(node, enclosingDepth);
        return writer.out.toString();
    }

    /**
     * ECMAScript Number.prototype.toString for a finite double (ECMA-262 §6.1.6.1.20), as RFC 8785
     * §3.2.2.3 asks: the shortest decimal that reads back as {@code d} (the nearest of those), {@code
     * 1e+21} style from 10^21 on and below 10^-6, and {@code 0} for both zeros.
     *
     * @throws MalformedMessageException for NaN and the infinities, which have no JSON form
     */
    public static String formatDouble(double d, String path) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new MalformedMessageException(path, "NaN and Infinity have no JSON form");
        }
        return EcmaNumber.format(d);
    }

    /**
     * One canonicalization. The path is kept as a stack of segments and only turned into text when
     * something is refused, so a valid message builds no path strings at all.
     */
    private static final class Writer {
        final StringBuilder out = new StringBuilder(256);
        final String basePath;
        final int baseDepth;
        final String[] names = new String[StrictJson.MAX_DEPTH + 2];
        final int[] indexes = new int[StrictJson.MAX_DEPTH + 2];

        Writer(String basePath, int baseDepth) {
            this.basePath = basePath;
            this.baseDepth = baseDepth;
        }

        /** Writes {@code node}, which sits inside {@code depth} containers. */
        void write(JsonNode node, int depth) {
            if (node == null || node.isMissingNode()) {
                throw refuse(depth, "missing value");
            }
            switch (node.getNodeType()) {
                case OBJECT -> writeObject(node, enter(depth));
                case ARRAY -> writeArray(node, enter(depth));
                case STRING -> writeString(node.textValue(), depth);
                case NUMBER -> writeNumber(node, depth);
                case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
                case NULL -> out.append("null");
                default -> throw refuse(depth, "not representable in JSON: " + node.getNodeType());
            }
        }

        private int enter(int depth) {
            if (depth + 1 > StrictJson.MAX_DEPTH) {
                throw refuse(depth, "nested deeper than " + StrictJson.MAX_DEPTH + " levels");
            }
            return depth + 1;
        }

        private void writeObject(JsonNode node, int depth) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
            // String.compareTo compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 asks for.
            // Input that is already canonical (most of it: stored and relayed envelopes) is sorted.
            if (!isSorted(entries)) {
                entries.sort(Map.Entry.comparingByKey());
            }
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                Map.Entry<String, JsonNode> e = entries.get(i);
                if (i > 0) {
                    out.append(',');
                }
                names[depth] = e.getKey();
                writeString(e.getKey(), depth);
                out.append(':');
                write(e.getValue(), depth);
            }
            names[depth] = null;
            out.append('}');
        }

        private void writeArray(JsonNode node, int depth) {
            names[depth] = null;
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                indexes[depth] = i;
                write(node.get(i), depth);
            }
            out.append(']');
        }

        /** RFC 8785 §3.2.2.2: escape only '"', '\\' and controls, with the short forms where JSON has them. */
        private void writeString(String s, int depth) {
            String problem = IJson.stringProblem(s);
            if (problem != null) {
                throw refuse(depth, problem);
            }
            out.append('"');
            int run = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c != '"' && c != '\\') {
                    continue;
                }
                out.append(s, run, i);
                run = i + 1;
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default ->
                        out.append("\\u00")
                                .append(Character.forDigit(c >> 4, 16))
                                .append(Character.forDigit(c & 0xF, 16));
                }
            }
            out.append(s, run, s.length()).append('"');
        }

        private void writeNumber(JsonNode node, int depth) {
            String problem;
            if (node.isIntegralNumber()) {
                if (!node.canConvertToLong()) {
                    throw refuse(depth, "integer " + node.bigIntegerValue() + " is outside the I-JSON range ±(2^53−1)");
                }
                long v = node.longValue();
                problem = IJson.integerProblem(v);
                if (problem == null) {
                    out.append(v);
                    return;
                }
            } else {
                double d = node.doubleValue();
                problem = node.isBigDecimal() ? decimalProblem(node.decimalValue(), d) : null;
                if (problem == null) {
                    problem = IJson.doubleProblem(d);
                }
                if (problem == null) {
                    out.append(EcmaNumber.format(d));
                    return;
                }
            }
            throw refuse(depth, problem);
        }

        private static String decimalProblem(BigDecimal exact, double d) {
            if (Double.isInfinite(d)) {
                return "number " + exact + " is outside the IEEE 754 double range";
            }
            if (d == 0 && exact.signum() != 0) {
                return "number " + exact + " is too small for an IEEE 754 double (it would read as 0)";
            }
            return null;
        }

        /** The error for the value inside {@code depth} containers, with its path built now. */
        private MalformedMessageException refuse(int depth, String problem) {
            String path = basePath;
            for (int level = baseDepth + 1; level <= depth; level++) {
                path = names[level] != null
                        ? JsonPaths.member(path, names[level])
                        : JsonPaths.index(path, indexes[level]);
            }
            return new MalformedMessageException(path, problem);
        }
    }

    private static boolean isSorted(List<Map.Entry<String, JsonNode>> entries) {
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i - 1).getKey().compareTo(entries.get(i).getKey()) > 0) {
                return false;
            }
        }
        return true;
    }
}
