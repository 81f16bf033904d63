package org.tsunagu.node.federation;

/**
 * A write that would sign, refused while the rollback check has not passed (503 with {@code
 * Retry-After}): signing now could put a second envelope at a seq this hub's followers already hold.
 */
public final class WritesPausedException extends FederationException {
    private final long retryAfterSeconds;

    WritesPausedException(String reason, long retryAfterSeconds) {
        super(503, "writes wait: " + reason);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
