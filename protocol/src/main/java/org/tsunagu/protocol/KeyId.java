package org.tsunagu.protocol;

import org.tsunagu.protocol.sign.Ed25519PublicKey;

/** {@code ed25519:} + base64url (no padding) of the 32-byte public key. */
public record KeyId(String value) {
    public static final String PREFIX = "ed25519:";

    public KeyId {
        // Decoding validates length and point; fail here rather than at first use.
        publicKeyOf(value, "$");
    }

    public static KeyId of(Ed25519PublicKey key) {
        return new KeyId(PREFIX + Base64Url.encode(key.toBytes()));
    }

    /** Parses a key id found at {@code path} of a message. */
    public static KeyId parse(String value, String path) {
        publicKeyOf(value, path);
        return new KeyId(value);
    }

    public Ed25519PublicKey publicKey() {
        return publicKeyOf(value, "$");
    }

    private static Ed25519PublicKey publicKeyOf(String value, String path) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new MalformedMessageException(path, "key id must start with " + PREFIX);
        }
        return Ed25519PublicKey.fromBase64Url(value.substring(PREFIX.length()), path);
    }

    /** A short human-checkable fingerprint: the first 16 characters after the prefix, in groups of 4. */
    public String fingerprint() {
        String b = value.substring(PREFIX.length(), PREFIX.length() + 16);
        return b.substring(0, 4) + "-" + b.substring(4, 8) + "-" + b.substring(8, 12) + "-" + b.substring(12, 16);
    }

    @Override
    public String toString() {
        return value;
    }
}
