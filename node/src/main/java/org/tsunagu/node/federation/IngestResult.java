package org.tsunagu.node.federation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.tsunagu.protocol.HubId;

/**
 * What an ingest did, as returned to the pushing peer by {@code POST /v1/inbox}: counts, each
 * rejection with its reason, each gap as the next seq expected, each equivocation, and how many
 * envelopes were skipped because an earlier one of their origin in the batch could not be applied.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record IngestResult(
        int accepted,
        int duplicates,
        List<Rejection> rejected,
        Map<String, Long> gaps,
        List<Rejection> equivocations,
        int skipped) {
    public IngestResult {
        rejected = List.copyOf(rejected);
        gaps = Map.copyOf(gaps);
        equivocations = List.copyOf(equivocations);
    }

    /** One envelope not applied. {@code path} names the JSON path at fault when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rejection(String origin, Long seq, String reason, String path, String message) {}

    public static IngestResult empty() {
        return new IngestResult(0, 0, List.of(), Map.of(), List.of(), 0);
    }

    public IngestResult plus(IngestResult o) {
        java.util.ArrayList<Rejection> r = new java.util.ArrayList<>(rejected);
        r.addAll(o.rejected);
        java.util.HashMap<String, Long> g = new java.util.HashMap<>(gaps);
        g.putAll(o.gaps);
        java.util.ArrayList<Rejection> q = new java.util.ArrayList<>(equivocations);
        q.addAll(o.equivocations);
        return new IngestResult(accepted + o.accepted, duplicates + o.duplicates, r, g, q, skipped + o.skipped);
    }

    Map<HubId, Long> gapOrigins() {
        java.util.HashMap<HubId, Long> out = new java.util.HashMap<>();
        gaps.forEach((k, v) -> out.put(HubId.of(k), v));
        return out;
    }
}
