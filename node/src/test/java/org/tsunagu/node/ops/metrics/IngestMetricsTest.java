package org.tsunagu.node.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.IngestReport.EnvelopeRef;
import org.tsunagu.protocol.HubId;

/** One family of ingest counters, whichever way envelopes came. */
class IngestMetricsTest {
    private static final HubId A = HubId.of("jp-alpha");
    private static final HubId B = HubId.of("th-beta");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final IngestMetrics metrics = new IngestMetrics(registry);

    private static EnvelopeRef ref(HubId origin, long seq) {
        return new EnvelopeRef(origin, seq, "sha256:" + origin + seq);
    }

    private double sample(String name, String labels) {
        return MetricsTest.sample(registry.scrape(), name, labels);
    }

    @Test
    void new_everyWayIn_shownAtZero() {
        for (String via : List.of("push", "pull", "bundle")) {
            for (String result : List.of("applied", "duplicate")) {
                assertEquals(
                        0,
                        sample("tsunagu_ingest_envelopes_total", "{result=\"" + result + "\",via=\"" + via + "\"}"),
                        via + " " + result);
            }
        }
    }

    @Test
    void record_pushReport_everyEnvelopeCountedOnceByResultOrReason() {
        IngestReport report = new IngestReport(
                List.of(ref(A, 1), ref(A, 2)),
                List.of(ref(B, 1)),
                List.of(new IngestReport.Rejection(
                        B, 2, "sha256:b2", IngestReport.Reason.BAD_SIGNATURE, "$.sig", "does not verify")),
                List.of(new IngestReport.Gap(HubId.of("ph-gamma"), 4, 9)),
                List.of(new IngestReport.Equivocation(A, 3, "sha256:held", "sha256:other")),
                List.of(ref(B, 3), ref(B, 4)));

        metrics.record("push", report);

        assertEquals(2, sample("tsunagu_ingest_envelopes_total", "{result=\"applied\",via=\"push\"}"));
        assertEquals(1, sample("tsunagu_ingest_envelopes_total", "{result=\"duplicate\",via=\"push\"}"));
        assertEquals(1, sample("tsunagu_ingest_rejected_total", "{reason=\"BAD_SIGNATURE\",via=\"push\"}"));
        assertEquals(1, sample("tsunagu_ingest_rejected_total", "{reason=\"GAP\",via=\"push\"}"));
        assertEquals(1, sample("tsunagu_ingest_rejected_total", "{reason=\"EQUIVOCATION\",via=\"push\"}"));
        assertEquals(2, sample("tsunagu_ingest_rejected_total", "{reason=\"SKIPPED\",via=\"push\"}"));
        assertEquals(1, sample("tsunagu_ingest_equivocations_total", "{origin=\"jp-alpha\",via=\"push\"}"));
        assertEquals(0, sample("tsunagu_ingest_envelopes_total", "{result=\"applied\",via=\"pull\"}"));
    }

    @Test
    void refused_bundleProvingAnEquivocation_countedOnceAndAsTheOriginsEquivocation() {
        metrics.refused("bundle", "EQUIVOCATION", A);
        metrics.refused("bundle", "TRUNCATED", null);
        metrics.applied("bundle", 5, 1);

        assertEquals(1, sample("tsunagu_ingest_rejected_total", "{reason=\"EQUIVOCATION\",via=\"bundle\"}"));
        assertEquals(1, sample("tsunagu_ingest_rejected_total", "{reason=\"TRUNCATED\",via=\"bundle\"}"));
        assertEquals(1, sample("tsunagu_ingest_equivocations_total", "{origin=\"jp-alpha\",via=\"bundle\"}"));
        assertEquals(5, sample("tsunagu_ingest_envelopes_total", "{result=\"applied\",via=\"bundle\"}"));
        assertEquals(1, sample("tsunagu_ingest_envelopes_total", "{result=\"duplicate\",via=\"bundle\"}"));
        assertFalse(registry.scrape().contains("tsunagu_federation_envelopes"), "one family, no other names");
    }
}
