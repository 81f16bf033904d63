package org.tsunagu.node.federation;

import jakarta.inject.Provider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.glassfish.grizzly.http.server.Request;
import org.tsunagu.protocol.KeyId;

/**
 * {@code POST /v1/inbox}: a batch of envelopes (NDJSON) pushed by a followed peer, signed (DESIGN §5).
 * Answers the ingest report: accepted, duplicates, rejected with reasons, gaps, equivocations.
 */
@Path("/v1/inbox")
@Produces(MediaType.APPLICATION_JSON)
public final class InboxResource {
    private final FederationConfig config;
    private final SignedRequests signed;
    private final InboxService inbox;
    private final PeerGate gate;

    @Context
    private Provider<Request> grizzly;

    InboxResource(FederationConfig config, SignedRequests signed, InboxService inbox, PeerGate gate) {
        this.config = config;
        this.signed = signed;
        this.inbox = inbox;
        this.gate = gate;
    }

    /**
     * The signature (head only) and the sender's slot come before a byte of the body is read: see {@link
     * PeerGate}.
     */
    @POST
    @Consumes(PeerClient.NDJSON)
    public IngestResult receive(InputStream in, @Context HttpHeaders headers, @Context UriInfo uri) {
        String address = ClientAddress.of(grizzly);
        RequestSigning.Verified head = signed.verifyHead("POST", "push", uri, headers, address);
        KeyId signer = head.signer();
        try (PeerGate.Slot slot = gate.enter(signed.pinned(signer), address)) {
            byte[] body = gate.read(in, config.inboxMaxBytes());
            signed.verifyBody(head, "POST", "push", uri, headers, body, address);
            return inbox.receive(signer, body, address);
        }
    }
}
