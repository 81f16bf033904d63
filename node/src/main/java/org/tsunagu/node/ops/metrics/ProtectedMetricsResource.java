package org.tsunagu.node.ops.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.tsunagu.node.admin.AdminApi;

/** {@code GET /metrics} behind the admin token, when the admin chose {@code metrics_access=token}. */
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
