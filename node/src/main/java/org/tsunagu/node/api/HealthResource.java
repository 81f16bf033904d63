package org.tsunagu.node.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.tsunagu.node.log.LogStore;

/** Liveness for load balancers and container health checks: answers once the database answers. */
@Path("healthz")
public final class HealthResource {
    private final LogStore log;

    public HealthResource(LogStore log) {
        this.log = log;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> health() {
        return Map.of("status", "ok", "envelopes", log.count());
    }
}
