package org.tsunagu.node.federation;

/** A federation request refused with an HTTP status (403 not a peer, 409 key conflict, 502 peer down). */
public class FederationException extends RuntimeException {
    private final int status;

    public FederationException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
