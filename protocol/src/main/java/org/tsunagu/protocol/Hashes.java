package org.tsunagu.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** {@code sha256:} + base64url(SHA-256(bytes)). The JDK digest is used: BouncyCastle's is ~7x slower here. */
public final class Hashes {
    public static final String PREFIX = "sha256:";
    private static final int ENCODED_LENGTH = PREFIX.length() + 43;

    private Hashes() {}

    public static String sha256(byte[] bytes) {
        return PREFIX + Base64Url.encode(digest(bytes));
    }

    public static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** Checks the textual form of a hash at {@code path}. */
    public static String requireHash(String text, String path) {
        if (text == null || !text.startsWith(PREFIX) || text.length() != ENCODED_LENGTH) {
            throw new MalformedMessageException(path, "expected sha256: followed by 43 base64url characters");
        }
        Base64Url.check(text, PREFIX.length(), ENCODED_LENGTH - PREFIX.length(), path);
        return text;
    }
}
