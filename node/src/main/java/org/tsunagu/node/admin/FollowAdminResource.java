package org.tsunagu.node.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.tsunagu.node.federation.OriginFilter;
import org.tsunagu.node.federation.PeerService;
import org.tsunagu.node.federation.SubscriberService;
import org.tsunagu.protocol.ValidationException;

/**
 * Admin calls for following: whom this node follows (subscriptions) and who follows it (subscribers),
 * behind the admin token filter.
 */
@AdminApi
@Path("/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class FollowAdminResource {
    /** {@code POST /admin/v1/subscriptions} body. */
    public record Follow(
            @JsonProperty("peer") String peer,
            @JsonProperty("origins") List<String> origins) {}

    private final PeerService peers;
    private final SubscriberService subscribers;

    public FollowAdminResource(PeerService peers, SubscriberService subscribers) {
        this.peers = peers;
        this.subscribers = subscribers;
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
}
