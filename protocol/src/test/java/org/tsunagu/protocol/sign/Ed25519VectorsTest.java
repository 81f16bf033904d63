package org.tsunagu.protocol.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsunagu.protocol.InvalidSignatureException;
import org.tsunagu.protocol.MalformedMessageException;
import org.tsunagu.protocol.ProtocolException;

/**
 * Runs every Ed25519 vector we carry (see {@code vectors/ed25519/SOURCES.md}) through {@link
 * Ed25519KeyPair} and {@link Ed25519PublicKey}.
 */
class Ed25519VectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A known-good vector: seed, public key, message and signature. */
    record Vector(byte[] seed, byte[] publicKey, byte[] message, byte[] signature) {}

    static InputStream resource(String name) {
        InputStream in = Ed25519VectorsTest.class.getResourceAsStream("/vectors/ed25519/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }

    static JsonNode json(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return JSON.readTree(in);
        }
    }

    static Stream<Arguments> rfc8032() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : json("rfc8032-ed25519.json").get("cases")) {
            Vector v = new Vector(
                    HEX.parseHex(c.get("secret_key").asText()),
                    HEX.parseHex(c.get("public_key").asText()),
                    HEX.parseHex(c.get("message").asText()),
                    HEX.parseHex(c.get("signature").asText()));
            cases.add(Arguments.of(c.get("name").asText(), v));
        }
        assertEquals(5, cases.size(), "RFC 8032 §7.1 has five Ed25519 vectors");
        return cases.stream();
    }

    /**
     * Reads {@code sign.input}, checking its shape on every line: four colon-terminated fields, the
     * public key repeated in the first and second, the message repeated after the signature, and
     * line n carrying an (n-1)-byte message.
     */
    static Stream<Arguments> signInput() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(resource("sign.input"), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int number = cases.size() + 1;
                String[] f = line.split(":", -1);
                if (f.length != 5 || !f[4].isEmpty()) {
                    fail("sign.input line " + number + ": expected 4 colon-terminated fields");
                }
                byte[] secretAndPublic = HEX.parseHex(f[0]);
                byte[] publicKey = HEX.parseHex(f[1]);
                byte[] message = HEX.parseHex(f[2]);
                byte[] signatureAndMessage = HEX.parseHex(f[3]);
                assertEquals(64, secretAndPublic.length, "line " + number + " secret||public");
                assertEquals(32, publicKey.length, "line " + number + " public key");
                assertArrayEquals(publicKey, Arrays.copyOfRange(secretAndPublic, 32, 64), "line " + number);
                assertEquals(number - 1, message.length, "line " + number + " message length");
                assertEquals(64 + message.length, signatureAndMessage.length, "line " + number);
                assertArrayEquals(message, Arrays.copyOfRange(signatureAndMessage, 64, signatureAndMessage.length));
                Vector v = new Vector(
                        Arrays.copyOf(secretAndPublic, 32), publicKey, message, Arrays.copyOf(signatureAndMessage, 64));
                cases.add(Arguments.of("line " + number + " (" + message.length + "-byte message)", v));
            }
        }
        assertEquals(1024, cases.size(), "sign.input has 1024 lines");
        return cases.stream();
    }

    @ParameterizedTest(name = "RFC 8032 {0}")
    @MethodSource("rfc8032")
    void rfc8032_vector_derivesKeySignsAndVerifies(String name, Vector v) {
        checkKnownGood(v);
    }

    @ParameterizedTest(name = "sign.input {0}")
    @MethodSource("signInput")
    void signInput_vector_derivesKeySignsAndVerifies(String name, Vector v) {
        checkKnownGood(v);
    }

    private static void checkKnownGood(Vector v) {
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(v.seed());
        assertArrayEquals(v.publicKey(), pair.publicKey().toBytes(), "public key derived from the seed");
        assertArrayEquals(v.signature(), pair.sign(v.message()), "deterministic signature");
        Ed25519PublicKey key = Ed25519PublicKey.fromBytes(v.publicKey());
        key.verify(v.message(), v.signature());

        // Every good vector has a tampered twin that must fail: one bit of the message or signature.
        byte[] otherMessage = Arrays.copyOf(v.message(), v.message().length + 1);
        assertThrows(InvalidSignatureException.class, () -> key.verify(otherMessage, v.signature()));
        byte[] flipped = v.signature().clone();
        flipped[v.message().length % 64] ^= 0x01;
        assertThrows(InvalidSignatureException.class, () -> key.verify(v.message(), flipped));
    }

    /** One Wycheproof case with its group's public key. */
    record WycheproofCase(
            int tcId, String result, String flags, String comment, String publicKey, String msg, String sig) {
        @Override
        public String toString() {
            return "tcId " + tcId + " " + result + " " + flags + (comment.isEmpty() ? "" : " (" + comment + ")");
        }
    }

    static Stream<WycheproofCase> wycheproof() throws IOException {
        JsonNode root = json("wycheproof/ed25519_test.json");
        List<WycheproofCase> cases = new ArrayList<>();
        for (JsonNode group : root.get("testGroups")) {
            String pk = group.get("publicKey").get("pk").asText();
            for (JsonNode t : group.get("tests")) {
                List<String> flags = new ArrayList<>();
                t.get("flags").forEach(f -> flags.add(f.asText()));
                cases.add(new WycheproofCase(
                        t.get("tcId").asInt(),
                        t.get("result").asText(),
                        String.join(",", flags),
                        t.get("comment").asText(),
                        pk,
                        t.get("msg").asText(),
                        t.get("sig").asText()));
            }
        }
        assertEquals(root.get("numberOfTests").asInt(), cases.size(), "numberOfTests matches the cases read");
        return cases.stream();
    }

    /**
     * Every Wycheproof case with its expected result. A valid case must verify; an invalid one must be
     * refused, either when the public key is read (MalformedMessageException) or when the signature is
     * checked (InvalidSignatureException), never by returning. This version of the file has no
     * "acceptable" case; should one appear, the test fails so that a decision is made and written down.
     */
    @ParameterizedTest(name = "Wycheproof {0}")
    @MethodSource("wycheproof")
    void wycheproof_case_matchesExpectedResult(WycheproofCase c) {
        byte[] msg = HEX.parseHex(c.msg());
        byte[] sig = HEX.parseHex(c.sig());
        switch (c.result()) {
            case "valid" ->
                Ed25519PublicKey.fromBytes(HEX.parseHex(c.publicKey())).verify(msg, sig);
            case "invalid" -> {
                ProtocolException e = assertThrows(
                        ProtocolException.class,
                        () -> Ed25519PublicKey.fromBytes(HEX.parseHex(c.publicKey()))
                                .verify(msg, sig));
                if (!(e instanceof InvalidSignatureException || e instanceof MalformedMessageException)) {
                    fail("unexpected exception type " + e.getClass().getName());
                }
            }
            default -> fail("result '" + c.result() + "' has no documented decision yet");
        }
    }

    /**
     * The encodings of the eight points of small order (the list libsodium blocks). With such a key,
     * one signature (R = a small-order point, S = 0) verifies for many messages, so the key itself is
     * refused when it is read.
     */
    @ParameterizedTest(name = "small-order point {0}")
    @ValueSource(
            strings = {
                "0100000000000000000000000000000000000000000000000000000000000000",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0000000000000000000000000000000000000000000000000000000000000080",
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"
            })
    void fromBytes_smallOrderPoint_throwsMalformed(String hex) {
        assertThrows(MalformedMessageException.class, () -> Ed25519PublicKey.fromBytes(HEX.parseHex(hex)));
    }

    @Test
    void fromBytes_pointWithTorsionComponent_throwsMalformed() {
        // A + T, with T = (0, -1) of order 2, is (-x, -y): on the curve, not of small order, but outside
        // the prime-order subgroup. Only full validation (the order check) refuses it.
        byte[] a = Ed25519KeyPair.fromSeed(new byte[32]).publicKey().toBytes();
        BigInteger p = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
        byte[] y = a.clone();
        y[31] &= 0x7f;
        byte[] encoded = littleEndian32(p.subtract(fromLittleEndian(y)));
        encoded[31] |= (byte) (~a[31] & 0x80); // x is not 0, so -x has the other sign bit
        Ed25519PublicKey.fromBytes(a);
        assertThrows(MalformedMessageException.class, () -> Ed25519PublicKey.fromBytes(encoded));
    }

    @Test
    void fromBytes_wrongLength_throwsMalformed() {
        assertThrows(MalformedMessageException.class, () -> Ed25519PublicKey.fromBytes(new byte[31]));
        assertThrows(MalformedMessageException.class, () -> Ed25519PublicKey.fromBytes(new byte[33]));
        assertThrows(MalformedMessageException.class, () -> Ed25519PublicKey.fromBytes(null));
    }

    @Test
    void fromBytes_yNotCanonical_throwsMalformed() {
        // y = p = 2^255 - 19 is the non-canonical encoding of y = 0.
        byte[] p = HEX.parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        assertThrows(MalformedMessageException.class, () -> Ed25519PublicKey.fromBytes(p));
    }

    @Test
    void verify_signatureWrongLength_throwsInvalidSignature() {
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(new byte[32]);
        byte[] msg = {1, 2, 3};
        byte[] sig = pair.sign(msg);
        Ed25519PublicKey key = pair.publicKey();
        assertThrows(InvalidSignatureException.class, () -> key.verify(msg, Arrays.copyOf(sig, 63)));
        assertThrows(InvalidSignatureException.class, () -> key.verify(msg, Arrays.copyOf(sig, 65)));
        assertThrows(InvalidSignatureException.class, () -> key.verify(msg, null));
    }

    @Test
    void verify_sPlusGroupOrder_throwsInvalidSignature() {
        // S + L keeps the verification equation true; only the S < L check refuses it (malleability).
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(new byte[32]);
        byte[] msg = "tsunagu".getBytes(StandardCharsets.UTF_8);
        byte[] sig = pair.sign(msg);
        BigInteger l = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
        BigInteger s = fromLittleEndian(Arrays.copyOfRange(sig, 32, 64));
        byte[] malleable = Arrays.copyOf(sig, 64);
        System.arraycopy(littleEndian32(s.add(l)), 0, malleable, 32, 32);
        pair.publicKey().verify(msg, sig);
        assertThrows(InvalidSignatureException.class, () -> pair.publicKey().verify(msg, malleable));
    }

    private static BigInteger fromLittleEndian(byte[] b) {
        byte[] big = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            big[i] = b[b.length - 1 - i];
        }
        return new BigInteger(1, big);
    }

    private static byte[] littleEndian32(BigInteger v) {
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = v.shiftRight(8 * i).byteValue();
        }
        return out;
    }
}
