package org.tsunagu.node.federation;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.ProtocolException;

/** Reading a bounded body and checking the RFC 9421 signature of a peer request. */
final class SignedRequests {
    private final RequestSigning signing;
    private final Alerts alerts;

    SignedRequests(RequestSigning signing, Alerts alerts) {
        this.signing = signing;
        this.alerts = alerts;
    }

    /** The key id that signed the request; 401 problem when it does not verify. */
    KeyId verify(String method, String what, UriInfo uri, HttpHeaders headers, byte[] body) {
        try {
            return signing.verify(method, uri.getRequestUri(), headers.getRequestHeaders(), body);
        } catch (ProtocolException e) {
            alerts.refused("unverified sender", what, "bad request signature at " + e.path() + ": " + e.getMessage());
            throw new FederationException(401, "the request signature does not verify: " + e.getMessage());
        }
    }

    /** The body, at most {@code max} bytes; 413 problem beyond. */
    static byte[] read(InputStream in, int max) {
        try {
            byte[] data = in.readNBytes(max + 1);
            if (data.length > max) {
                throw new FederationException(413, "the request body exceeds " + max + " bytes");
            }
            return data;
        } catch (IOException e) {
            throw new FederationException(400, "the request body could not be read");
        }
    }
}
