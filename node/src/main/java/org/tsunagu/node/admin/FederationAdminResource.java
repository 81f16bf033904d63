package org.tsunagu.node.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.tsunagu.node.federation.BlockService;
import org.tsunagu.node.federation.Federation;
import org.tsunagu.node.federation.FederationException;
import org.tsunagu.node.federation.HaltService;
import org.tsunagu.node.federation.OriginFilter;
import org.tsunagu.node.federation.PeerService;
import org.tsunagu.node.federation.SubscriberService;
import org.tsunagu.node.home.NodeKeys;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.http.ProblemError;
import org.tsunagu.node.log.Alert;
import org.tsunagu.node.log.AlertStore;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.canon.StrictJson;

/** Admin calls for peers, subscriptions, subscribers, keys and alerts (behind the admin token filter). */
@AdminApi
@Path("/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class FederationAdminResource {
    /** {@code POST /admin/v1/peers} body. */
    public record AddPeer(
            @JsonProperty("url") String url,
            @JsonProperty("expect_key") String expectKey) {}

    /** {@code POST /admin/v1/subscriptions} body. */
    public record Follow(
            @JsonProperty("peer") String peer,
            @JsonProperty("origins") List<String> origins) {}

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

    /** One alert at {@code GET /admin/v1/alerts}; {@code details} is a JSON object when present. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertView(
            @JsonProperty("id") long id,
            @JsonProperty("kind") String kind,
            @JsonProperty("peer") String peer,
            @JsonProperty("origin") String origin,
            @JsonProperty("seq") Long seq,
            @JsonProperty("message") String message,
            @JsonProperty("details") JsonNode details,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("acknowledged_at") String acknowledgedAt,
            @JsonProperty("count") long count,
            @JsonProperty("last_seen_at") String lastSeenAt,
            @JsonProperty("address") String address) {
        static AlertView of(Alert a) {
            return new AlertView(
                    a.id(),
                    a.kind(),
                    a.peer(),
                    a.origin(),
                    a.seq(),
                    a.message(),
                    a.details() == null ? null : StrictJson.parse(a.details().getBytes(StandardCharsets.UTF_8)),
                    a.createdAt().toString(),
                    a.acknowledgedAt() == null ? null : a.acknowledgedAt().toString(),
                    a.count(),
                    a.lastSeenAt().toString(),
                    a.address());
        }
    }

    /**
     * {@code POST /admin/v1/alerts/acknowledge} body: acknowledges every open alert of {@code kind} (any
     * kind when absent) with an id up to {@code through} (any when absent).
     */
    public record AcknowledgeAlerts(
            @JsonProperty("kind") String kind,
            @JsonProperty("through") Long through) {}

    private final PeerService peers;
    private final SubscriberService subscribers;
    private final AlertStore alerts;
    private final Federation federation;
    private final BlockService blocks;
    private final HaltService halts;

    /** {@code PUT /admin/v1/keys/{hub}} body. */
    public record ReplaceKey(@JsonProperty("key") String key) {}

    /** {@code POST /admin/v1/halts/{origin}/resume} body. */
    public record Resume(@JsonProperty("keep") String keep) {}

    /** {@code POST /admin/v1/blocks} body. */
    public record Block(
            @JsonProperty("hub") String hub,
            @JsonProperty("reason") String reason,
            @JsonProperty("purge_log") Boolean purgeLog) {}

    public FederationAdminResource(
            PeerService peers,
            SubscriberService subscribers,
            AlertStore alerts,
            Federation federation,
            BlockService blocks,
            HaltService halts) {
        this.blocks = blocks;
        this.halts = halts;
        this.peers = peers;
        this.subscribers = subscribers;
        this.alerts = alerts;
        this.federation = federation;
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

    @GET
    @Path("subscriptions")
    public Map<String, Object> subscriptions() {
        return Map.of("items", peers.subscriptions());
    }

    @POST
    @Path("subscriptions")
    public Response follow(Follow req) {
        if (req == null) {
            throw ValidationException.of("$", "a JSON object with peer and origins");
        }
        OriginFilter origins = new OriginFilter(req.origins() == null ? List.of(OriginFilter.ALL) : req.origins());
        return Response.status(201).entity(peers.follow(req.peer(), origins)).build();
    }

    @DELETE
    @Path("subscriptions/{hub}")
    public Response unfollow(@PathParam("hub") String hub) {
        peers.unfollow(hub);
        return Response.noContent().build();
    }

    @GET
    @Path("subscribers")
    public Map<String, Object> subscribers() {
        return Map.of("items", subscribers.list());
    }

    @POST
    @Path("subscribers/{hub}/approve")
    public SubscriberService.SubscriberView approve(@PathParam("hub") String hub, @QueryParam("key") String key) {
        return subscribers.approve(hub, key);
    }

    @POST
    @Path("subscribers/{hub}/refuse")
    public SubscriberService.SubscriberView refuse(@PathParam("hub") String hub) {
        return subscribers.refuse(hub);
    }

    @DELETE
    @Path("subscribers/{hub}")
    public Response remove(@PathParam("hub") String hub) {
        subscribers.remove(hub);
        return Response.noContent().build();
    }

    /**
     * Every kind of alert (equivocations, key rotations and keys learned, envelopes and requests refused,
     * replays, failing peers), newest first; {@code kind} narrows the list.
     */
    @GET
    @Path("alerts")
    public Map<String, Object> alerts(
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("kind") String kind,
            @QueryParam("order") @DefaultValue("severe") String order) {
        int bounded = Math.max(1, Math.min(limit, 1000));
        if (!order.equals("severe") && !order.equals("newest")) {
            throw ApiException.badParameter("order", "severe (the default: severe kinds first) or newest");
        }
        List<Alert> items;
        if (kind != null) {
            items = alerts.list(kind, bounded);
        } else {
            items = order.equals("newest") ? alerts.newest(bounded) : alerts.list(bounded);
        }
        return Map.of("items", items.stream().map(AlertView::of).toList(), "open", alerts.openCount());
    }

    /**
     * Acknowledges many alerts at once: every open one of a kind, or every open one up to an id (both may
     * be given; an empty body acknowledges every open alert). Answers how many were acknowledged.
     */
    @POST
    @Path("alerts/acknowledge")
    public Map<String, Object> acknowledgeMany(AcknowledgeAlerts request) {
        String kind = request == null ? null : request.kind();
        Long through = request == null ? null : request.through();
        if (kind != null && kind.isBlank()) {
            throw new ApiException(
                    422, "kind must name a kind of alert", List.of(ProblemError.of("$.kind", "must not be blank")));
        }
        if (through != null && through < 1) {
            throw new ApiException(
                    422, "through must be an alert id", List.of(ProblemError.of("$.through", "must be at least 1")));
        }
        return Map.of("acknowledged", alerts.acknowledgeAll(kind, through));
    }

    /** Marks an alert as seen (it stays listed, with {@code acknowledged_at}). */
    @POST
    @Path("alerts/{id}/acknowledge")
    public AlertView acknowledge(@PathParam("id") long id) {
        if (!alerts.acknowledge(id)) {
            throw new FederationException(404, "no alert " + id);
        }
        return alerts.find(id).map(AlertView::of).orElseThrow();
    }
}
