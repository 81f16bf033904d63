package org.tsunagu.protocol.canon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tsunagu.protocol.MalformedMessageException;

/** Trees built in code (not parsed), as a node signs them: what JCS cannot represent is refused. */
class CanonicalJsonTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** {"a": [true, value]}: the refused value sits at $.a[1]. */
    private static ObjectNode holding(JsonNode value) {
        ObjectNode root = NODES.objectNode();
        root.putArray("a").add(true).add(value);
        return root;
    }

    static Stream<Arguments> unrepresentable() {
        return Stream.of(
                Arguments.of(DoubleNode.valueOf(Double.NaN), "NaN"),
                Arguments.of(DoubleNode.valueOf(Double.POSITIVE_INFINITY), "Infinity"),
                Arguments.of(FloatNode.valueOf(Float.NEGATIVE_INFINITY), "Infinity"),
                Arguments.of(LongNode.valueOf(1L << 53), "I-JSON"),
                Arguments.of(LongNode.valueOf(-(1L << 53)), "I-JSON"),
                Arguments.of(BigIntegerNode.valueOf(BigInteger.TWO.pow(64)), "I-JSON"),
                Arguments.of(DoubleNode.valueOf(1e16), "I-JSON"),
                Arguments.of(DecimalNode.valueOf(new BigDecimal("1e400")), "double range"),
                Arguments.of(DecimalNode.valueOf(new BigDecimal("-1e-400")), "too small"),
                Arguments.of(TextNode.valueOf("ok \ud800"), "lone surrogate U+D800 at index 3"),
                Arguments.of(TextNode.valueOf("\udc00"), "lone surrogate U+DC00"),
                Arguments.of(TextNode.valueOf("\ufffe"), "noncharacter"),
                Arguments.of(BinaryNode.valueOf(new byte[] {1}), "not representable"),
                Arguments.of(new POJONode(new Object()), "not representable"),
                Arguments.of(MissingNode.getInstance(), "missing"));
    }

    @ParameterizedTest
    @MethodSource("unrepresentable")
    void canonicalize_unrepresentableValue_throwsNamingPath(JsonNode value, String problem) {
        MalformedMessageException e =
                assertThrows(MalformedMessageException.class, () -> CanonicalJson.canonicalize(holding(value)));
        assertEquals("$.a[1]", e.path());
        assertTrue(e.getMessage().contains(problem), e::getMessage);
    }

    @Test
    void canonicalize_loneSurrogateInName_throwsWithEscapedName() {
        ObjectNode root = NODES.objectNode();
        root.putObject("names").put("ja\ud800", "x");
        MalformedMessageException e =
                assertThrows(MalformedMessageException.class, () -> CanonicalJson.canonicalString(root, "$.body", 1));
        assertEquals("$.body.names[\"ja\\ud800\"]", e.path());
    }

    @Test
    void canonicalize_representableNumbers_useEcmaScriptForm() {
        ArrayNode a = NODES.arrayNode()
                .add(LongNode.valueOf((1L << 53) - 1))
                .add(LongNode.valueOf(-((1L << 53) - 1)))
                .add(DecimalNode.valueOf(new BigDecimal("4.50")))
                .add(DecimalNode.valueOf(new BigDecimal("1E+30")))
                .add(DoubleNode.valueOf(-0.0))
                .add(DoubleNode.valueOf(56.0))
                .add(FloatNode.valueOf(0.5f))
                .add(DoubleNode.valueOf(1e21));
        assertEquals("[9007199254740991,-9007199254740991,4.5,1e+30,0,56,0.5,1e+21]", CanonicalJson.canonicalString(a));
    }

    @Test
    void canonicalize_strings_escapeOnlyQuoteBackslashAndControls() {
        String s = "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u0080\u2028\ufeff😂é";
        assertEquals(
                "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\u0080\u2028\ufeff😂é\"",
                CanonicalJson.canonicalString(TextNode.valueOf(s)));
    }

    @Test
    void canonicalize_names_sortByUtf16CodeUnits() {
        ObjectNode o = NODES.objectNode();
        for (String name : new String[] {"\ufb33", "😂", "b", "a", "B", "", "aa", "\u00e9", "10", "1"}) {
            o.put(name, 0);
        }
        // U+1F602 is the pair D83D DE02, so it sorts before U+FB33 although its code point is larger.
        assertEquals(
                "{\"\":0,\"1\":0,\"10\":0,\"B\":0,\"a\":0,\"aa\":0,\"b\":0,\"é\":0,\"😂\":0,\"\ufb33\":0}",
                new String(CanonicalJson.canonicalize(o), StandardCharsets.UTF_8));
    }

    @Test
    void canonicalize_nesting32_acceptedAnd33_refusedLikeTheParser() {
        assertEquals("[".repeat(32) + "]".repeat(32), CanonicalJson.canonicalString(nested(32)));
        MalformedMessageException e =
                assertThrows(MalformedMessageException.class, () -> CanonicalJson.canonicalString(nested(33)));
        MalformedMessageException parsed = assertThrows(
                MalformedMessageException.class,
                () -> StrictJson.parse(("[".repeat(33) + "]".repeat(33)).getBytes(StandardCharsets.UTF_8)));
        assertEquals(parsed.path(), e.path());
    }

    @Test
    void canonicalString_enclosingDepth_countsTowardsTheLimit() {
        assertEquals(62, CanonicalJson.canonicalString(nested(31), "$.body", 1).length());
        MalformedMessageException e = assertThrows(
                MalformedMessageException.class, () -> CanonicalJson.canonicalString(nested(32), "$.body", 1));
        assertEquals("$.body" + "[0]".repeat(31), e.path());
    }

    @Test
    void canonicalize_treeTooDeepForTheStack_throwsMalformedNotStackOverflow() {
        MalformedMessageException e =
                assertThrows(MalformedMessageException.class, () -> CanonicalJson.canonicalize(nested(200_000)));
        assertTrue(e.path().startsWith("$[0][0]"));
    }

    @Test
    void canonicalize_pathOfStrangeName_isBracketedAndShort() {
        ObjectNode root = NODES.objectNode();
        root.putObject("a b.c").putObject("x".repeat(100)).put("ok", Double.NaN);
        MalformedMessageException e =
                assertThrows(MalformedMessageException.class, () -> CanonicalJson.canonicalize(root));
        assertEquals("$[\"a b.c\"][\"" + "x".repeat(64) + "…\"].ok", e.path());
    }

    /** {@code depth} arrays, each the only element of the one around it. */
    private static JsonNode nested(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode current = root;
        for (int i = 1; i < depth; i++) {
            current = current.addArray();
        }
        return root;
    }
}
