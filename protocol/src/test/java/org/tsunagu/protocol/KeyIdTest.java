package org.tsunagu.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

class KeyIdTest {
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    /**
     * A valid key's point plus the point of order 2, (0, −1): that is (−x, −y). It is on the curve and
     * not of small order, but outside the prime-order subgroup.
     */
    private static byte[] mixedOrder(byte[] encoded) {
        byte[] le = encoded.clone();
        boolean xOdd = (le[31] & 0x80) != 0;
        le[31] &= 0x7F;
        BigInteger y = new BigInteger(1, reverse(le));
        byte[] out = reverse(toFixed32(P.subtract(y)));
        if (!xOdd) { // −x flips the sign bit (x is never 0 for a valid public key)
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    private static byte[] toFixed32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    @Test
    void parse_mixedOrderPoint_isAnIdButPublicKeyRejectsIt() {
        byte[] valid = Ed25519KeyPair.fromSeed(new byte[32]).publicKey().toBytes();
        KeyId id = KeyId.parse("ed25519:" + Base64Url.encode(mixedOrder(valid)), "$.key");
        assertThrows(MalformedMessageException.class, id::publicKey);
    }

    @Test
    void parse_smallOrderPoint_throwsNamingPath() {
        byte[] neutral = new byte[32]; // (0, 1), the neutral element
        neutral[0] = 1;
        MalformedMessageException ex = assertThrows(
                MalformedMessageException.class, () -> KeyId.parse("ed25519:" + Base64Url.encode(neutral), "$.key"));
        assertEquals("$.key", ex.path());
    }

    @Test
    void parse_bytesOffTheCurve_throwsNamingPath() {
        byte[] offCurve = new byte[32]; // y = 2 has no x on edwards25519
        offCurve[0] = 2;
        MalformedMessageException ex = assertThrows(
                MalformedMessageException.class, () -> KeyId.parse("ed25519:" + Base64Url.encode(offCurve), "$.key"));
        assertEquals("$.key", ex.path());
    }

    @Test
    void publicKey_validId_roundTrips() {
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(new byte[32]);
        KeyId id = pair.publicKey().keyId();
        assertEquals(pair.publicKey(), KeyId.parse(id.value(), "$.key").publicKey());
    }
}
