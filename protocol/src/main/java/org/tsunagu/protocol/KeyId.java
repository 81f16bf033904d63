package org.tsunagu.protocol;

import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.tsunagu.protocol.sign.Ed25519PublicKey;

/**
 * {@code ed25519:} + base64url (no padding) of the 32-byte public key.
 *
 * <p>Construction checks the form and that the bytes encode a curve point not of small order (about
 * 8 µs). The full check, that the point lies in the prime-order subgroup (about 75 µs, as much as a
 * signature verification), runs when the key is put to use through {@link #publicKey()}: doing it for
 * every parsed envelope, three times over, made ingesting one cost four verifications; and an
 * envelope's key only has to equal the origin's pinned key, which was fully checked when pinned.
 */
public record KeyId(String value) {
    public static final String PREFIX = "ed25519:";

    public KeyId {
        requireForm(value, "$");
    }

    public static KeyId of(Ed25519PublicKey key) {
        return new KeyId(PREFIX + Base64Url.encode(key.toBytes()));
    }

    /**
     * The key id parsed last. A page of a feed names one key thousands of times, and the point check
     * cost 8 µs each on the thread that parses pages (issue 14); a key id is immutable, so handing back
     * the same instance for the same text is safe from any thread.
     */
    private static volatile KeyId lastParsed;

    /** Parses a key id found at {@code path} of a message. */
    public static KeyId parse(String value, String path) {
        KeyId last = lastParsed;
        if (last != null && last.value.equals(value)) {
            return last;
        }
        try {
            KeyId parsed = new KeyId(value);
            lastParsed = parsed;
            return parsed;
        } catch (MalformedMessageException e) {
            throw new MalformedMessageException(path, e.getMessage());
        }
    }

    /**
     * The key itself, fully validated.
     *
     * @throws MalformedMessageException if the point is of small order or otherwise unusable
     */
    public Ed25519PublicKey publicKey() {
        return Ed25519PublicKey.fromBase64Url(value.substring(PREFIX.length()), "$");
    }

    private static void requireForm(String value, String path) {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new MalformedMessageException(path, "key id must start with " + PREFIX);
        }
        byte[] bytes = Base64Url.decode(value.substring(PREFIX.length()), path);
        if (bytes.length != Ed25519PublicKey.LENGTH || !Ed25519.validatePublicKeyPartial(bytes, 0)) {
            throw new MalformedMessageException(path, "not a valid Ed25519 public key");
        }
    }

    /**
     * A short fingerprint for people to compare over the phone: the first 80 bits of SHA-256 of the
     * 32-byte key, as lowercase hex in five groups of four ({@code 3f2a-91c0-…}). Hex rather than
     * base64url, because base64url text itself contains '-' and mixes cases, which is hard to read out.
     */
    public String fingerprint() {
        byte[] digest = Hashes.digest(Base64Url.decode(value.substring(PREFIX.length()), "$"));
        StringBuilder out = new StringBuilder(24);
        for (int i = 0; i < 10; i++) {
            if (i > 0 && i % 2 == 0) {
                out.append('-');
            }
            out.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
