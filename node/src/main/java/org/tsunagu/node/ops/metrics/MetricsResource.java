package org.tsunagu.node.ops.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** {@code GET /metrics}: Prometheus text format. Public like the feeds: it holds counts, never secrets. */
@Path("/metrics")
public final class MetricsResource {
    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final NodeMetrics metrics;

    public MetricsResource(NodeMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    @Produces(TEXT_FORMAT)
    public String scrape() {
        return metrics.scrape();
    }
}
