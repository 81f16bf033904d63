package org.tsunagu.node.log;

import java.time.Instant;
import java.util.Objects;
import org.tsunagu.protocol.HubId;

/** Two different envelopes signed by one origin for one seq, both kept as they arrived. */
public record EquivocationEvidence(
        HubId origin,
        long seq,
        String heldHash,
        String heldEnvelope,
        String conflictingHash,
        String conflictingEnvelope,
        Instant detectedAt) {
    public EquivocationEvidence {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(heldEnvelope, "heldEnvelope");
        Objects.requireNonNull(conflictingEnvelope, "conflictingEnvelope");
        Objects.requireNonNull(detectedAt, "detectedAt");
    }
}
