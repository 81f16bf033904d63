package org.tsunagu.node.federation;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;
import org.tsunagu.protocol.sign.HttpSignatures;
import org.tsunagu.protocol.sign.KeyResolver;
import org.tsunagu.protocol.sign.SignableRequest;

/**
 * RFC 9421 message signatures for peer requests, the protocol's profile ({@link HttpSignatures}: alg
 * ed25519, keyid = the sender's key id, covering {@code @method}, {@code @target-uri} and {@code
 * content-digest}, with {@code created} and {@code expires}). The key is read at each request, so a
 * rotation takes effect for the next one.
 */
public final class RequestSigning {
    private final Supplier<Ed25519KeyPair> key;
    private final Clock clock;
    private final Duration validity;

    /** @param validity how long a signature stays acceptable, which bounds replays of captured requests */
    public RequestSigning(Supplier<Ed25519KeyPair> key, Clock clock, Duration validity) {
        this.key = key;
        this.clock = clock;
        this.validity = validity;
    }

    /** The headers to add to a request: Content-Digest (with a body), Signature-Input, Signature. */
    Map<String, String> sign(String method, URI target, byte[] body) {
        SignableRequest request = new SignableRequest(method, target, Map.of(), body);
        return HttpSignatures.sign(request, key.get(), clock.instant(), validity)
                .asMap();
    }

    /**
     * Checks a received request's signature and digest with the key its keyid names; the caller decides
     * whether that key is trusted.
     *
     * @throws org.tsunagu.protocol.ProtocolException when the signature is missing, stale or wrong
     */
    KeyId verify(String method, URI target, Map<String, List<String>> headers, byte[] body) {
        SignableRequest request = new SignableRequest(method, target, headers, body);
        KeyResolver anyValidKey = id -> KeyId.parse(id, "Signature-Input.keyid").publicKey();
        return new KeyId(HttpSignatures.verify(request, anyValidKey, clock, validity));
    }
}
