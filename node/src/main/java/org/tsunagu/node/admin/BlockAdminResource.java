package org.tsunagu.node.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.tsunagu.node.federation.BlockService;
import org.tsunagu.node.federation.HaltService;
import org.tsunagu.protocol.ValidationException;

/**
 * Admin calls that stop hubs: blocks, and halted origins with their evidence and resumption (behind
 * the admin token filter).
 */
@AdminApi
@Path("/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class BlockAdminResource {
    /** {@code POST /admin/v1/halts/{origin}/resume} body. */
    public record Resume(@JsonProperty("keep") String keep) {}

    /** {@code POST /admin/v1/blocks} body. */
    public record Block(
            @JsonProperty("hub") String hub,
            @JsonProperty("reason") String reason,
            @JsonProperty("purge_log") Boolean purgeLog) {}

    private final BlockService blocks;
    private final HaltService halts;

    public BlockAdminResource(BlockService blocks, HaltService halts) {
        this.blocks = blocks;
        this.halts = halts;
    }

    /** Halted origins with their evidence: both envelopes of each fork and where each came from. */
    @GET
    @Path("halts")
    public Map<String, Object> halts() {
        return Map.of("items", halts.list());
    }

    /** Resumes a halted origin on the branch of the envelope {@code keep} names (a hash in its evidence). */
    @POST
    @Path("halts/{origin}/resume")
    public Response resume(@PathParam("origin") String origin, Resume req) {
        halts.resume(origin, req == null ? null : req.keep());
        return Response.noContent().build();
    }

    @GET
    @Path("blocks")
    public Map<String, Object> blocks() {
        return Map.of("items", blocks.list());
    }

    /** Blocks a hub (peer or origin): refused on every path, its records out of the directory. */
    @POST
    @Path("blocks")
    public Response block(Block req) {
        if (req == null || req.hub() == null) {
            throw ValidationException.of("$.hub", "required");
        }
        return Response.status(201)
                .entity(blocks.block(req.hub(), req.reason(), Boolean.TRUE.equals(req.purgeLog())))
                .build();
    }

    /** Lifts a block: the records of the log still held come back, and pulls bring the rest. */
    @DELETE
    @Path("blocks/{hub}")
    public Response unblock(@PathParam("hub") String hub) {
        blocks.unblock(hub);
        return Response.noContent().build();
    }
}
