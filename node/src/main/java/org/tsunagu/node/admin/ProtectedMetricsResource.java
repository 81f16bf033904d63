package org.tsunagu.node.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.tsunagu.node.ops.metrics.MetricsResource;
import org.tsunagu.node.ops.metrics.NodeMetrics;

/**
 * {@code GET /metrics} behind the admin token, when the admin chose {@code metrics_access=token}. It is
 * an admin resource, so it lives with them: ops/ stays below admin/ (admin uses ops, never the reverse).
 */
@AdminApi
@Path("/metrics")
public final class ProtectedMetricsResource {
    private final NodeMetrics metrics;

    public ProtectedMetricsResource(NodeMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    @Produces(MetricsResource.TEXT_FORMAT)
    public String scrape() {
        return metrics.scrape();
    }
}
