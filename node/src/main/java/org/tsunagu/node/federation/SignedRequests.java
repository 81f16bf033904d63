package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.function.Function;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.sign.SignatureHeaders;

/**
 * Reading a bounded body and checking the RFC 9421 signature of a peer request: it must verify and must
 * not have been accepted before (a replay), see {@link ReplayCache}.
 */
final class SignedRequests {
    /** Signatures remembered for keys this node pinned (about 12 MB at most). */
    static final int PINNED_KEY_SIGNATURES = 100_000;
    /** Signatures remembered for any other key, which anyone can make. */
    static final int OTHER_KEY_SIGNATURES = 10_000;

    private final RequestSigning signing;
    private final Alerts alerts;
    private final Function<KeyId, Optional<HubId>> pinnedHub;
    private final ReplayCache pinnedSignatures;
    private final ReplayCache otherSignatures;

    /**
     * @param pinnedHub the hub whose current key this is, if this node pinned it
     * @param pinnedSignatures remembers signatures by pinned keys
     * @param otherSignatures remembers signatures by other keys
     */
    SignedRequests(
            RequestSigning signing,
            Alerts alerts,
            Function<KeyId, Optional<HubId>> pinnedHub,
            ReplayCache pinnedSignatures,
            ReplayCache otherSignatures) {
        this.signing = signing;
        this.alerts = alerts;
        this.pinnedHub = pinnedHub;
        this.pinnedSignatures = pinnedSignatures;
        this.otherSignatures = otherSignatures;
    }

    /**
     * The key id that signed the request; 401 problem when it does not verify or was accepted before,
     * 503 when too many recent signatures are held to tell.
     */
    KeyId verify(String method, String what, UriInfo uri, HttpHeaders headers, byte[] body, String address) {
        RequestSigning.Verified v;
        try {
            v = signing.verify(method, uri.getRequestUri(), headers.getRequestHeaders(), body);
        } catch (ProtocolException e) {
            throw unverified(what, e, uri, address);
        }
        return firstUse(v, what);
    }

    /**
     * The same from the request's head alone, before its body is read, so that an unsigned, forged or
     * replayed request costs no wait for its body; {@link #verifyBody} then checks the body against the
     * signed digest.
     */
    RequestSigning.Verified verifyHead(String method, String what, UriInfo uri, HttpHeaders headers, String address) {
        String length = headers.getHeaderString("Content-Length");
        boolean hasBody =
                (length != null && !length.strip().equals("0")) || headers.getHeaderString("Transfer-Encoding") != null;
        RequestSigning.Verified v;
        try {
            v = signing.verifyHead(method, uri.getRequestUri(), headers.getRequestHeaders(), hasBody);
        } catch (ProtocolException e) {
            throw unverified(what, e, uri, address);
        }
        firstUse(v, what);
        return v;
    }

    /**
     * The body read after {@link #verifyHead} must be the one whose digest {@code head} signed: 401
     * problem otherwise. The signature is not verified a second time.
     */
    void verifyBody(
            RequestSigning.Verified head,
            String method,
            String what,
            UriInfo uri,
            HttpHeaders headers,
            byte[] body,
            String address) {
        try {
            signing.verifyBody(head, method, uri.getRequestUri(), headers.getRequestHeaders(), body);
        } catch (ProtocolException e) {
            throw unverified(what, e, uri, address);
        }
    }

    /** Whether {@code key} is the current key of a hub this node pinned. */
    boolean pinned(KeyId key) {
        return pinnedHub.apply(key).isPresent();
    }

    private FederationException unverified(String what, ProtocolException e, UriInfo uri, String address) {
        // Counted per address: the message of the last failure goes in the alert's details.
        alerts.refusedStranger(
                what,
                address,
                "the request signature does not verify",
                JsonNodeFactory.instance.objectNode().put("last_reason", e.path() + ": " + e.getMessage()));
        return new FederationException(
                401,
                "the request signature does not verify: " + e.getMessage() + " (checked against the target "
                        + uri.getRequestUri() + "; behind a reverse proxy, the proxy must pass the path and"
                        + " query unchanged and be named in trusted_proxies, and node.json's url must be the"
                        + " public URL peers call)");
    }

    private KeyId firstUse(RequestSigning.Verified v, String what) {
        Optional<HubId> hub = pinnedHub.apply(v.signer());
        ReplayCache cache = hub.isPresent() ? pinnedSignatures : otherSignatures;
        ReplayCache.Outcome outcome = cache.record(v.signer(), v.signature().signature(), v.acceptedUntil());
        switch (outcome) {
            case FIRST -> {
                return v.signer();
            }
            case REPLAY, REPLAY_AGAIN -> {
                String signer = hub.map(HubId::value).orElse("key " + v.signer().fingerprint());
                alerts.replayed(signer, what, outcome == ReplayCache.Outcome.REPLAY);
                throw new FederationException(
                        401,
                        "the request was replayed: a request with this signature was already accepted;"
                                + " sign every request anew",
                        SignatureHeaders.SIGNATURE);
            }
            default ->
                throw new FederationException(
                        503,
                        "too many signed requests in the last minutes to guard them all against replay; retry later");
        }
    }
}
