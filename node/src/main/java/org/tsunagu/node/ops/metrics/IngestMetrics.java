package org.tsunagu.node.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.tsunagu.node.log.IngestReport;

/**
 * Counts what the one ingest path did, by the way envelopes arrived ({@code push}, {@code pull},
 * {@code bundle}): accepted, duplicates, rejected by reason, gaps, equivocations. Callers record a
 * report once its transaction has committed, so rolled-back work is never counted as accepted.
 */
public final class IngestMetrics {
    static final String ENVELOPES = "tsunagu.ingest.envelopes";
    static final String REJECTED = "tsunagu.ingest.rejected";
    static final String EQUIVOCATIONS = "tsunagu.equivocations.detected";

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records a committed ingest. */
    public void record(String via, IngestReport report) {
        envelopes(via, "accepted").increment(report.accepted().size());
        envelopes(via, "duplicate").increment(report.duplicates().size());
        for (IngestReport.Rejection r : report.rejected()) {
            rejected(via, r.reason().name());
        }
        for (int i = 0; i < report.gaps().size(); i++) {
            rejected(via, "GAP");
        }
        for (IngestReport.Equivocation q : report.equivocations()) {
            equivocation(via, q.origin().value());
        }
    }

    /** Envelopes applied by a path that does not hand over a report (e.g. a whole bundle). */
    public void accepted(String via, long accepted, long duplicates) {
        envelopes(via, "accepted").increment(accepted);
        envelopes(via, "duplicate").increment(duplicates);
    }

    /** One refusal, by reason (a bundle refused as a whole counts once). */
    public void rejected(String via, String reason) {
        Counter.builder(REJECTED)
                .description("Envelopes (or whole bundles) refused by the ingest path, by reason")
                .tag("via", via)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** An origin caught signing two different envelopes for one seq. */
    public void equivocation(String via, String origin) {
        Counter.builder(EQUIVOCATIONS)
                .description("Equivocations detected: an origin signed two envelopes with the same seq")
                .tag("via", via)
                .tag("origin", origin)
                .register(registry)
                .increment();
    }

    private Counter envelopes(String via, String outcome) {
        return Counter.builder(ENVELOPES)
                .description("Envelopes through the ingest path, by arrival and outcome")
                .tag("via", via)
                .tag("outcome", outcome)
                .register(registry);
    }
}
