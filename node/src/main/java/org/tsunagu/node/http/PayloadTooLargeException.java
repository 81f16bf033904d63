package org.tsunagu.node.http;

/** The request body is larger than the limit for its path (413). Unchecked so it crosses stream readers. */
public class PayloadTooLargeException extends RuntimeException {
    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
