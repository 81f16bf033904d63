package org.tsunagu.node.federation;

/** A peer could not be reached or answered something unusable; the message names the peer and why. */
public class PeerException extends RuntimeException {
    private final int status;

    public PeerException(String message, int status) {
        super(message);
        this.status = status;
    }

    public PeerException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status the peer answered, 0 when it did not answer. */
    public int status() {
        return status;
    }
}
