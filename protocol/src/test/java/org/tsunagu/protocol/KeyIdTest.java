package org.tsunagu.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

class KeyIdTest {
    private static String id(byte[] point) {
        return KeyId.PREFIX + Base64Url.encode(point);
    }

    @Test
    void parse_mixedOrderPoint_isAnIdButPublicKeyRejectsIt() {
        byte[] valid = Ed25519KeyPair.fromSeed(new byte[32]).publicKey().toBytes();
        KeyId id = KeyId.parse(id(TestPoints.mixedOrder(valid)), "$.key");
        assertThrows(MalformedMessageException.class, id::publicKey);
    }

    @Test
    void parse_smallOrderPoint_throwsNamingPath() {
        MalformedMessageException ex =
                assertThrows(MalformedMessageException.class, () -> KeyId.parse(id(TestPoints.neutral()), "$.key"));
        assertEquals("$.key", ex.path());
    }

    @Test
    void parse_bytesOffTheCurve_throwsNamingPath() {
        byte[] offCurve = new byte[32]; // y = 2 has no x on edwards25519
        offCurve[0] = 2;
        MalformedMessageException ex =
                assertThrows(MalformedMessageException.class, () -> KeyId.parse(id(offCurve), "$.key"));
        assertEquals("$.key", ex.path());
    }

    @Test
    void publicKey_validId_roundTrips() {
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(new byte[32]);
        KeyId id = pair.publicKey().keyId();
        assertEquals(pair.publicKey(), KeyId.parse(id.value(), "$.key").publicKey());
    }

    @Test
    void fingerprint_isHexOfKeyDigestInFiveGroups() {
        KeyId id = Ed25519KeyPair.fromSeed(new byte[32]).publicKey().keyId();
        String hex =
                java.util.HexFormat.of().formatHex(Hashes.digest(id.publicKey().toBytes()), 0, 10);
        String expected = hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8, 12) + "-"
                + hex.substring(12, 16) + "-" + hex.substring(16, 20);
        assertEquals(expected, id.fingerprint());
        assertEquals(true, id.fingerprint().matches("[0-9a-f]{4}(-[0-9a-f]{4}){4}"));
    }
}
