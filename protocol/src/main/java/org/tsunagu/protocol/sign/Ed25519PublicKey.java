package org.tsunagu.protocol.sign;

import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.InvalidSignatureException;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.MalformedMessageException;

/**
 * An Ed25519 public key (RFC 8032, pure). The point is decoded and checked once, at construction, so
 * verifying many envelopes of one origin does not decode the key again each time.
 */
public final class Ed25519PublicKey {
    public static final int LENGTH = Ed25519.PUBLIC_KEY_SIZE;

    private final byte[] encoded;
    private final Ed25519.PublicPoint point;
    // Built once: verifying an envelope compares key ids, and building one costs a point decoding.
    private final KeyId keyId;

    private Ed25519PublicKey(byte[] encoded, Ed25519.PublicPoint point) {
        this.encoded = encoded;
        this.point = point;
        this.keyId = KeyId.of(this);
    }

    /**
     * @throws MalformedMessageException if the bytes are not 32 long or not a valid point (including
     *     small-order points, which would let one signature verify for many messages)
     */
    public static Ed25519PublicKey fromBytes(byte[] encoded) {
        if (encoded == null || encoded.length != LENGTH) {
            throw new MalformedMessageException(
                    "$", "an Ed25519 public key is 32 bytes, got " + (encoded == null ? 0 : encoded.length));
        }
        byte[] copy = encoded.clone();
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(copy, 0);
        if (point == null) {
            throw new MalformedMessageException("$", "not a valid Ed25519 public key");
        }
        return new Ed25519PublicKey(copy, point);
    }

    public static Ed25519PublicKey fromBase64Url(String text, String path) {
        byte[] bytes = Base64Url.decode(text, path);
        try {
            return fromBytes(bytes);
        } catch (MalformedMessageException e) {
            throw new MalformedMessageException(path, e.getMessage());
        }
    }

    /**
     * Verifies {@code signature} over {@code message}.
     *
     * @throws InvalidSignatureException if it does not verify; never returns false
     */
    public void verify(byte[] message, byte[] signature) {
        verify(message, 0, message.length, signature);
    }

    /**
     * As {@link #verify(byte[], byte[])}, naming {@code path} (where the signature sits, e.g. a header
     * name) in the exception.
     */
    public void verify(byte[] message, byte[] signature, String path) {
        verify(message, 0, message.length, signature, path);
    }

    public void verify(byte[] message, int offset, int length, byte[] signature) {
        verify(message, offset, length, signature, "$.sig");
    }

    private void verify(byte[] message, int offset, int length, byte[] signature, String path) {
        if (signature == null || signature.length != Ed25519.SIGNATURE_SIZE) {
            throw new InvalidSignatureException(
                    path, "an Ed25519 signature is 64 bytes, got " + (signature == null ? 0 : signature.length));
        }
        // BouncyCastle refuses S >= L and compares the encoding of the recomputed R with the one given,
        // so malleable and non-canonical signatures fail here too (see the Wycheproof cases in the tests).
        if (!Ed25519.verify(signature, 0, point, message, offset, length)) {
            throw new InvalidSignatureException(path, "signature does not verify with " + keyId());
        }
    }

    public byte[] toBytes() {
        return encoded.clone();
    }

    public KeyId keyId() {
        return keyId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PublicKey other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return keyId().value();
    }
}
