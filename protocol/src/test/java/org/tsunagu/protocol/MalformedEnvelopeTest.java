package org.tsunagu.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Malformed envelopes, each made from a genuinely signed one by changing its tree or its bytes, go
 * through {@link Envelope#parse(byte[])} and come out as the expected {@link ProtocolException}
 * subclass naming the member, and as nothing else (no NullPointerException, no Jackson exception,
 * no StackOverflowError).
 */
class MalformedEnvelopeTest {
    private static final Ed25519KeyPair KEY = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final HubId ORIGIN = HubId.of("jp-janic");
    private static final Instant TS = Instant.parse("2026-11-29T02:00:00Z");
    private static final Envelope FIRST = Envelope.sign(ORIGIN, 1, null, TS, UpdateType.ORG_UPSERT, body(), KEY);
    private static final Envelope SECOND =
            Envelope.sign(ORIGIN, 2, FIRST.hash(), TS, UpdateType.ORG_REMOVE, body(), KEY);
    private static final String NAME = "日本NGO連携";
    private static final Class<MalformedMessageException> MALFORMED = MalformedMessageException.class;

    private static ObjectNode body() {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("id", "org-1").put("name", "日本NGO連携").put("country", "JP");
        return b;
    }

    /** The envelope's tree changed by {@code change}, written as (non-canonical) JSON text. */
    private static byte[] changed(Envelope base, Consumer<ObjectNode> change) {
        ObjectNode tree = base.toJson();
        change.accept(tree);
        try {
            return StrictJson.mapper().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Envelope base) {
        return base.canonicalJson();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical bytes of FIRST with the UTF-8 of {@code target} replaced by raw {@code bytes}. */
    private static byte[] spliced(String target, int... bytes) {
        byte[] whole = FIRST.canonicalBytes();
        byte[] replaced = utf8(target);
        int at = indexOf(whole, replaced);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(whole, 0, at);
        for (int b : bytes) {
            out.write(b);
        }
        out.write(whole, at + replaced.length, whole.length - at - replaced.length);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalStateException("not found");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String keyOf(byte[] raw) {
        return KeyId.PREFIX + Base64Url.encode(raw);
    }

    private static byte[] bytes(int length, int first, int last) {
        byte[] b = new byte[length];
        b[0] = (byte) first;
        b[length - 1] |= (byte) last;
        return b;
    }

    /** FIRST's signature with a bit set in the 4 bits that base64url's last character leaves unused. */
    private static String nonCanonicalSig() {
        String sig = FIRST.sig();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(sig.charAt(sig.length() - 1));
        return sig.substring(0, sig.length() - 1) + alphabet.charAt(last ^ 1);
    }

    private static JsonNode nestedArrays(int depth) {
        return StrictJson.parse(utf8(deepArrays(depth)));
    }

    private static String deepArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static Arguments bad(String name, byte[] input, String path) {
        return Arguments.of(name, input, MALFORMED, path);
    }

    static Stream<Arguments> malformed() {
        String canonical = text(FIRST);
        return Stream.of(
                // sig
                bad("sig not base64url", changed(FIRST, t -> t.put("sig", "!!!!")), "$.sig"),
                bad("sig padded", changed(FIRST, t -> t.put("sig", FIRST.sig() + "==")), "$.sig"),
                bad(
                        "sig standard alphabet",
                        changed(FIRST, t -> t.put("sig", "+/" + FIRST.sig().substring(2))),
                        "$.sig"),
                bad("sig unused bits set", changed(FIRST, t -> t.put("sig", nonCanonicalSig())), "$.sig"),
                bad("sig 63 bytes", changed(FIRST, t -> t.put("sig", Base64Url.encode(new byte[63]))), "$.sig"),
                bad("sig 65 bytes", changed(FIRST, t -> t.put("sig", Base64Url.encode(new byte[65]))), "$.sig"),
                bad("sig empty", changed(FIRST, t -> t.put("sig", "")), "$.sig"),
                bad("sig a number", changed(FIRST, t -> t.put("sig", 7)), "$.sig"),
                bad("sig null", changed(FIRST, t -> t.putNull("sig")), "$.sig"),
                bad("sig control character", utf8(canonical.replace(FIRST.sig(), "\u0000")), "$.sig"),
                bad("sig not UTF-8", spliced(FIRST.sig(), 0xC0, 0x80), "$.sig"),
                // key
                bad(
                        "key without prefix",
                        changed(FIRST, t -> t.put("key", FIRST.key().value().substring(8))),
                        "$.key"),
                bad(
                        "key other algorithm",
                        changed(
                                FIRST,
                                t -> t.put("key", "ed448:" + FIRST.key().value().substring(8))),
                        "$.key"),
                bad("key bad base64", changed(FIRST, t -> t.put("key", "ed25519:***")), "$.key"),
                bad(
                        "key padded base64",
                        changed(FIRST, t -> t.put("key", FIRST.key().value() + "=")),
                        "$.key"),
                bad("key 31 bytes", changed(FIRST, t -> t.put("key", keyOf(new byte[31]))), "$.key"),
                bad("key 33 bytes", changed(FIRST, t -> t.put("key", keyOf(new byte[33]))), "$.key"),
                bad("key y=2 not on the curve", changed(FIRST, t -> t.put("key", keyOf(bytes(32, 2, 0)))), "$.key"),
                bad("key identity, small order", changed(FIRST, t -> t.put("key", keyOf(bytes(32, 1, 0)))), "$.key"),
                bad("key y=p not canonical", changed(FIRST, t -> t.put("key", keyOf(notCanonicalY()))), "$.key"),
                bad("key an object", changed(FIRST, t -> t.putObject("key")), "$.key"),
                // type
                bad("type unknown", changed(FIRST, t -> t.put("type", "org.patch")), "$.type"),
                bad("type upper case", changed(FIRST, t -> t.put("type", "ORG.UPSERT")), "$.type"),
                bad("type a number", changed(FIRST, t -> t.put("type", 1)), "$.type"),
                // members
                bad("v missing", changed(FIRST, t -> t.remove("v")), "$.v"),
                bad("origin missing", changed(FIRST, t -> t.remove("origin")), "$.origin"),
                bad("seq missing", changed(FIRST, t -> t.remove("seq")), "$.seq"),
                bad("prev missing", changed(FIRST, t -> t.remove("prev")), "$.prev"),
                bad("ts missing", changed(FIRST, t -> t.remove("ts")), "$.ts"),
                bad("type missing", changed(FIRST, t -> t.remove("type")), "$.type"),
                bad("body missing", changed(FIRST, t -> t.remove("body")), "$.body"),
                bad("key missing", changed(FIRST, t -> t.remove("key")), "$.key"),
                bad("sig missing", changed(FIRST, t -> t.remove("sig")), "$.sig"),
                bad("extra member", changed(FIRST, t -> t.put("extra", 1)), "$.extra"),
                bad("member name case", changed(FIRST, t -> t.set("Sig", t.remove("sig"))), "$.Sig"),
                bad("member twice", utf8("{\"seq\":1," + canonical.substring(1)), "$.seq"),
                // v
                bad("v 3", changed(FIRST, t -> t.put("v", 3)), "$.v"),
                bad("v 2 with version 1 members", changed(FIRST, t -> t.put("v", 2)), "$.body_digest"),
                bad("v 0", changed(FIRST, t -> t.put("v", 0)), "$.v"),
                bad("v 1.5", changed(FIRST, t -> t.put("v", 1.5)), "$.v"),
                bad("v a string", changed(FIRST, t -> t.put("v", "1")), "$.v"),
                bad("v null", changed(FIRST, t -> t.putNull("v")), "$.v"),
                bad("v true", changed(FIRST, t -> t.put("v", true)), "$.v"),
                // origin
                bad("origin upper case", changed(FIRST, t -> t.put("origin", "JP-JANIC")), "$.origin"),
                bad("origin empty", changed(FIRST, t -> t.put("origin", "")), "$.origin"),
                bad("origin a number", changed(FIRST, t -> t.put("origin", 81)), "$.origin"),
                // seq
                bad("seq 0", changed(FIRST, t -> t.put("seq", 0)), "$.seq"),
                bad("seq negative", changed(FIRST, t -> t.put("seq", -1)), "$.seq"),
                bad("seq fractional", changed(FIRST, t -> t.put("seq", 1.5)), "$.seq"),
                bad("seq a string", changed(FIRST, t -> t.put("seq", "1")), "$.seq"),
                bad("seq null", changed(FIRST, t -> t.putNull("seq")), "$.seq"),
                bad("seq 2^53", changed(SECOND, t -> t.put("seq", 1L << 53)), "$.seq"),
                bad("seq 2^64", changed(SECOND, t -> t.put("seq", BigInteger.TWO.pow(64))), "$.seq"),
                bad("seq 1e300", changed(SECOND, t -> t.put("seq", 1e300)), "$.seq"),
                bad("seq 1e400", utf8(text(SECOND).replace("\"seq\":2", "\"seq\":1e400")), "$.seq"),
                // prev
                bad("prev at seq 1", changed(FIRST, t -> t.put("prev", FIRST.hash())), "$.prev"),
                bad("prev null after seq 1", changed(SECOND, t -> t.putNull("prev")), "$.prev"),
                bad("prev short", changed(SECOND, t -> t.put("prev", "sha256:xyz")), "$.prev"),
                bad(
                        "prev other algorithm",
                        changed(SECOND, t -> t.put("prev", FIRST.hash().replace("sha256:", "sha512:"))),
                        "$.prev"),
                bad(
                        "prev padded",
                        changed(SECOND, t -> t.put("prev", FIRST.hash().substring(0, 49) + "=")),
                        "$.prev"),
                bad(
                        "prev bad character",
                        changed(SECOND, t -> t.put("prev", FIRST.hash().substring(0, 49) + "+")),
                        "$.prev"),
                bad("prev a number", changed(SECOND, t -> t.put("prev", 1)), "$.prev"),
                bad("prev an array", changed(SECOND, t -> t.putArray("prev").add(FIRST.hash())), "$.prev"),
                // ts
                bad("ts with offset", changed(FIRST, t -> t.put("ts", "2026-11-29T11:00:00+09:00")), "$.ts"),
                bad("ts without zone", changed(FIRST, t -> t.put("ts", "2026-11-29T02:00:00")), "$.ts"),
                bad("ts lower-case z", changed(FIRST, t -> t.put("ts", "2026-11-29T02:00:00z")), "$.ts"),
                bad("ts with space", changed(FIRST, t -> t.put("ts", "2026-11-29 02:00:00Z")), "$.ts"),
                bad("ts no such date", changed(FIRST, t -> t.put("ts", "2026-02-30T00:00:00Z")), "$.ts"),
                bad("ts no such time", changed(FIRST, t -> t.put("ts", "2026-13-45T99:00:00Z")), "$.ts"),
                bad("ts words", changed(FIRST, t -> t.put("ts", "yesterday")), "$.ts"),
                bad("ts epoch seconds", changed(FIRST, t -> t.put("ts", 1764381600)), "$.ts"),
                // body
                bad("body an array", changed(FIRST, t -> t.putArray("body")), "$.body"),
                bad("body a string", changed(FIRST, t -> t.put("body", "{}")), "$.body"),
                bad("body null", changed(FIRST, t -> t.putNull("body")), "$.body"),
                bad(
                        "body over 64 KiB",
                        changed(
                                FIRST,
                                t -> ((ObjectNode) t.get("body"))
                                        .put("description", "x".repeat(Envelope.MAX_BODY_BYTES))),
                        "$.body"),
                bad(
                        "body nested too deep",
                        changed(FIRST, t -> ((ObjectNode) t.get("body")).set("deep", nestedArrays(31))),
                        "$.body.deep"),
                bad("body lone surrogate", utf8(canonical.replace(NAME, "\\ud800")), "$.body.name"),
                bad("body noncharacter", utf8(canonical.replace(NAME, "\\uffff")), "$.body.name"),
                bad("body duplicate member", utf8(canonical.replace("\"id\"", "\"name\"")), "$.body.name"),
                bad(
                        "body huge integer",
                        utf8(canonical.replace("\"" + NAME + "\"", "12345678901234567890")),
                        "$.body.name"),
                bad("body 1e400", utf8(canonical.replace("\"" + NAME + "\"", "1e400")), "$.body.name"),
                bad("body NaN", utf8(canonical.replace("\"" + NAME + "\"", "NaN")), "$.body.name"),
                bad("body overlong UTF-8", spliced(NAME, 0xC0, 0xAF), "$.body.name"),
                bad("body truncated UTF-8", spliced(NAME, 0xE6, 0x97), "$.body.name"),
                bad("body surrogate in UTF-8", spliced(NAME, 0xED, 0xA0, 0x80), "$.body.name"),
                bad("body 0xFF byte", spliced(NAME, 0xFF), "$.body.name"),
                // the message as a whole
                bad("empty", new byte[0], "$"),
                bad("only whitespace", utf8(" \r\n"), "$"),
                bad("array at top", utf8("[" + canonical + "]"), "$"),
                bad("string at top", utf8("\"envelope\""), "$"),
                bad("null at top", utf8("null"), "$"),
                bad("trailing garbage", utf8(canonical + "x"), "$"),
                bad("trailing object", utf8(canonical + "{}"), "$"),
                bad("trailing bracket", utf8(canonical + "]"), "$"),
                bad(
                        "byte order mark",
                        concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(canonical)),
                        "$"),
                bad("over 256 KiB", utf8(canonical + " ".repeat(StrictJson.MAX_MESSAGE_BYTES)), "$"),
                bad("not JSON", utf8("v=1&origin=jp-janic"), "$"));
    }

    /** y = p = 2^255 − 19 in little-endian: the non-canonical encoding of y = 0. */
    private static byte[] notCanonicalY() {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) 0xFF);
        b[0] = (byte) 0xED;
        b[31] = 0x7F;
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void parse_malformedEnvelope_throwsExactSubclassNamingMember(
            String name, byte[] input, Class<? extends ProtocolException> expected, String path) {
        ProtocolException e = parseExpectingFailure(input);
        assertEquals(expected, e.getClass(), () -> name + ": " + e);
        assertEquals(path, shortPath(e.path()), () -> name + ": " + e.getMessage());
    }

    /** A path down into a too-deep body is long; the table names where it starts. */
    private static String shortPath(String path) {
        return path.startsWith("$.body.deep") ? "$.body.deep" : path;
    }

    @Test
    void parse_bodyNestedToTheLimit_isAccepted() {
        // envelope (1) + body (2) + 30 arrays = 32 levels: the deepest a message may be
        ObjectNode tree = FIRST.toJson();
        ((ObjectNode) tree.get("body")).set("deep", nestedArrays(30));
        Envelope parsed = Envelope.parse(tree.toString());
        assertEquals(30, depthOf(parsed.body().get("deep")));
        MalformedMessageException e = (MalformedMessageException)
                parseExpectingFailure(utf8(tree.toString().replace(deepArrays(30), deepArrays(31))));
        assertTrue(e.getMessage().contains("deeper than 32"), e::getMessage);
    }

    @Test
    void parse_validEnvelopesTheCasesStartFrom_areAccepted() {
        for (Envelope e : new Envelope[] {FIRST, SECOND}) {
            Envelope parsed = Envelope.parse(e.canonicalBytes());
            parsed.verifySignature(KEY.publicKey());
            assertEquals(e.hash(), Envelope.parse(changed(e, t -> {})).hash());
        }
    }

    @Test
    void parse_numbersWrittenOtherwise_readAsTheSameEnvelope() {
        // JCS compares values, not spellings: seq 1.0 is seq 1, and the signature still verifies.
        Envelope parsed =
                Envelope.parse(text(FIRST).replace("\"seq\":1", "\"seq\":1.0").replace("\"v\":1", "\"v\":1e0"));
        assertEquals(FIRST.hash(), parsed.hash());
        parsed.verifySignature(KEY.publicKey());
    }

    /**
     * Every truncation and many one-byte changes of a valid envelope: each parses or fails with a
     * ProtocolException whose path is a JSON path, never with anything else.
     */
    @Test
    void parse_everyTruncationAndByteChange_failsOnlyWithProtocolException() {
        byte[] valid = SECOND.canonicalBytes();
        byte[] replacements = utf8("\u0000\"\\{}[],:0-e.9 ");
        int cases = 0;
        for (int i = 0; i < valid.length; i++) {
            checkOnlyProtocolExceptions(Arrays.copyOf(valid, i));
            byte[] dropped = concat(Arrays.copyOf(valid, i), Arrays.copyOfRange(valid, i + 1, valid.length));
            checkOnlyProtocolExceptions(dropped);
            for (int r : concat(replacements, new byte[] {(byte) 0x80, (byte) 0xC3, (byte) 0xFF})) {
                byte[] changed = valid.clone();
                changed[i] = (byte) r;
                checkOnlyProtocolExceptions(changed);
                cases++;
            }
        }
        assertTrue(cases > 5000, "every byte position was changed");
    }

    private static void checkOnlyProtocolExceptions(byte[] input) {
        try {
            Envelope.parse(input);
        } catch (ProtocolException e) {
            assertTrue(e.path().startsWith("$"), e::path);
        } catch (Throwable t) {
            fail("escaped: " + t + " for " + new String(input, StandardCharsets.UTF_8), t);
        }
    }

    private static ProtocolException parseExpectingFailure(byte[] input) {
        try {
            Envelope e = Envelope.parse(input);
            return fail("accepted: " + e.canonicalJson());
        } catch (ProtocolException e) {
            return e;
        } catch (Throwable t) {
            return fail("escaped: " + t, t);
        }
    }

    private static int depthOf(JsonNode n) {
        int depth = 0;
        while (n != null && n.isArray()) {
            depth++;
            n = n.size() > 0 ? n.get(0) : null;
        }
        return depth;
    }
}
