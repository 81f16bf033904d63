package org.tsunagu.protocol.canon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tsunagu.protocol.MalformedMessageException;

class StrictJsonTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Text with raw bytes spliced in: {@code bytes("{\"a\":\"", 0xC0, 0x80, "\"}")}. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(utf8(s));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    private static Arguments reject(String path, String problem, byte[] input) {
        return Arguments.of(path, problem, input);
    }

    private static Arguments reject(String path, String problem, String input) {
        return reject(path, problem, utf8(input));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                // not strict JSON
                reject("$", "empty", ""),
                reject("$", "empty", " \n\t "),
                reject("$.a", "NaN", "{\"a\":NaN}"),
                reject("$.a", "Infinity", "{\"a\":Infinity}"),
                reject("$.a[0]", "-Infinity", "{\"a\":[-Infinity]}"),
                reject("$", "comment", "/* c */ {}"),
                reject("$.a", "malformed", "{\"a\":'x'}"),
                reject("$", "malformed", "{a:1}"),
                reject("$.a[2]", "malformed", "{\"a\":[1,2,]}"),
                reject("$.a", "Leading zeroes", "{\"a\":01}"),
                reject("$.a", "plus", "{\"a\":+1}"),
                reject("$.a", "malformed", "{\"a\":.5}"),
                reject("$.a", "malformed", "{\"a\":1.}"),
                reject("$.a", "escape", "{\"a\":\"\\x\"}"),
                reject("$.a", "CTRL-CHAR", "{\"a\":\"\u0001\"}"),
                // content after the value
                reject("$", "malformed", "{} x"),
                reject("$", "after", "{} {}"),
                reject("$", "after", "1 2"),
                reject("$", "malformed", "{}]"),
                reject("$", "malformed", bytes("{}", 0)),
                // duplicate names, also when spelled differently
                reject("$.a", "duplicate", "{\"a\":1,\"a\":2}"),
                reject("$.a", "duplicate", "{\"a\":1,\"\\u0061\":2}"),
                reject("$.a.b[0].c", "duplicate", "{\"a\":{\"b\":[{\"c\":1,\"c\":[]}]}}"),
                // strings that are not Unicode text
                reject("$.a", "lone surrogate U+D800", "{\"a\":\"\\ud800\"}"),
                reject("$.a", "lone surrogate U+DC00", "{\"a\":\"x\\udc00\"}"),
                reject("$.a", "lone surrogate U+DC00", "{\"a\":\"\\udc00\\ud800\"}"),
                reject("$.a", "lone surrogate U+D83D", "{\"a\":\"\\ud83dA\"}"),
                reject("$.a[1]", "lone surrogate", "{\"a\":[\"ok\",\"\\ud83d\"]}"),
                reject("$.a", "surrogate", "{\"a\":{\"x\\ud800\":1}}"),
                reject("$.a", "noncharacter U+FFFF", "{\"a\":\"\\uffff\"}"),
                reject("$.a", "noncharacter U+FDD0", "{\"a\":\"\uFDD0\"}"),
                reject("$.a", "noncharacter U+10FFFF", "{\"a\":\"\\udbff\\udfff\"}"),
                // bytes that are not UTF-8
                reject("$.a", "UTF-8", bytes("{\"a\":\"", 0xC0, 0x80, "\"}")), // overlong NUL
                reject("$.a", "UTF-8", bytes("{\"a\":\"", 0xC1, 0xBF, "\"}")), // overlong '\u007f'
                reject("$.a", "UTF-8", bytes("{\"a\":\"", 0xE0, 0x80, 0xAF, "\"}")), // overlong '/'
                reject("$.a", "UTF-8", bytes("{\"a\":\"", 0xF0, 0x80, 0x80, 0x80, "\"}")),
                reject("$.a", "UTF-8", bytes("{\"a\":\"", 0xED, 0xA0, 0x80, "\"}")), // U+D800 encoded
                reject("$.a", "UTF-8", bytes("{\"a\":\"", 0xED, 0xB0, 0x80, "\"}")), // U+DC00 encoded
                reject("$.a", "UTF-8", bytes("{\"a\":\"", 0xF4, 0x90, 0x80, 0x80, "\"}")), // beyond U+10FFFF
                reject("$.a", "UTF-8", bytes("{\"a\":\"", 0xFF, "\"}")),
                reject("$.a", "UTF-8", bytes("{\"a\":\"", 0xFE, "\"}")),
                reject("$.a", "UTF-8", bytes("{\"a\":\"", 0x80, "\"}")), // lone continuation byte
                reject("$.a", "UTF-8", bytes("{\"a\":\"", 0xE3, 0x81, "\"}")), // truncated 3-byte
                reject("$.a", "end-of-input", bytes("{\"a\":\"", 0xE3, 0x81)), // truncated at the end
                reject("$", "UTF-8", bytes("{\"", 0xFF, "\":1}")),
                reject("$", "byte order mark", bytes(0xEF, 0xBB, 0xBF, "{}")),
                // numbers an IEEE 754 double cannot carry
                reject("$.a", "I-JSON", "{\"a\":9007199254740992}"),
                reject("$.a", "I-JSON", "{\"a\":-9007199254740992}"),
                reject("$.a", "I-JSON", "{\"a\":9223372036854775808}"),
                reject("$.a", "I-JSON", "{\"a\":123456789012345678901234567890}"),
                reject("$.a", "I-JSON", "{\"a\":1e16}"),
                reject("$.a", "I-JSON", "{\"a\":9007199254740993.0}"),
                reject("$.a", "double range", "{\"a\":1e400}"),
                reject("$.a", "double range", "{\"a\":-1e400}"),
                reject("$.a", "double range", "{\"a\":1.7976931348623159e308}"),
                reject("$.a", "too small", "{\"a\":1e-400}"),
                reject("$.a", "longer than 64", "{\"a\":1" + "0".repeat(64) + "}"),
                // limits
                reject("$" + "[0]".repeat(32), "deeper than 32", "[".repeat(33) + "]".repeat(33)),
                reject("$" + ".a".repeat(32), "deeper than 32", "{\"a\":".repeat(33) + "{}" + "}".repeat(33)),
                reject("$", "exceeds", "\"" + "x".repeat(StrictJson.MAX_MESSAGE_BYTES) + "\""));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void parse_invalidInput_throwsMalformedNamingPathAndProblem(String path, String problem, byte[] input) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> StrictJson.parse(input));
        assertEquals(path, e.path(), e::getMessage);
        assertTrue(e.getMessage().contains(problem), () -> "'" + problem + "' in: " + e.getMessage());
    }

    @Test
    void parse_nestingOfExactly32_isAccepted() {
        JsonNode n = StrictJson.parse(utf8("[".repeat(32) + "]".repeat(32)));
        assertEquals("[".repeat(32) + "]".repeat(32), CanonicalJson.canonicalString(n));
    }

    @Test
    void parse_messageOfExactlyTheLimit_isAccepted() {
        String padded = "\"" + "x".repeat(StrictJson.MAX_MESSAGE_BYTES - 2) + "\"";
        assertEquals(
                StrictJson.MAX_MESSAGE_BYTES - 2,
                StrictJson.parse(utf8(padded)).textValue().length());
    }

    @Test
    void parse_slice_readsOnlyThoseBytes() {
        byte[] buffer = utf8("xx{\"a\":1}yy");
        assertEquals(IntNode.valueOf(1), StrictJson.parse(buffer, 2, 7).get("a"));
    }

    @Test
    void parse_numbers_giveTheNodeOfTheirValue() {
        JsonNode n = StrictJson.parse(utf8(
                "{\"i\":56,\"f\":56.0,\"e\":5.6e1,\"z\":-0.0,\"nz\":-0,\"max\":9007199254740991,\"min\":-9007199254740991,"
                        + "\"half\":1.5,\"big\":1e21,\"top\":1.7976931348623158e308,\"zero\":0e-999}"));
        assertEquals(IntNode.valueOf(56), n.get("i"));
        assertEquals(IntNode.valueOf(56), n.get("f"));
        assertEquals(IntNode.valueOf(56), n.get("e"));
        assertEquals(IntNode.valueOf(0), n.get("z"));
        assertEquals(IntNode.valueOf(0), n.get("nz"));
        assertEquals(LongNode.valueOf(9007199254740991L), n.get("max"));
        assertEquals(LongNode.valueOf(-9007199254740991L), n.get("min"));
        assertEquals(DoubleNode.valueOf(1.5), n.get("half"));
        assertEquals(DoubleNode.valueOf(1e21), n.get("big"));
        assertEquals(DoubleNode.valueOf(Double.MAX_VALUE), n.get("top")); // rounds down, as ECMAScript reads it
        assertEquals(IntNode.valueOf(0), n.get("zero"));
    }

    @Test
    void parse_unicodeText_isKeptExactly() {
        String text = "日本NGO連携 มูลนิธิ 😂 \u0000\u001f \uFB33 A\u030A";
        JsonNode escaped =
                StrictJson.parse(utf8("{\"t\":\"日本NGO連携 มูลนิธิ \\ud83d\\ude02 \\u0000\\u001F \\uFB33 A\\u030a\"}"));
        JsonNode raw = StrictJson.parse(bytes(
                "{\"t\":\"日本NGO連携 มูลนิธิ ",
                0xF0,
                0x9F,
                0x98,
                0x82,
                " \\u0000\\u001f ",
                0xEF,
                0xAC,
                0xB3,
                " A",
                0xCC,
                0x8A,
                "\"}"));
        assertEquals(text, escaped.get("t").textValue());
        assertEquals(text, raw.get("t").textValue());
    }
}
