package org.tsunagu.protocol.sign;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.InvalidSignatureException;
import org.tsunagu.protocol.MalformedMessageException;

/**
 * Our profile of RFC 9421 HTTP Message Signatures for peer-to-peer requests: Ed25519 ({@code
 * alg="ed25519"}), {@code keyid} = the sender's key id ({@code ed25519:...}), covering {@code @method},
 * {@code @target-uri} and, when there is a body, {@code content-digest} (RFC 9530, {@code sha-256}),
 * with {@code created} required and {@code expires} honoured. We sign with the label {@code sig1} and
 * accept any single label.
 *
 * <p>Freshness bounds how long a captured request can be replayed; within that window a receiver
 * refuses a replay by remembering the signatures it accepted until {@link #acceptedUntil} (the bytes
 * of an Ed25519 signature identify the signed request). Senders add a random {@code nonce} ({@link
 * #newNonce}) so that two identical requests sent in the same second still differ.
 *
 * <p>Errors name the header they concern in {@link org.tsunagu.protocol.ProtocolException#path()}
 * ({@code Signature-Input}, {@code Signature}, {@code Content-Digest}, or a covered component):
 * {@link InvalidSignatureException} when the request is unsigned, the signature is unacceptable or does
 * not verify (answer 401), {@link MalformedMessageException} when the fields are garbled (answer 400).
 *
 * <p>The lower layer, for other profiles or for checking the RFC's own examples, is {@link
 * SignatureHeaders} (parse), {@link SignatureParameters} and {@link SignatureBase} (build and verify).
 */
public final class HttpSignatures {
    public static final String LABEL = "sig1";
    public static final String ALG = "ed25519";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    private static final String METHOD = "@method";
    private static final String TARGET_URI = "@target-uri";
    private static final String CONTENT_DIGEST = "content-digest";

    private HttpSignatures() {}

    /**
     * Signs {@code request} with {@code key} under the key's own id ({@code ed25519:...}).
     *
     * @see #sign(SignableRequest, Ed25519KeyPair, String, Instant, Duration)
     */
    public static SignedHeaders sign(SignableRequest request, Ed25519KeyPair key, Instant created, Duration validity) {
        return sign(request, key, key.publicKey().keyId().value(), created, validity);
    }

    /**
     * Signs {@code request}. When it has a body, its {@code Content-Digest} is computed here (any such
     * field already on the request is ignored) and returned for the caller to send.
     *
     * @param keyId the {@code keyid} parameter, printable ASCII
     * @param created signing time; sent in whole seconds
     * @param validity how long the signature is valid after {@code created} ({@code expires}); at least
     *     one second
     * @return the header values to set on the request
     */
    public static SignedHeaders sign(
            SignableRequest request, Ed25519KeyPair key, String keyId, Instant created, Duration validity) {
        return sign(request, key, keyId, created, validity, null);
    }

    /**
     * Signs {@code request} as {@link #sign(SignableRequest, Ed25519KeyPair, String, Instant, Duration)}
     * does, with a {@code nonce} parameter when {@code nonce} is not null.
     *
     * @param nonce a value used once, printable ASCII, e.g. from {@link #newNonce}; or null for none
     */
    public static SignedHeaders sign(
            SignableRequest request,
            Ed25519KeyPair key,
            String keyId,
            Instant created,
            Duration validity,
            String nonce) {
        return sign(request, null, key, keyId, created, validity, nonce);
    }

