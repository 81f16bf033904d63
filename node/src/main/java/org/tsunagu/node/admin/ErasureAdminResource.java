package org.tsunagu.node.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.tsunagu.node.federation.Federation;

/**
 * {@code GET /admin/v1/erasures}: this hub's erasures, newest first, each with "erased on N of M
 * nodes", the nodes it still waits for, and the signed receipts (SPEC §6.11), which anyone can check.
 */
@Path("admin/v1/erasures")
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
public final class ErasureAdminResource {
    private final Federation federation;

    public ErasureAdminResource(Federation federation) {
        this.federation = federation;
    }

    @GET
    public Map<String, List<Map<String, Object>>> list() {
        return Map.of("items", federation.erasures());
    }
}
