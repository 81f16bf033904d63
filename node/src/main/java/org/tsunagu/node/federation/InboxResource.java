package org.tsunagu.node.federation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
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

    InboxResource(FederationConfig config, SignedRequests signed, InboxService inbox) {
        this.config = config;
        this.signed = signed;
        this.inbox = inbox;
    }

    @POST
    @Consumes(PeerClient.NDJSON)
    public IngestResult receive(InputStream in, @Context HttpHeaders headers, @Context UriInfo uri) {
        byte[] body = SignedRequests.read(in, config.inboxMaxBytes());
        KeyId signer = signed.verify("POST", "push", uri, headers, body);
        return inbox.receive(signer, body);
    }
}
