package org.tsunagu.node.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.tsunagu.node.federation.BlockService;
import org.tsunagu.node.federation.Federation;
import org.tsunagu.node.federation.HaltService;
import org.tsunagu.node.federation.PeerService;
import org.tsunagu.node.home.NodeKeys;
import org.tsunagu.protocol.ValidationException;

/**
 * Admin calls for peers and their keys: pin, unpin, replace a peer's key, rotate this node's (behind
 * the admin token filter).
 */
@AdminApi
@Path("/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class PeerAdminResource {
    /** {@code POST /admin/v1/peers} body. */
    public record AddPeer(
            @JsonProperty("url") String url,
            @JsonProperty("expect_key") String expectKey) {}

    /** {@code POST /admin/v1/keys/rotate} body (optional). */
    public record Rotate(@JsonProperty("keep_old_key") Boolean keepOldKey) {}

    /** One key of one hub at {@code GET /admin/v1/keys}: which seqs it signs and why it is trusted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(
            @JsonProperty("hub") String hub,
            @JsonProperty("key") String key,
            @JsonProperty("fingerprint") String fingerprint,
            @JsonProperty("from_seq") long fromSeq,
            @JsonProperty("to_seq") Long toSeq,
            @JsonProperty("source") String source,
            @JsonProperty("added_at") String addedAt) {}

    /** {@code PUT /admin/v1/keys/{hub}} body. */
    public record ReplaceKey(@JsonProperty("key") String key) {}

    private final Federation federation;
    private final PeerService peers;
    private final BlockService blocks;
    private final HaltService halts;

    public PeerAdminResource(Federation federation, PeerService peers, BlockService blocks, HaltService halts) {
        this.federation = federation;
        this.peers = peers;
        this.blocks = blocks;
        this.halts = halts;
    }

    @GET
    @Path("keys")
    public Map<String, Object> keys() {
        List<KeyView> items = federation.keys().stream()
                .map(k -> new KeyView(
                        k.hub().value(),
                        k.key().value(),
                        k.key().fingerprint(),
                        k.fromSeq(),
                        k.toSeq(),
                        k.source().sql(),
                        k.addedAt().toString()))
                .toList();
        return Map.of("items", items);
    }

    /**
     * Signs {@code key.rotate} with the current key and switches to a fresh one; the old private key is
     * deleted unless {@code keep_old_key} is true.
     */
    @POST
    @Path("keys/rotate")
    public NodeKeys.Rotation rotate(Rotate req) {
        return federation.rotateKey(req != null && Boolean.TRUE.equals(req.keepOldKey()));
    }

    @GET
    @Path("peers")
    public Map<String, Object> peers() {
        return Map.of("items", peers.list());
    }

    @POST
    @Path("peers")
    public Response addPeer(AddPeer req) {
        if (req == null || req.url() == null) {
            throw ValidationException.of("$.url", "required");
        }
        return Response.status(201)
                .entity(peers.add(req.url(), req.expectKey()))
                .build();
    }

    /** Unpins a peer: forgets its URL and stops following it (its log and key history stay). */
    @DELETE
    @Path("peers/{hub}")
    public Response unpin(@PathParam("hub") String hub) {
        blocks.unpin(hub);
        return Response.noContent().build();
    }

    /** Replaces a peer's pinned key out of band (a stolen key, SPEC §8): it signs from the next seq. */
    @PUT
    @Path("keys/{hub}")
    public Map<String, Object> replaceKey(@PathParam("hub") String hub, ReplaceKey req) {
        halts.replaceKey(hub, req == null ? null : req.key(), federation.self());
        return keys();
    }
}
