package org.tsunagu.node.federation;

/**
 * A request this node answers "busy" for a while (503 with {@code Retry-After}): a write that would sign
 * while the rollback check has not passed (signing now could put a second envelope at a seq this hub's
 * followers already hold), or a peer's push while this node still pulls the same envelopes from it after
 * a start. A peer's client backs off and tries again (see {@link PeerException#busy}).
 */
public final class BusyException extends FederationException {
    private final long retryAfterSeconds;

    BusyException(String detail, long retryAfterSeconds) {
        super(503, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
