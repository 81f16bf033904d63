package org.tsunagu.node.log;

import java.time.Instant;
import java.util.Objects;

/**
 * Something an admin must look at, e.g. {@code equivocation}: an origin signed two different envelopes
 * for one seq and is halted. {@code origin} and {@code seq} may be null for node-wide alerts.
 */
public record Alert(
        long id, String kind, String origin, Long seq, String message, Instant createdAt, Instant acknowledgedAt) {
    public static final String EQUIVOCATION = "equivocation";

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
