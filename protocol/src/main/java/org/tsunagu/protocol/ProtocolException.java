package org.tsunagu.protocol;

/**
 * Base of every error the protocol library raises for bad input. It always names where the problem is
 * ({@link #path()}, a JSON path such as {@code $.body.names.ja}, or {@code $} for the whole message), so
 * a node can turn it into an {@code application/problem+json} answer without guessing.
 */
public class ProtocolException extends RuntimeException {
    private final String path;

    public ProtocolException(String path, String message) {
        super(message);
        this.path = path == null ? "$" : path;
    }

    public ProtocolException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path == null ? "$" : path;
    }

    /** JSON path of the offending member, {@code $} when the problem is the whole message. */
    public String path() {
        return path;
    }
}
