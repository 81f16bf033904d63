package org.tsunagu.protocol.canon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random small trees (seeded, so a failure reproduces): Japanese, Thai, emoji, controls and
 * characters that need escaping, numbers of every kind, nesting. Canonicalizing is idempotent
 * through the parser, and every way of writing the same tree as JSON text canonicalizes alike.
 */
class CanonicalJsonPropertyTest {
    private static final int TREES = 500;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] ALPHABETS = {
        "abcxyzABC019 -_.:",
        "\"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f",
        "日本語連携協会ひらがなカタカナー・",
        "ภาษาไทยมูลนิธิเครือข่ายกรุงเทพฯ", // with combining vowels and tone marks
        "éüßØ\u0301\u0080\u00a0\u2028\u2029\ufeff\ufb33",
    };
    private static final String[] EMOJI = {"😂", "🇯🇵", "👩‍👩‍👧", "🙏🏽", "\ud840\udc0b" /* 𠀋, CJK ext. B */};

    /** Numbers compare by value: the parser turns 56.0 into 56, as the canonical text does. */
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue() ? 0 : 1;
        }
        return a.equals(b) ? 0 : 1;
    };

    @Test
    void canonicalize_randomTrees_isIdempotentThroughTheParser() {
        Random random = new Random(20261129);
        for (int i = 0; i < TREES; i++) {
            JsonNode tree = randomContainer(random, 0);
            byte[] canonical = CanonicalJson.canonicalize(tree);
            JsonNode reparsed = StrictJson.parse(canonical);
            assertArrayEquals(canonical, CanonicalJson.canonicalize(reparsed), () -> "tree " + tree);
            assertTrue(tree.equals(BY_VALUE, reparsed), () -> tree + " != " + reparsed);
            // Parsing made numbers into the node of their value, so a second trip changes nothing.
            assertEquals(reparsed, StrictJson.parse(CanonicalJson.canonicalize(reparsed)));
        }
    }

    @Test
    void canonicalize_randomSpellingsOfOneTree_giveOneCanonicalForm() throws JsonProcessingException {
        Random random = new Random(8785);
        for (int i = 0; i < TREES; i++) {
            JsonNode tree = randomContainer(random, 0);
            String canonical = CanonicalJson.canonicalString(tree);
            for (int spelling = 0; spelling < 3; spelling++) {
                StringBuilder text = new StringBuilder();
                writeLoosely(tree, random, text);
                assertEquals(canonical, canonicalOf(text.toString()), text::toString);
            }
            assertEquals(canonical, canonicalOf(StrictJson.mapper().writeValueAsString(tree)));
        }
    }

    private static String canonicalOf(String json) {
        return CanonicalJson.canonicalString(StrictJson.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode randomContainer(Random r, int depth) {
        if (r.nextBoolean()) {
            ObjectNode o = NODES.objectNode();
            for (int n = r.nextInt(6); n > 0; n--) {
                o.set(randomString(r, 6), randomValue(r, depth + 1));
            }
            return o;
        }
        ArrayNode a = NODES.arrayNode();
        for (int n = r.nextInt(6); n > 0; n--) {
            a.add(randomValue(r, depth + 1));
        }
        return a;
    }

    private static JsonNode randomValue(Random r, int depth) {
        int kind = r.nextInt(10);
        if (kind < 3 && depth < 6) {
            return randomContainer(r, depth);
        }
        return switch (kind % 6) {
            case 0 -> NODES.textNode(randomString(r, 16));
            case 1 -> randomNumber(r);
            case 2 -> NODES.booleanNode(r.nextBoolean());
            case 3 -> NODES.nullNode();
            default -> kind % 2 == 0 ? NODES.textNode(randomString(r, 4)) : randomNumber(r);
        };
    }

    private static String randomString(Random r, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int n = r.nextInt(maxLength + 1); n > 0; n--) {
            int pick = r.nextInt(ALPHABETS.length + 1);
            if (pick == ALPHABETS.length) {
                s.append(EMOJI[r.nextInt(EMOJI.length)]);
            } else {
                String alphabet = ALPHABETS[pick];
                s.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
        }
        return s.toString();
    }

    private static JsonNode randomNumber(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> IntNode.valueOf(r.nextInt(2001) - 1000);
            case 1 -> LongNode.valueOf(r.nextLong() % IJson.MAX_SAFE_INTEGER);
            case 2 -> DoubleNode.valueOf(r.nextInt(360_000_001) / 1e6 - 180); // a longitude
            case 3 -> DoubleNode.valueOf(r.nextInt(1000)); // integral, held as a double
            case 4 -> {
                BigDecimal decimal;
                do {
                    decimal = new BigDecimal(r.nextInt(100_000) + "e" + (r.nextInt(40) - 20));
                } while (IJson.doubleProblem(decimal.doubleValue()) != null);
                yield DecimalNode.valueOf(decimal);
            }
            default -> {
                double d;
                do {
                    d = Double.longBitsToDouble(r.nextLong());
                } while (IJson.doubleProblem(d) != null);
                yield DoubleNode.valueOf(d);
            }
        };
    }

    /** Valid JSON for the same tree, but not canonical: whitespace, member order, escapes, number forms. */
    private static void writeLoosely(JsonNode node, Random r, StringBuilder out) {
        space(r, out);
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            Collections.shuffle(members, r);
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                out.append(i > 0 ? "," : "");
                space(r, out);
                writeText(members.get(i).getKey(), r, out);
                space(r, out);
                out.append(':');
                writeLoosely(members.get(i).getValue(), r, out);
            }
            space(r, out);
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i > 0 ? "," : "");
                writeLoosely(node.get(i), r, out);
            }
            space(r, out);
            out.append(']');
        } else if (node.isTextual()) {
            writeText(node.textValue(), r, out);
        } else if (node.isNumber()) {
            out.append(spellNumber(node, r));
        } else {
            out.append(node.toString());
        }
        space(r, out);
    }

    private static void space(Random r, StringBuilder out) {
        for (int n = r.nextInt(3); n > 0; n--) {
            out.append(" \t\n\r".charAt(r.nextInt(4)));
        }
    }

    private static void writeText(String s, Random r, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c);
            boolean mustEscape = c < 0x20 || c == '"' || c == '\\';
            if (mustEscape || r.nextInt(4) == 0) {
                escape(c, r, out);
                if (pair) {
                    escape(s.charAt(++i), r, out); // a pair is escaped as two \\u escapes, never half raw
                }
            } else {
                out.append(c);
                if (pair) {
                    out.append(s.charAt(++i));
                }
            }
        }
        out.append('"');
    }

    private static void escape(char c, Random r, StringBuilder out) {
        String shortForm = switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '/' -> "\\/";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
        };
        if (shortForm != null && r.nextBoolean()) {
            out.append(shortForm);
        } else {
            out.append(String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
        }
    }

    /** Another literal for exactly the same double. */
    private static String spellNumber(JsonNode n, Random r) {
        if (n.isIntegralNumber()) {
            long v = n.longValue();
            return switch (r.nextInt(3)) {
                case 0 -> v + ".0";
                case 1 -> v + "0e-1";
                default -> Long.toString(v);
            };
        }
        double d = n.doubleValue();
        String form = switch (r.nextInt(4)) {
            case 0 -> Double.toString(d); // JDK 17: at times more digits than needed, same double
            case 1 -> new BigDecimal(d).toString(); // the exact value
            case 2 -> CanonicalJson.formatDouble(d, "$").replace("e+", "E");
            default -> BigDecimal.valueOf(d).toPlainString();
        };
        // An integer literal beyond ±(2^53−1) is refused however exact (1e30 must carry its exponent).
        boolean unsafeInteger = form.matches("-?[0-9]+") && Math.abs(d) > IJson.MAX_SAFE_INTEGER;
        return form.length() <= StrictJson.MAX_NUMBER_CHARS && !unsafeInteger
                ? form
                : CanonicalJson.formatDouble(d, "$");
    }
}
