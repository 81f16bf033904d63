package org.tsunagu.protocol.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsunagu.protocol.InvalidSignatureException;
import org.tsunagu.protocol.MalformedMessageException;
import org.tsunagu.protocol.ProtocolException;

class ContentDigestTest {
    /** RFC 9530's example body and its sha-256 Content-Digest. */
    private static final byte[] HELLO = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

    private static final String HELLO_SHA256 = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";
    private static final String HELLO_SHA512 =
            "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";

    @Test
    void sha256_rfc9530Example_matchesRfc() {
        assertEquals(HELLO_SHA256, ContentDigest.sha256(HELLO));
    }

    @Test
    void verify_rfc9530Example_passes() {
        ContentDigest.verify(HELLO_SHA256, HELLO);
        ContentDigest.verify(HELLO_SHA256 + ", " + HELLO_SHA512, HELLO);
        ContentDigest.verify("md5=:AAAA:, " + HELLO_SHA256, HELLO); // unknown algorithms are ignored
    }

    @Test
    void verify_bodyChanged_throwsInvalid() {
        byte[] other = "{\"hello\": \"World\"}".getBytes(StandardCharsets.UTF_8);
        InvalidSignatureException e =
                assertThrows(InvalidSignatureException.class, () -> ContentDigest.verify(HELLO_SHA256, other));
        assertEquals(ContentDigest.HEADER, e.path());
    }

    @Test
    void verify_sha512Wrong_throwsInvalid() {
        String wrong512 = ContentDigest.sha256(HELLO).replace("sha-256", "sha-512");
        assertThrows(
                InvalidSignatureException.class, () -> ContentDigest.verify(HELLO_SHA256 + ", " + wrong512, HELLO));
    }

    @Test
    void verify_onlySha512_throwsInvalidSha256Required() {
        assertThrows(InvalidSignatureException.class, () -> ContentDigest.verify(HELLO_SHA512, HELLO));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(
            strings = {
                "",
                "sha-256",
                "sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=",
                "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=",
                "sha-256=\"X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\"",
                "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
                "sha-256=:X48E9q*okqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
                "SHA-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
                "sha-256=(:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:)",
                "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:,",
            })
    void verify_garbled_throwsProtocolExceptionNamingHeader(String value) {
        // Either Malformed (cannot be read) or Invalid (read, but no usable sha-256): never anything else.
        ProtocolException e = assertThrows(ProtocolException.class, () -> ContentDigest.verify(value, HELLO));
        assertEquals(ContentDigest.HEADER, e.path());
        if (!(e instanceof MalformedMessageException || e instanceof InvalidSignatureException)) {
            throw new AssertionError("unexpected " + e.getClass());
        }
    }
}
