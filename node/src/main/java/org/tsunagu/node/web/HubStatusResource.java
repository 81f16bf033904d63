package org.tsunagu.node.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/directory/hub-status}: the hubs page's data, {@code {"items": [HubStatus…]}}. Kept
 * apart from {@code /v1/directory/hubs} (the hubs' signed profiles) because it mixes in this
 * node's own view: follow status, lag and alerts.
 */
@Path("v1/directory/hub-status")
public final class HubStatusResource {
    private final HubStatusService hubs;

    public HubStatusResource(HubStatusService hubs) {
        this.hubs = hubs;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, List<HubStatus>> hubs() {
        return Map.of("items", hubs.hubs());
    }
}
