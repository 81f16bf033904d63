package org.tsunagu.node.federation;

import java.time.Duration;
import java.util.Objects;

/**
 * What one peer, or one stranger, may cost this node (their defaults and names are in {@code
 * settings.Settings}). Inbound: how many peer requests may be reading their bodies at once and how long
 * a body may take, so slow uploads cannot hold the worker threads the health check, the directory and
 * the admin API need. Outbound: a deadline for a whole request to a peer (head and body), how many
 * requests one peer may have in flight, and how many bytes one feed page may hold. Stranger state: how
 * many subscription requests may wait for an admin, and for how long.
 *
 * @param bodySlots requests signed by a pinned key that may read their bodies at once
 * @param strangerSlots requests signed by any other key that may read their bodies at once
 * @param strangerSlotsPerAddress of those, per client address
 * @param bodyDeadline a peer request's whole body must arrive within this
 * @param requestDeadline a request to a peer, its answer's head and body, must be done within this
 * @param perPeerRequests requests to one peer in flight at once
 * @param pageBytes the largest feed page (or other answer) read from a peer
 * @param maxPending subscription requests from keys not pinned waiting for an admin, at most
 * @param pendingExpiry a subscription request not decided on is forgotten after this
 */
public record PeerLimits(
        int bodySlots,
        int strangerSlots,
        int strangerSlotsPerAddress,
        Duration bodyDeadline,
        Duration requestDeadline,
        int perPeerRequests,
        long pageBytes,
        int maxPending,
        Duration pendingExpiry) {
    public PeerLimits {
        Objects.requireNonNull(bodyDeadline, "bodyDeadline");
        Objects.requireNonNull(requestDeadline, "requestDeadline");
        Objects.requireNonNull(pendingExpiry, "pendingExpiry");
        if (bodySlots < 1 || strangerSlots < 1 || strangerSlotsPerAddress < 1 || perPeerRequests < 1) {
            throw new IllegalArgumentException("slots and concurrency limits must be at least 1");
        }
        if (pageBytes < 1 || maxPending < 1) {
            throw new IllegalArgumentException("page bytes and pending requests must be at least 1");
        }
    }

    /** The built-in defaults (as {@code Settings.defaults()} has them). */
    public static PeerLimits defaults() {
        return new PeerLimits(
                16, 4, 1, Duration.ofSeconds(10), Duration.ofSeconds(60), 2, 8L << 20, 100, Duration.ofDays(7));
    }
}
