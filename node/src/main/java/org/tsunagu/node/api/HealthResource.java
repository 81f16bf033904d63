package org.tsunagu.node.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.tsunagu.node.log.LogStore;

/**
 * Liveness for load balancers and container health checks: answers once the database answers. It also
 * says whether admin writes are taken yet ({@code "writes": "allowed"}) or still wait for the rollback
 * check after start ({@code "waiting"}, the writes answer 503): a script that writes right after a start
 * waits on that rather than on a 503. Why they wait (it names peers) stays in the log.
 */
@Path("healthz")
public final class HealthResource {
    private final LogStore log;
    private final BooleanSupplier writable;

    public HealthResource(LogStore log, BooleanSupplier writable) {
        this.log = log;
        this.writable = writable;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> health() {
        return Map.of(
                "status", "ok", "envelopes", log.count(), "writes", writable.getAsBoolean() ? "allowed" : "waiting");
    }
}
