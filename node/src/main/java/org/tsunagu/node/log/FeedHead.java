package org.tsunagu.node.log;

import java.time.Instant;
import java.util.Objects;
import org.tsunagu.protocol.HubId;

/** The newest envelope held of one origin, and when it was appended here. */
public record FeedHead(HubId origin, long seq, String hash, Instant updatedAt) {
    public FeedHead {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (seq < 1) {
            throw new IllegalArgumentException("a head has seq >= 1");
        }
    }
}
