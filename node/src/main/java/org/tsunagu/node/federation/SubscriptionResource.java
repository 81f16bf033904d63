package org.tsunagu.node.federation;

import jakarta.inject.Provider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Map;
import org.glassfish.grizzly.http.server.Request;
import org.tsunagu.node.api.ProtocolVersions;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.canon.StrictJson;

/** {@code /v1/subscriptions}: a peer asks, signed, to follow this node (201 active, 202 pending) or to stop. */
@Path("/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public final class SubscriptionResource {
    private static final int MAX_BODY = 16 * 1024;

    private final SignedRequests signed;
    private final SubscriberService subscribers;
    private final PeerGate gate;

    @Context
    private Provider<Request> grizzly;

    SubscriptionResource(SignedRequests signed, SubscriberService subscribers, PeerGate gate) {
        this.signed = signed;
        this.subscribers = subscribers;
        this.gate = gate;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response subscribe(InputStream in, @Context HttpHeaders headers, @Context UriInfo uri) {
        // The signature (head only) and the sender's slot come before a byte of the body is read.
        String address = ClientAddress.of(grizzly);
        RequestSigning.Verified head = signed.verifyHead("POST", "subscription", uri, headers, address);
        KeyId signer = head.signer();
        String status;
        try (PeerGate.Slot slot = gate.enter(signed.pinned(signer), address)) {
            byte[] body = gate.read(in, MAX_BODY);
            signed.verifyBody(head, "POST", "subscription", uri, headers, body, address);
            status = subscribers.request(
                    signer,
                    StrictJson.parse(body),
                    ProtocolVersions.declares2(headers.getHeaderString(ProtocolVersions.HEADER)),
                    address);
        }
        return Response.status("active".equals(status) ? 201 : 202)
                .entity(Map.of("status", status))
                .build();
    }

    @DELETE
    @Path("{hub}")
    public Response unsubscribe(@PathParam("hub") String hub, @Context HttpHeaders headers, @Context UriInfo uri) {
        KeyId signer = signed.verify("DELETE", "unsubscribe", uri, headers, new byte[0], ClientAddress.of(grizzly));
        subscribers.unsubscribe(signer, hub);
        return Response.noContent().build();
    }
}
