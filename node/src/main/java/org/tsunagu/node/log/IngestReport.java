package org.tsunagu.node.log;

import java.util.List;
import java.util.Objects;
import org.tsunagu.protocol.HubId;

/**
 * What {@link Ingestor#ingest} did with each envelope of a batch.
 *
 * @param gaps origins whose envelopes skipped ahead: pull from {@code nextExpected}
 * @param skipped envelopes not looked at because an earlier one of the same origin in the batch was a
 *     gap or was rejected (they cannot chain)
 */
public record IngestReport(
        List<EnvelopeRef> accepted,
        List<EnvelopeRef> duplicates,
        List<Rejection> rejected,
        List<Gap> gaps,
        List<Equivocation> equivocations,
        List<EnvelopeRef> skipped) {

    public IngestReport {
        accepted = List.copyOf(accepted);
        duplicates = List.copyOf(duplicates);
        rejected = List.copyOf(rejected);
        gaps = List.copyOf(gaps);
        equivocations = List.copyOf(equivocations);
        skipped = List.copyOf(skipped);
    }

    /** Why an envelope was not applied. */
    public enum Reason {
        UNKNOWN_ORIGIN,
        ORIGIN_HALTED,
        ORIGIN_BLOCKED,
        BAD_SIGNATURE,
        INVALID_BODY,
        PREV_MISMATCH
    }

    public record EnvelopeRef(HubId origin, long seq, String hash) {
        public EnvelopeRef {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(hash, "hash");
        }
    }

    /** @param path JSON path of the offending member, e.g. {@code $.sig} or {@code $.body.name} */
    public record Rejection(HubId origin, long seq, String hash, Reason reason, String path, String message) {
        public Rejection {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@code origin} sent seq {@code received} but this node needs {@code nextExpected} first. */
    public record Gap(HubId origin, long nextExpected, long received) {
        public Gap {
            Objects.requireNonNull(origin, "origin");
        }
    }

    public record Equivocation(HubId origin, long seq, String heldHash, String conflictingHash) {
        public Equivocation {
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** True when every envelope was accepted or already held. */
    public boolean clean() {
        return rejected.isEmpty() && gaps.isEmpty() && equivocations.isEmpty() && skipped.isEmpty();
    }
}
