package org.tsunagu.protocol;

import java.math.BigInteger;

/** Ed25519 point encodings that are not usable keys, for tests and vectors. */
public final class TestPoints {
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    private TestPoints() {}

    /** The curve's neutral element (0, 1): a point, but of order 1. */
    public static byte[] neutral() {
        byte[] b = new byte[32];
        b[0] = 1;
        return b;
    }

    /**
     * {@code encoded} (a valid key) plus the point of order 2, (0, −1): that is (−x, −y). It is on the
     * curve and not of small order, but outside the prime-order subgroup.
     */
    public static byte[] mixedOrder(byte[] encoded) {
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
}
