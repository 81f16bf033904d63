package org.tsunagu.node.directory;

/** Another large network is being computed on this node ({@link GroupedNetworks}): ask again later. */
public final class NetworkBusyException extends RuntimeException {
    private final long retryAfterSeconds;

    NetworkBusyException(long retryAfterSeconds) {
        super("another large network is being computed on this node; retry in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