    /**
     * Signs {@code request} as {@link #sign(SignableRequest, Ed25519KeyPair, String, Instant, Duration,
     * String)} does, with the body's {@code Content-Digest} computed by the caller: once for a body sent
     * to many receivers (a push batch to each subscriber), where hashing it again per receiver was about a
     * tenth of a hub's CPU (issue 14). A wrong digest is not caught here; every receiver refuses it.
     *
     * @param contentDigest {@link ContentDigest#sha256} of the request's body, or null to compute it here
     * @throws IllegalArgumentException if a digest is given for a request without a body
     */
    public static SignedHeaders sign(
            SignableRequest request,
            String contentDigest,
            Ed25519KeyPair key,
            String keyId,
            Instant created,
            Duration validity,
            String nonce) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyId, "keyId");
        if (validity.getSeconds() < 1) {
            throw new IllegalArgumentException("validity must be at least one second");
        }
        if (contentDigest != null && !request.hasBody()) {
            throw new IllegalArgumentException("a Content-Digest was given for a request without a body");
        }
        long createdSeconds = created.getEpochSecond();
        List<String> components = new ArrayList<>(List.of(METHOD, TARGET_URI));
        String digest = null;
        SignableRequest toSign = request;
        if (request.hasBody()) {
            digest = contentDigest != null ? contentDigest : ContentDigest.sha256(request.body());
            toSign = request.withHeader(ContentDigest.HEADER, digest);
            components.add(CONTENT_DIGEST);
        }
        SignatureParameters params = SignatureParameters.of(components)
                .with("created", createdSeconds)
                .with("expires", createdSeconds + validity.getSeconds());
        if (nonce != null) {
            params = params.with("nonce", nonce);
        }
        params = params.with("keyid", keyId).with("alg", ALG);
        byte[] signature = SignatureBase.build(toSign, params).sign(key);
        return new SignedHeaders(
                SignatureHeaders.signatureInputMember(LABEL, params),
                SignatureHeaders.signatureMember(LABEL, signature),
                digest);
    }

    /** A fresh {@code nonce}: 128 random bits in base64url. */
    public static String newNonce(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64Url.encode(bytes);
    }

    /**
     * Verifies a request against our profile, accepting signatures up to {@link #DEFAULT_MAX_AGE} old.
     *
     * @see #verify(SignableRequest, KeyResolver, Clock, Duration, Duration)
     */
    public static String verify(SignableRequest request, KeyResolver resolver, Clock clock, Duration allowedSkew) {
        return verify(request, resolver, clock, allowedSkew, DEFAULT_MAX_AGE);
    }

    /**
     * Verifies a request against our profile: exactly one signature; {@code alg="ed25519"}; {@code
     * keyid} and {@code created} present; {@code @method} and {@code @target-uri} covered, and {@code
     * content-digest} too when there is a body; {@code created} not more than {@code allowedSkew} in the
     * future nor older than {@code maxAge} (plus skew); {@code expires}, when present, not passed (minus
     * skew); the {@code Content-Digest} matching the body; the signature verifying with the resolved key.
     *
     * @return the verified key id
     * @throws InvalidSignatureException if the request is unsigned or the signature is not acceptable
     * @throws MalformedMessageException if the signature fields are not well formed
     */
    public static String verify(
            SignableRequest request, KeyResolver resolver, Clock clock, Duration allowedSkew, Duration maxAge) {
        return verifyReceived(request, resolver, clock, allowedSkew, maxAge)
                .parameters()
                .keyId()
                .orElseThrow();
    }

    /**
     * Makes the checks of {@link #verify(SignableRequest, KeyResolver, Clock, Duration, Duration)} and
     * returns the verified signature: its parameters (key id, {@code created}, …) and its bytes, e.g. to
     * remember against replays until {@link #acceptedUntil}.
     *
     * @throws InvalidSignatureException if the request is unsigned or the signature is not acceptable
     * @throws MalformedMessageException if the signature fields are not well formed
     */
    public static ReceivedSignature verifyReceived(
            SignableRequest request, KeyResolver resolver, Clock clock, Duration allowedSkew, Duration maxAge) {
        return verifyReceived(request, request.hasBody(), true, resolver, clock, allowedSkew, maxAge);
    }

    /**
     * Makes the checks of {@link #verifyReceived} that need only the request's head, so that a receiver
     * can refuse an unsigned, stale or forged request before reading (and waiting for) its body: the
     * signature over the covered components, which include the {@code Content-Digest} header's value
     * when {@code hasBody}. Whether the body matches that digest is left to the caller, once the body
     * is read ({@link #verifyReceivedBody}).
     *
     * @param request the request without its body
     * @param hasBody whether the request declares a body (a non-zero Content-Length, or chunked)
     */
    public static ReceivedSignature verifyReceivedHead(
            SignableRequest request,
            boolean hasBody,
            KeyResolver resolver,
            Clock clock,
            Duration allowedSkew,
            Duration maxAge) {
        return verifyReceived(request, hasBody, false, resolver, clock, allowedSkew, maxAge);
    }

    /**
     * The rest of {@link #verifyReceivedHead} once the body is read: the body must match the {@code
     * Content-Digest} the head's signature covered, and a body the signature does not cover is refused.
     * The signature itself is not checked again: it verified over that digest's value with the head, and
     * an Ed25519 check costs more than the digest of a push batch (issue 14: twice per push in a region).
     *
     * @param request the whole request, its body included
     * @param head the signature {@link #verifyReceivedHead} returned for this request's head
     * @throws InvalidSignatureException if the body does not match the signed digest, or is not covered
     * @throws MalformedMessageException if the {@code Content-Digest} field is not well formed
     */
    public static void verifyReceivedBody(SignableRequest request, ReceivedSignature head) {
        byte[] body = request.body();
        if (!head.parameters().components().contains(CONTENT_DIGEST)) {
            if (body.length > 0) {
                throw new InvalidSignatureException(
                        SignatureHeaders.SIGNATURE_INPUT, "a request with a body must cover content-digest");
            }
            return;
        }
        List<String> lines = request.headerValues(ContentDigest.HEADER);
        if (lines.isEmpty()) {
            throw new InvalidSignatureException(ContentDigest.HEADER, "covered Content-Digest is missing");
        }
        ContentDigest.verify(String.join(", ", lines), body);
    }

    private static ReceivedSignature verifyReceived(
            SignableRequest request,
            boolean hasBody,
            boolean checkDigest,
            KeyResolver resolver,
            Clock clock,
            Duration allowedSkew,
            Duration maxAge) {
        List<ReceivedSignature> signatures = SignatureHeaders.parse(request);
        if (signatures.size() != 1) {
            List<String> labels =
                    signatures.stream().map(ReceivedSignature::label).toList();
            throw new MalformedMessageException(
                    SignatureHeaders.SIGNATURE_INPUT, "expected exactly one signature, got " + labels);
        }
        ReceivedSignature received = signatures.get(0);
        SignatureParameters params = received.parameters();
        String keyId = checkProfile(hasBody, params);
        checkTime(params, clock.instant().getEpochSecond(), allowedSkew.getSeconds(), maxAge.getSeconds());
        if (params.components().contains(CONTENT_DIGEST)) {
            List<String> lines = request.headerValues(ContentDigest.HEADER);
            if (lines.isEmpty()) {
                throw new InvalidSignatureException(ContentDigest.HEADER, "covered Content-Digest is missing");
            }
            if (checkDigest) {
                ContentDigest.verify(String.join(", ", lines), request.body());
            }
        }
        Ed25519PublicKey key = resolver.resolve(keyId);
        if (key == null) {
            throw new InvalidSignatureException(SignatureHeaders.SIGNATURE_INPUT, "unknown key id " + keyId);
        }
        SignatureBase.build(request, params).verify(key, received.signature());
        return received;
    }

    /**
     * The last second at which {@link #verify(SignableRequest, KeyResolver, Clock, Duration, Duration)}
     * with these bounds still accepts a signature with {@code params}: {@code created} + {@code maxAge} +
     * {@code allowedSkew}, or {@code expires} + {@code allowedSkew} when that is earlier. After it, the
     * signature is refused as stale, so a receiver may forget that it has seen it.
     *
     * @throws MalformedMessageException if {@code created} is missing or a parameter has the wrong type
     */
    public static Instant acceptedUntil(SignatureParameters params, Duration allowedSkew, Duration maxAge) {
        long created = params.created()
                .orElseThrow(
                        () -> new MalformedMessageException(SignatureHeaders.SIGNATURE_INPUT, "created is required"));
        long until = created + maxAge.getSeconds() + allowedSkew.getSeconds();
        if (params.expires().isPresent()) {
            until = Math.min(until, params.expires().getAsLong() + allowedSkew.getSeconds());
        }
        return Instant.ofEpochSecond(until);
    }

    private static String checkProfile(boolean hasBody, SignatureParameters params) {
        String path = SignatureHeaders.SIGNATURE_INPUT;
        String alg = params.alg()
                .orElseThrow(() -> new InvalidSignatureException(path, "alg is required and must be " + ALG));
        if (!ALG.equals(alg)) {
            throw new InvalidSignatureException(path, "unsupported alg \"" + alg + "\"; only " + ALG + " is accepted");
        }
        String keyId = params.keyId().orElseThrow(() -> new MalformedMessageException(path, "keyid is required"));
        if (params.created().isEmpty()) {
            throw new MalformedMessageException(path, "created is required");
        }
        for (String required : List.of(METHOD, TARGET_URI)) {
            if (!params.components().contains(required)) {
                throw new InvalidSignatureException(path, "the signature must cover " + required);
            }
        }
        if (hasBody && !params.components().contains(CONTENT_DIGEST)) {
            throw new InvalidSignatureException(path, "a request with a body must cover content-digest");
        }
        return keyId;
    }

    private static void checkTime(SignatureParameters params, long now, long skew, long maxAge) {
        String path = SignatureHeaders.SIGNATURE_INPUT;
        long created = params.created().getAsLong();
        if (created < 0) {
            throw new MalformedMessageException(path, "created must not be negative");
        }
        if (created > now + skew) {
            throw new InvalidSignatureException(
                    path, "created is " + (created - now) + " s in the future (allowed skew " + skew + " s)");
        }
        if (now - created > maxAge + skew) {
            throw new InvalidSignatureException(
                    path, "signature is " + (now - created) + " s old (at most " + maxAge + " s accepted)");
        }
        if (params.expires().isPresent()) {
            long expires = params.expires().getAsLong();
            if (expires <= created) {
                throw new MalformedMessageException(path, "expires must be after created");
            }
            if (now > expires + skew) {
                throw new InvalidSignatureException(path, "signature expired " + (now - expires) + " s ago");
            }
        }
    }
}
