package org.tsunagu.node.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Requests this node sends itself (the web warm-up after start) carry a header with a token drawn at
 * random when the process starts and never written anywhere, so rate limits can leave them out: they
 * are not a client's traffic and must not spend the allowance of the loopback address.
 */
public final class SelfRequests {
    /** The request header that carries the token. */
    public static final String HEADER = "Tsunagu-Self";

    private static final byte[] TOKEN = newToken();

    private SelfRequests() {}

    /** The value to send in {@link #HEADER}. */
    public static String token() {
        return new String(TOKEN, StandardCharsets.US_ASCII);
    }

    /** Whether {@code request} carries this process's token (compared in constant time). */
    public static boolean isSelf(ContainerRequestContext request) {
        String value = request.getHeaderString(HEADER);
        return value != null && MessageDigest.isEqual(TOKEN, value.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] newToken() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
    }
}
