package org.tsunagu.node.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.protocol.HubId;

/**
 * One family of counters for everything the ingest path does, whichever way envelopes arrived:
 *
 * <ul>
 *   <li>{@code tsunagu_ingest_envelopes_total{via, result}}: envelopes {@code applied} or already held
 *       ({@code duplicate});
 *   <li>{@code tsunagu_ingest_rejected_total{via, reason}}: envelopes not applied, by reason (the
 *       ingest path's reasons, {@code GAP}, {@code EQUIVOCATION}, and {@code SKIPPED} for those behind
 *       a refused one of the same origin); a bundle, all or nothing, counts once, with the reason of the
 *       envelope at fault or {@code MALFORMED}/{@code TRUNCATED};
 *   <li>{@code tsunagu_ingest_equivocations_total{via, origin}}: origins caught signing two envelopes
 *       for one seq.
 * </ul>
 *
 * {@code via} is {@link #PUSH}, {@link #PULL} or {@link #BUNDLE}. Callers record once the ingest's
 * transaction has committed, so rolled-back work is never counted as applied.
 */
public final class IngestMetrics {
    public static final String PUSH = "push";
    public static final String PULL = "pull";
    public static final String BUNDLE = "bundle";

    static final String ENVELOPES = "tsunagu.ingest.envelopes";
    static final String REJECTED = "tsunagu.ingest.rejected";
    static final String EQUIVOCATIONS = "tsunagu.ingest.equivocations";
    static final String APPLIED = "applied";
    static final String DUPLICATE = "duplicate";

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Every way in shows from the start, at 0, so dashboards and alerts need not wait for traffic.
        for (String via : List.of(PUSH, PULL, BUNDLE)) {
            envelopes(via, APPLIED);
            envelopes(via, DUPLICATE);
        }
    }

    /** Records a committed ingest of a batch (a push, a page of a pull). */
    public void record(String via, IngestReport report) {
        envelopes(via, APPLIED).increment(report.accepted().size());
        envelopes(via, DUPLICATE).increment(report.duplicates().size());
        for (IngestReport.Rejection r : report.rejected()) {
            rejected(via, r.reason().name()).increment();
        }
        if (!report.gaps().isEmpty()) {
            rejected(via, "GAP").increment(report.gaps().size());
        }
        for (IngestReport.Equivocation q : report.equivocations()) {
            rejected(via, "EQUIVOCATION").increment();
            equivocation(via, q.origin());
        }
        if (!report.skipped().isEmpty()) {
            rejected(via, "SKIPPED").increment(report.skipped().size());
        }
    }

    /** A whole bundle applied. */
    public void applied(String via, long applied, long duplicates) {
        envelopes(via, APPLIED).increment(applied);
        envelopes(via, DUPLICATE).increment(duplicates);
    }

    /**
     * A whole bundle refused for {@code reason}; {@code origin} is the origin at fault, or null. A bundle
     * refused as proof of an equivocation counts as an equivocation of that origin too.
     */
    public void refused(String via, String reason, HubId origin) {
        rejected(via, reason).increment();
        if ("EQUIVOCATION".equals(reason) && origin != null) {
            equivocation(via, origin);
        }
    }

    private void equivocation(String via, HubId origin) {
        Counter.builder(EQUIVOCATIONS)
                .description("Equivocations detected: an origin signed two different envelopes for one seq")
                .tag("via", via)
                .tag("origin", origin.value())
                .register(registry)
                .increment();
    }

    private Counter rejected(String via, String reason) {
        return Counter.builder(REJECTED)
                .description("Envelopes (or whole bundles) the ingest path did not apply, by way in and reason")
                .tag("via", via)
                .tag("reason", reason)
                .register(registry);
    }

    private Counter envelopes(String via, String result) {
        return Counter.builder(ENVELOPES)
                .description("Envelopes through the ingest path, by way in and result")
                .tag("via", via)
                .tag("result", result)
                .register(registry);
    }
}
