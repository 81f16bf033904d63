package org.tsunagu.protocol.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsunagu.protocol.MalformedMessageException;
import org.tsunagu.protocol.sign.StructuredFields.ByteSequence;
import org.tsunagu.protocol.sign.StructuredFields.InnerList;
import org.tsunagu.protocol.sign.StructuredFields.Item;
import org.tsunagu.protocol.sign.StructuredFields.Member;
import org.tsunagu.protocol.sign.StructuredFields.Token;

class StructuredFieldsTest {
    private static Map<String, Member> parse(String value) {
        return StructuredFields.parseDictionary(value, "X-Test");
    }

    @Test
    void parseDictionary_innerListWithParameters_readsAllTypes() {
        Map<String, Member> d = parse(
                "sig1=(\"@method\" \"content-digest\");created=1618884473;keyid=\"a\\\"b\\\\c\";flag;t=tok/x:1;n=-4.5,"
                        + "  sig2=:AAEC:;q=?0\t, bare");
        assertEquals(List.of("sig1", "sig2", "bare"), List.copyOf(d.keySet()));
        InnerList list = assertInstanceOf(InnerList.class, d.get("sig1"));
        assertEquals(
                List.of("@method", "content-digest"),
                list.items().stream().map(Item::value).toList());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("created", 1618884473L);
        expected.put("keyid", "a\"b\\c");
        expected.put("flag", true);
        expected.put("t", new Token("tok/x:1"));
        expected.put("n", new BigDecimal("-4.5"));
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(list.params().entrySet()));
        Item bytes = assertInstanceOf(Item.class, d.get("sig2"));
        assertEquals(new ByteSequence("AAEC"), bytes.value());
        assertEquals(Map.of("q", false), bytes.params());
        assertEquals(true, ((Item) d.get("bare")).value());
    }

    @Test
    void parseDictionary_emptyOrSpaces_givesEmpty() {
        assertEquals(Map.of(), parse(""));
        assertEquals(Map.of(), parse("   "));
    }

    @Test
    void serializeInnerList_escapesAndKeepsParameterOrder() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("keyid", "a\"b\\c");
        params.put("created", 5L);
        params.put("flag", true);
        assertEquals(
                "(\"@method\" \"date\");keyid=\"a\\\"b\\\\c\";created=5;flag",
                StructuredFields.serializeInnerList(List.of("@method", "date"), params));
    }

    @Test
    void serializeThenParse_roundTrips() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("keyid", "ed25519:abc_-");
        params.put("created", 999_999_999_999_999L);
        String text = "sig1=" + StructuredFields.serializeInnerList(List.of("@target-uri"), params);
        InnerList list = (InnerList) parse(text).get("sig1");
        assertEquals(List.copyOf(params.entrySet()), List.copyOf(list.params().entrySet()));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(
            strings = {
                "sig1=(\"a\"",
                "sig1=(\"a\"\"b\")",
                "sig1=\"unterminated",
                "sig1=\"bad\\escape\"",
                "sig1=\"tab\there\"",
                "sig1=:AAE*:",
                "sig1=:AAEC",
                "sig1=:A=AA:",
                "sig1=1234567890123456",
                "sig1=1234567890123.5",
                "sig1=1.2345",
                "sig1=1.",
                "sig1=-",
                "sig1=?2",
                "Sig1=1",
                "1sig=1",
                "sig1=1,",
                "sig1=1,,sig2=2",
                "sig1=1 sig2=2",
                "sig1=1, sig1=2",
                "sig1=();a=1;a=2",
                "sig1=();=1",
                "sig1=(\"a\");created=",
                "sig1=\"caf\u00e9\"",
                "sig1=@",
                "sig1=(\"a\")x",
                "\tsig1=1",
                "sig1=1\n",
            })
    void parseDictionary_malformed_throwsMalformedNamingField(String value) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> parse(value));
        assertEquals("X-Test", e.path());
    }

    @Test
    void parseDictionary_tooLong_throwsMalformed() {
        String huge = "a=" + "1".repeat(15) + (", a=1").repeat(StructuredFields.MAX_FIELD_LENGTH / 5);
        assertThrows(MalformedMessageException.class, () -> parse(huge));
    }

    /**
     * Random strings over the characters that matter to the grammar: the parser either returns or throws
     * MalformedMessageException; any other exception (index out of bounds, number format) is a bug.
     */
    @Test
    void parseDictionary_randomInput_onlyEverThrowsMalformed() {
        String alphabet = "sig1=():;,\"\\ ?-.*/+=09azAZ\t\u00e9\n";
        Random random = new Random(9421);
        for (int i = 0; i < 20_000; i++) {
            // Half the inputs start well, so the parser gets deep before it meets the noise.
            StringBuilder s = new StringBuilder(random.nextBoolean() ? "sig1=(\"@method\" " : "");
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                parse(s.toString());
            } catch (MalformedMessageException expected) {
                // fine
            } catch (RuntimeException e) {
                throw new AssertionError("input \"" + s + "\" raised " + e, e);
            }
        }
    }
}
