package org.tsunagu.protocol.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.tsunagu.protocol.Hashes;

/**
 * Builds {@code canonical.json}: JSON texts and the exact RFC 8785 form each must take, or the
 * rejection our stricter input rules require. The expected forms are written out by hand here.
 */
final class CanonicalVectors {
    private final ArrayNode cases = JsonNodeFactory.instance.arrayNode();

    ArrayNode build() {
        same(
                "whitespace removed, members sorted, arrays keep their order",
                "{ \"b\" : 2, \"a\" : [ 3, 1 ],\n  \"c\" : { \"z\" : true, \"y\" : null } }",
                "{\"a\":[3,1],\"b\":2,\"c\":{\"y\":null,\"z\":true}}");
        same(
                "nested members sorted at every level",
                "{\"b\":[{\"d\":1,\"c\":2}],\"a\":{\"f\":{\"h\":1,\"g\":2}}}",
                "{\"a\":{\"f\":{\"g\":2,\"h\":1}},\"b\":[{\"c\":2,\"d\":1}]}");
        same("empty object, array and string", "{\"c\":\"\",\"b\":[],\"a\":{}}", "{\"a\":{},\"b\":[],\"c\":\"\"}");
        same("literals", "[true, false, null]", "[true,false,null]");
        same(
                "Japanese: kanji, hiragana and katakana members sorted by UTF-16 code unit",
                "{\"組織名\":\"日本NGO連携\",\"カナ\":\"ツナグ\",\"かな\":\"つなぐ\",\"id\":\"jp-1\"}",
                "{\"id\":\"jp-1\",\"かな\":\"つなぐ\",\"カナ\":\"ツナグ\",\"組織名\":\"日本NGO連携\"}");
        same(
                "Thai with combining vowels and tone marks, untouched",
                "{\"น้ำ\":\"water\",\"ชื่อ\":\"มูลนิธิเพื่อการพัฒนา\",\"ก\":1}",
                "{\"ก\":1,\"ชื่อ\":\"มูลนิธิเพื่อการพัฒนา\",\"น้ำ\":\"water\"}");
        same(
                "an emoji member sorts before U+FB01 and U+FF21: UTF-16 order, not code point order",
                "{\"ﬁ\":2,\"Ａ\":3,\"😀\":1,\"z\":4}",
                "{\"z\":4,\"😀\":1,\"ﬁ\":2,\"Ａ\":3}");
        same(
                "emoji, a ZWJ sequence and flags stay as they are",
                "[\"🌏\",\"👩‍👩‍👧\",\"🇯🇵🇹🇭\"]",
                "[\"🌏\",\"👩‍👩‍👧\",\"🇯🇵🇹🇭\"]");
        same(
                "\\u escapes of printable characters are decoded (either hex case, surrogate pairs joined)",
                "[\"\\u0041\\u00e9\\u00E9\\u65e5\\ud83c\\udf0f\"]",
                "[\"Aéé日🌏\"]");
        same(
                "quote, backslash and the five short escapes; \\/ becomes /",
                "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]",
                "[\"\\\"\\\\/\\b\\f\\n\\r\\t\"]");
        same(
                "other control characters as lower-case \\u00xx; DEL, U+2028 and U+2029 written raw",
                "[\"\\u0000\\u0001\\u001F\\u007f\\u2028\\u2029\"]",
                "[\"\\u0000\\u0001\\u001f\u007f\u2028\u2029\"]");
        same(
                "escaped member names sort by their decoded text",
                "{\"a\\\\b\":3,\"\\\"\":2,\"\\u0000\":1}",
                "{\"\\u0000\":1,\"\\\"\":2,\"a\\\\b\":3}");
        same(
                "decomposed text is not normalised by the canonical form (bodies reject it: NFC only)",
                "[\"e\\u0301\",\"é\"]",
                "[\"e\u0301\",\"é\"]");
        same(
                "numbers in the ECMAScript form",
                "[1.0, 1e2, 1E+2, -0, -0.0, 0.1, 35.70890, 1e21, 1e-7, 0.000001, 123456789012345.6,"
                        + " 1.0000000000000002, 0.30000000000000004, 5e-324, 1.7976931348623157e308]",
                "[1,100,100,0,0,0.1,35.7089,1e+21,1e-7,0.000001,123456789012345.6,"
                        + "1.0000000000000002,0.30000000000000004,5e-324,1.7976931348623157e+308]");
        same(
                "integral values written with a fraction or exponent are the same numbers",
                "[56, 56.0, 5.6e1, 1e24, 1E+24]",
                "[56,56,56,1e+24,1e+24]");
        same(
                "integers at the I-JSON limits",
                "[9007199254740991,-9007199254740991]",
                "[9007199254740991,-9007199254740991]");
        same("32 levels of nesting are allowed", "[".repeat(32) + "]".repeat(32), "[".repeat(32) + "]".repeat(32));

        rejected("33 levels of nesting", "[".repeat(33) + "]".repeat(33), "$" + "[0]".repeat(32));
        rejected("a member twice", "{\"a\":1,\"a\":2}", "$.a");
        rejected("a member twice, once escaped", "{\"a\":1,\"\\u0061\":2}", "$.a");
        rejected("lone high surrogate escape", "[\"\\ud83c\"]", "$[0]");
        rejected("lone low surrogate escape", "[\"\\udf0f x\"]", "$[0]");
        // Its path would have to spell the bad name, so none is given.
        rejected("lone surrogate in a member name", "{\"\\ud83c\":1}", null);
        rejected("integer 2^53", "[9007199254740992]", "$[0]");
        rejected("integer −2^53", "[-9007199254740992]", "$[0]");
        rejected("number beyond the double range", "[1e400]", "$[0]");
        rejected("number that underflows to zero", "[1e-400]", "$[0]");
        rejected("integral value 2^53 written with a fraction", "[9007199254740992.0]", "$[0]");
        rejected("exact integer literal beyond 2^53 (write 1e24)", "[1000000000000000000000000]", "$[0]");
        rejected("number literal over 64 characters", "[0." + "1".repeat(64) + "]", "$[0]");
        rejected("NaN", "[NaN]", "$[0]");
        rejected("Infinity", "[Infinity]", "$[0]");
        rejected("leading zero", "[01]", "$[0]");
        rejected("plus sign", "[+1]", "$[0]");
        rejected("fraction without a leading digit", "[.5]", "$[0]");
        rejected("fraction without digits", "[1.]", "$[0]");
        rejected("single quotes", "['a']", "$[0]");
        rejected("unquoted member name", "{a:1}", "$");
        rejected("comment", "[1 /* one */]", "$[0]");
        rejected("trailing comma", "[1,]", "$[1]");
        rejected("raw control character in a string", "[\"a\u0001b\"]", "$[0]");
        rejected("content after the value", "{} {}", "$");
        rejected("empty input", "", "$");
        rejectedHex("overlong UTF-8 encoding of /", "5b22c0af225d", "$[0]");
        rejectedHex("UTF-8 encoding of a surrogate", "5b22eda080225d", "$[0]");
        rejectedHex("lone UTF-8 continuation byte", "5b2280225d", "$[0]");
        rejectedHex("truncated UTF-8 sequence", "5b22e381225d", "$[0]");
        rejectedHex("UTF-8 beyond U+10FFFF", "5b22f4908080225d", "$[0]");
        rejectedHex(
                "UTF-16 (big endian)", HexFormat.of().formatHex("[\"a\"]".getBytes(StandardCharsets.UTF_16BE)), "$");
        rejectedHex("UTF-8 with a byte order mark", "efbbbf5b5d", "$");
        return cases;
    }

    private void same(String name, String input, String canonical) {
        ObjectNode c = cases.addObject();
        c.put("name", name);
        c.put("input", input);
        c.putObject("expected")
                .put("valid", true)
                .put("canonical", canonical)
                .put("hash", Hashes.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private void rejected(String name, String input, String path) {
        ObjectNode c = cases.addObject();
        c.put("name", name);
        c.put("input", input);
        ObjectNode expected = c.putObject("expected").put("valid", false).put("error", "malformed");
        if (path != null) {
            expected.put("path", path);
        }
    }

    private void rejectedHex(String name, String hex, String path) {
        ObjectNode c = cases.addObject();
        c.put("name", name);
        c.put("input_hex", hex);
        c.putObject("expected").put("valid", false).put("error", "malformed").put("path", path);
    }
}
