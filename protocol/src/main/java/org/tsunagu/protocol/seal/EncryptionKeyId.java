package org.tsunagu.protocol.seal;

import java.util.Arrays;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.MalformedMessageException;

/**
 * A hub's X25519 encryption public key as written in the protocol: {@code x25519:} + base64url of
 * the 32 bytes (RFC 7748 encoding, as HPKE's SerializePublicKey), 50 characters.
 */
public record EncryptionKeyId(String value) {
    public static final String PREFIX = "x25519:";
    public static final int KEY_BYTES = 32;

    public EncryptionKeyId {
        parseBytes(value, "$");
    }

    /** @throws MalformedMessageException naming {@code path} if {@code text} is not an encryption key id */
    public static EncryptionKeyId parse(String text, String path) {
        parseBytes(text, path);
        return new EncryptionKeyId(text);
    }

    public static EncryptionKeyId of(byte[] publicKey) {
        if (publicKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("an X25519 public key is 32 bytes");
        }
        return new EncryptionKeyId(PREFIX + Base64Url.encode(publicKey));
    }

    public byte[] bytes() {
        return parseBytes(value, "$");
    }

    private static byte[] parseBytes(String text, String path) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new MalformedMessageException(path, "expected x25519: followed by the base64url public key");
        }
        byte[] bytes = Base64Url.decode(text.substring(PREFIX.length()), path);
        if (bytes.length != KEY_BYTES) {
            throw new MalformedMessageException(path, "an X25519 public key is 32 bytes, got " + bytes.length);
        }
        // An all-zero key is the one small-order point whose encoding every implementation agrees on;
        // HPKE refuses the others when the shared secret comes out zero.
        if (Arrays.equals(bytes, new byte[KEY_BYTES])) {
            throw new MalformedMessageException(path, "not a usable X25519 public key");
        }
        return bytes;
    }

    @Override
    public String toString() {
        return value;
    }
}
