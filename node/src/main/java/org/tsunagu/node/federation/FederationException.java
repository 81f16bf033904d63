package org.tsunagu.node.federation;

/** A federation request refused with an HTTP status (403 not a peer, 409 key conflict, 502 peer down). */
public class FederationException extends RuntimeException {
    private final int status;
    private final String path;

    public FederationException(int status, String detail) {
        this(status, detail, null);
    }

    /** @param path the JSON path at fault, reported as the problem's {@code errors[0].path} */
    public FederationException(int status, String detail, String path) {
        super(detail);
        this.status = status;
        this.path = path;
    }

    public String path() {
        return path;
    }

    public int status() {
        return status;
    }
}
