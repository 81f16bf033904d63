package org.tsunagu.node.ops.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.function.ToLongFunction;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.HubId;

/**
 * The node's metrics, in one Prometheus registry served at {@code GET /metrics}: ingest outcomes, pull
 * lag, outbox depth, HTTP latencies, equivocations, database size, and the JVM's memory and threads.
 * Other parts record into {@link #registry()}; nothing here is static, so tests get their own.
 */
public final class NodeMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StateGauges state;
    private final IngestMetrics ingest;
    private final PullLag pullLag;

    /** @param localHead the seq of an origin's head held by this node (0 when none) */
    public NodeMetrics(Database db, ToLongFunction<HubId> localHead, Clock clock) {
        this.state = new StateGauges(registry, db, clock);
        this.ingest = new IngestMetrics(registry);
        this.pullLag = new PullLag(registry, localHead, clock);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // The usual build_info gauge: always 1, its labels say which build runs (for dashboards and alerts
        // that must tell versions apart during a rolling upgrade).
        Gauge.builder("tsunagu.build.info", () -> 1)
                .description("Always 1; labels: the node's version and the Java runtime")
                .tag("version", version())
                .tag("java_version", System.getProperty("java.version", "unknown"))
                .register(registry);
    }

    /** The version in the jar's manifest, or {@code dev} when run from classes (tests, IDE). */
    static String version() {
        String v = NodeMetrics.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public IngestMetrics ingest() {
        return ingest;
    }

    public PullLag pullLag() {
        return pullLag;
    }

    public HttpMetricsFilter httpFilter() {
        return new HttpMetricsFilter(registry);
    }

    /** Every metric in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        state.refresh();
        return registry.scrape();
    }
}
