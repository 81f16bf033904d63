package org.tsunagu.node.federation;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;
import org.tsunagu.protocol.sign.HttpSignatures;
import org.tsunagu.protocol.sign.KeyResolver;
import org.tsunagu.protocol.sign.ReceivedSignature;
import org.tsunagu.protocol.sign.SignableRequest;

/**
 * RFC 9421 message signatures for peer requests, the protocol's profile ({@link HttpSignatures}: alg
 * ed25519, keyid = the sender's key id, covering {@code @method}, {@code @target-uri} and {@code
 * content-digest}, with {@code created}, {@code expires} and a random {@code nonce}). The key is read at
 * each request, so a rotation takes effect for the next one.
 */
public final class RequestSigning {
    /** Clock difference allowed between peers (SPEC §10.2). */
    static final Duration SKEW = Duration.ofSeconds(60);

    /**
     * A request whose signature verified.
     *
     * @param acceptedUntil the last second at which the same signature would still verify: a replay can
     *     only be attempted until then
     */
    record Verified(KeyId signer, ReceivedSignature signature, Instant acceptedUntil) {}

    private final Supplier<Ed25519KeyPair> key;
    private final Clock clock;
    private final Duration validity;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param validity how long a signature stays acceptable after {@code created} (sent as {@code
     *     expires}, and the oldest {@code created} accepted), which bounds replays of captured requests
     */
    public RequestSigning(Supplier<Ed25519KeyPair> key, Clock clock, Duration validity) {
        this.key = key;
        this.clock = clock;
        this.validity = validity;
    }

    /** The headers to add to a request: Content-Digest (with a body), Signature-Input, Signature. */
    Map<String, String> sign(String method, URI target, byte[] body) {
        return sign(method, target, body, null);
    }

    /** The same, with the body's Content-Digest already computed ({@code null}: computed here). */
    Map<String, String> sign(String method, URI target, byte[] body, String contentDigest) {
        SignableRequest request = new SignableRequest(method, target, Map.of(), body);
        Ed25519KeyPair k = key.get();
        return HttpSignatures.sign(
                        request,
                        contentDigest,
                        k,
                        k.publicKey().keyId().value(),
                        clock.instant(),
                        validity,
                        HttpSignatures.newNonce(random))
                .asMap();
    }

    /**
     * Checks a received request's signature and digest with the key its keyid names; the caller decides
     * whether that key is trusted, and whether the signature was seen before.
     *
     * @throws org.tsunagu.protocol.ProtocolException when the signature is missing, stale or wrong
     */
    /**
     * Checks the signature of a request's head before its body is read ({@link
     * HttpSignatures#verifyReceivedHead}): whether the body matches the signed digest is checked by
     * {@link #verifyBody} once it is read.
     */
    Verified verifyHead(String method, URI target, Map<String, List<String>> headers, boolean hasBody) {
        SignableRequest request = new SignableRequest(method, target, headers, null);
        KeyResolver anyValidKey = id -> KeyId.parse(id, "Signature-Input.keyid").publicKey();
        ReceivedSignature signature =
                HttpSignatures.verifyReceivedHead(request, hasBody, anyValidKey, clock, SKEW, validity);
        return new Verified(
                new KeyId(signature.parameters().keyId().orElseThrow()),
                signature,
                HttpSignatures.acceptedUntil(signature.parameters(), SKEW, validity));
    }

    /**
     * The body read after {@link #verifyHead} must be the one whose digest that signature covered; the
     * signature is not checked again ({@link HttpSignatures#verifyReceivedBody}).
     */
    void verifyBody(Verified head, String method, URI target, Map<String, List<String>> headers, byte[] body) {
        HttpSignatures.verifyReceivedBody(new SignableRequest(method, target, headers, body), head.signature());
    }

    Verified verify(String method, URI target, Map<String, List<String>> headers, byte[] body) {
        SignableRequest request = new SignableRequest(method, target, headers, body);
        KeyResolver anyValidKey = id -> KeyId.parse(id, "Signature-Input.keyid").publicKey();
        ReceivedSignature signature = HttpSignatures.verifyReceived(request, anyValidKey, clock, SKEW, validity);
        return new Verified(
                new KeyId(signature.parameters().keyId().orElseThrow()),
                signature,
                HttpSignatures.acceptedUntil(signature.parameters(), SKEW, validity));
    }
}
