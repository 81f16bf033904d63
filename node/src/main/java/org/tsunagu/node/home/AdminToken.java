package org.tsunagu.node.home;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.tsunagu.protocol.Base64Url;

/**
 * The bearer token of the admin API. Only its SHA-256 digest is kept in memory after construction, and
 * a presented token is compared digest to digest with {@link MessageDigest#isEqual}: the comparison
 * takes the same time whatever the input and does not even reveal the token's length.
 */
public final class AdminToken {
    /** Tokens shorter than this (e.g. from TSUNAGU_ADMIN_TOKEN) are refused as guessable. */
    public static final int MIN_LENGTH = 16;

    private static final int RANDOM_BYTES = 32;

    private final byte[] digest;

    private AdminToken(String token) {
        this.digest = sha256(token);
    }

    /** A fresh token: 32 random bytes, base64url (43 characters). */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64Url.encode(bytes);
    }

    /**
     * @throws IllegalArgumentException if the token is too short or holds characters that cannot travel
     *     in an HTTP header
     */
    public static AdminToken of(String token) {
        String problem = problemWith(token);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new AdminToken(token);
    }

    /** Why {@code token} cannot be an admin token, or null when it can. */
    public static String problemWith(String token) {
        if (token == null || token.length() < MIN_LENGTH) {
            return "the admin token must be at least " + MIN_LENGTH + " characters";
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return "the admin token must be printable ASCII without spaces";
            }
        }
        return null;
    }

    /** Constant-time check of a presented token (null or empty never matches). */
    public boolean matches(String presented) {
        if (presented == null) {
            // Still spend the digest, so a missing token costs what a wrong one does.
            MessageDigest.isEqual(digest, sha256(""));
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[hidden]";
    }
}
