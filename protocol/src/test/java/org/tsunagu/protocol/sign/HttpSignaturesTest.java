package org.tsunagu.protocol.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsunagu.protocol.InvalidSignatureException;
import org.tsunagu.protocol.MalformedMessageException;
import org.tsunagu.protocol.ProtocolException;

class HttpSignaturesTest {
    private static final Ed25519KeyPair KEY = Ed25519KeyPair.fromSeed(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32
    });
    private static final Ed25519KeyPair OTHER_KEY = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final String KEY_ID = KEY.publicKey().keyId().value();
    private static final KeyResolver RESOLVER = KeyResolver.only(KEY.publicKey());

    private static final Instant NOW = Instant.parse("2026-11-29T02:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Duration VALIDITY = Duration.ofMinutes(1);

    private static final URI INBOX = URI.create("http://127.0.0.1:8443/v1/inbox");
    private static final byte[] BODY = "{\"v\":1,\"origin\":\"jp-janic\"}\n".getBytes(StandardCharsets.UTF_8);

    /** A POST of BODY to the inbox, with the headers a client would send besides the signature. */
    private static SignableRequest post() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/x-ndjson"));
        return new SignableRequest("POST", INBOX, headers, BODY);
    }

    /** The request with the signed headers added, as the receiving side sees it. */
    private static SignableRequest received(SignableRequest request, SignedHeaders signed) {
        SignableRequest r = request;
        for (Map.Entry<String, String> h : signed.asMap().entrySet()) {
            r = r.withHeader(h.getKey(), h.getValue());
        }
        return r;
    }

    private static SignableRequest signedPost() {
        return received(post(), HttpSignatures.sign(post(), KEY, NOW, VALIDITY));
    }

    private static String verify(SignableRequest request) {
        return HttpSignatures.verify(request, RESOLVER, CLOCK, SKEW);
    }

    /** Signs arbitrary parameters through the lower layer, for requests our signer would never make. */
    private static SignableRequest signedWith(SignableRequest request, String label, SignatureParameters params) {
        byte[] sig = SignatureBase.build(request, params).sign(KEY);
        return request.withHeader("Signature-Input", SignatureHeaders.signatureInputMember(label, params))
                .withHeader("Signature", SignatureHeaders.signatureMember(label, sig));
    }

    private static SignatureParameters profileParams(String... components) {
        long created = NOW.getEpochSecond();
        return SignatureParameters.of(List.of(components))
                .with("created", created)
                .with("expires", created + 60)
                .with("keyid", KEY_ID)
                .with("alg", "ed25519");
    }

    /** The request with field {@code name} sent as exactly these lines (none: removed). */
    private static SignableRequest withLines(SignableRequest r, String name, String... lines) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(r.headers());
        headers.put(name, List.of(lines));
        return new SignableRequest(r.method(), r.targetUri(), headers, r.body());
    }

    private static SignableRequest withDigest(SignableRequest r) {
        return r.withHeader("Content-Digest", ContentDigest.sha256(BODY));
    }

    // ---- what a good request looks like ----

    @Test
    void sign_withBody_coversMethodTargetUriAndContentDigest() {
        SignedHeaders h = HttpSignatures.sign(post(), KEY, NOW, VALIDITY);
        long created = NOW.getEpochSecond();
        assertEquals(
                "sig1=(\"@method\" \"@target-uri\" \"content-digest\");created=" + created + ";expires="
                        + (created + 60) + ";keyid=\"" + KEY_ID + "\";alg=\"ed25519\"",
                h.signatureInput());
        assertEquals(ContentDigest.sha256(BODY), h.contentDigest());
        assertTrue(h.signature().startsWith("sig1=:") && h.signature().endsWith(":"));
    }

    @Test
    void sign_withNonce_nonceSignedAndSameRequestInSameSecondDiffers() {
        SignedHeaders a = HttpSignatures.sign(post(), KEY, KEY_ID, NOW, VALIDITY, "n-1");
        SignedHeaders b = HttpSignatures.sign(post(), KEY, KEY_ID, NOW, VALIDITY, "n-2");
        assertTrue(a.signatureInput().contains(";nonce=\"n-1\";"), a.signatureInput());
        assertTrue(!a.signature().equals(b.signature()), "different nonces, different signatures");
        ReceivedSignature verified =
                HttpSignatures.verifyReceived(received(post(), a), RESOLVER, CLOCK, SKEW, VALIDITY);
        assertEquals("n-1", verified.parameters().nonce().orElseThrow());
        // The nonce is covered: changing it breaks the signature.
        SignableRequest tampered = withLines(
                received(post(), a), "Signature-Input", a.signatureInput().replace("n-1", "n-3"));
        assertThrows(InvalidSignatureException.class, () -> verify(tampered));
    }

    /** The signed request's head (no body yet), as a receiver sees it before reading the body. */
    private static SignableRequest headOf(SignableRequest r) {
        return new SignableRequest(r.method(), r.targetUri(), r.headers(), null);
    }

    /** {@code r} with {@code body} in place of the one it was signed with, the headers unchanged. */
    private static SignableRequest withBody(SignableRequest r, byte[] body) {
        return new SignableRequest(r.method(), r.targetUri(), r.headers(), body);
    }

    @Test
    void verifyReceivedBody_theSignedBody_accepted() {
        SignableRequest request = signedPost();
        ReceivedSignature head =
                HttpSignatures.verifyReceivedHead(headOf(request), true, RESOLVER, CLOCK, SKEW, VALIDITY);
        HttpSignatures.verifyReceivedBody(request, head);
    }

    @Test
    void verifyReceivedBody_anotherBodyAfterAGoodHead_refused() {
        SignableRequest request = signedPost();
        ReceivedSignature head =
                HttpSignatures.verifyReceivedHead(headOf(request), true, RESOLVER, CLOCK, SKEW, VALIDITY);
        byte[] other = BODY.clone();
        other[other.length - 3] ^= 1; // same length, one bit
        InvalidSignatureException e = assertThrows(
                InvalidSignatureException.class,
                () -> HttpSignatures.verifyReceivedBody(withBody(request, other), head));
        assertEquals("Content-Digest", e.path());
        assertThrows(
                InvalidSignatureException.class,
                () -> HttpSignatures.verifyReceivedBody(withBody(request, new byte[0]), head));
    }

    @Test
    void verifyReceivedBody_bodyNotCoveredByTheHead_refused() {
        // A head signed without content-digest passes as a request without a body; a body may not follow.
        SignableRequest bare = signedWith(headOf(post()), "sig1", profileParams("@method", "@target-uri"));
        ReceivedSignature head = HttpSignatures.verifyReceivedHead(bare, false, RESOLVER, CLOCK, SKEW, VALIDITY);
        HttpSignatures.verifyReceivedBody(withBody(bare, new byte[0]), head);
        InvalidSignatureException e = assertThrows(
                InvalidSignatureException.class, () -> HttpSignatures.verifyReceivedBody(withBody(bare, BODY), head));
        assertTrue(e.getMessage().contains("content-digest"), e.getMessage());
    }

    @Test
    void verifyReceivedBody_coveredDigestFieldGone_refused() {
        SignableRequest request = signedPost();
        ReceivedSignature head =
                HttpSignatures.verifyReceivedHead(headOf(request), true, RESOLVER, CLOCK, SKEW, VALIDITY);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.headers());
        headers.remove("Content-Digest");
        SignableRequest stripped = new SignableRequest(request.method(), request.targetUri(), headers, BODY);
        assertThrows(InvalidSignatureException.class, () -> HttpSignatures.verifyReceivedBody(stripped, head));
    }

    @Test
    void sign_withTheDigestGiven_sameHeadersAsComputingIt() {
        String digest = ContentDigest.sha256(BODY);
        SignedHeaders computed = HttpSignatures.sign(post(), KEY, KEY_ID, NOW, VALIDITY, "n-1");
        SignedHeaders given = HttpSignatures.sign(post(), digest, KEY, KEY_ID, NOW, VALIDITY, "n-1");
        assertEquals(computed.asMap(), given.asMap());
        assertEquals(KEY_ID, verify(received(post(), given)));
        // A digest of another body signs headers every receiver refuses.
        String wrong = ContentDigest.sha256("other".getBytes(StandardCharsets.UTF_8));
        SignedHeaders bad = HttpSignatures.sign(post(), wrong, KEY, KEY_ID, NOW, VALIDITY, "n-2");
        assertThrows(InvalidSignatureException.class, () -> verify(received(post(), bad)));
        SignableRequest get = new SignableRequest("GET", INBOX, Map.of(), null);
        assertThrows(
                IllegalArgumentException.class,
                () -> HttpSignatures.sign(get, digest, KEY, KEY_ID, NOW, VALIDITY, null));
    }

    @Test
    void newNonce_twice_differentBase64UrlValues() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        String one = HttpSignatures.newNonce(random);
        assertEquals(22, one.length());
        assertTrue(one.matches("[A-Za-z0-9_-]+"), one);
        assertTrue(!one.equals(HttpSignatures.newNonce(random)));
    }

    @Test
    void verifyReceived_goodRequest_returnsTheSignatureBytesSent() {
        SignedHeaders h = HttpSignatures.sign(post(), KEY, NOW, VALIDITY);
        ReceivedSignature verified =
                HttpSignatures.verifyReceived(received(post(), h), RESOLVER, CLOCK, SKEW, VALIDITY);
        ReceivedSignature parsed =
                SignatureHeaders.parse(h.signatureInput(), h.signature()).get(0);
        assertTrue(Arrays.equals(parsed.signature(), verified.signature()));
        assertEquals(KEY_ID, verified.parameters().keyId().orElseThrow());
    }

    @Test
    void acceptedUntil_expiresOrMaxAge_lastSecondVerifyAccepts() {
        SignatureParameters params = SignatureHeaders.parse(
                        HttpSignatures.sign(post(), KEY, NOW, VALIDITY).signatureInput(), "sig1=:AAAA:")
                .get(0)
                .parameters();
        // expires (created + 60) + skew 30 is earlier than created + 5 min + skew.
        Instant until = HttpSignatures.acceptedUntil(params, SKEW, HttpSignatures.DEFAULT_MAX_AGE);
        assertEquals(NOW.plusSeconds(90), until);
        assertEquals(KEY_ID, HttpSignatures.verify(signedPost(), RESOLVER, Clock.fixed(until, ZoneOffset.UTC), SKEW));
        Clock after = Clock.fixed(until.plusSeconds(1), ZoneOffset.UTC);
        assertThrows(InvalidSignatureException.class, () -> HttpSignatures.verify(signedPost(), RESOLVER, after, SKEW));
        // With a later expires, maxAge bounds it.
        SignatureParameters noExpiry = profileParams("@method").with("expires", NOW.getEpochSecond() + 3600);
        assertEquals(
                NOW.plusSeconds(300 + 30),
                HttpSignatures.acceptedUntil(noExpiry, SKEW, HttpSignatures.DEFAULT_MAX_AGE));
    }

    @Test
    void signAndVerify_withBody_returnsKeyId() {
        assertEquals(KEY_ID, verify(signedPost()));
    }

    @Test
    void signAndVerify_withoutBody_noDigestAndVerifies() {
        SignableRequest get = SignableRequest.of("GET", URI.create("http://127.0.0.1:8443/v1/feed?after=3"), Map.of());
        SignedHeaders h = HttpSignatures.sign(get, KEY, NOW, VALIDITY);
        assertNull(h.contentDigest());
        assertTrue(h.signatureInput().startsWith("sig1=(\"@method\" \"@target-uri\");"));
        assertEquals(KEY_ID, verify(received(get, h)));
    }

    @Test
    void verify_headerNamesInOtherCase_verifies() {
        SignedHeaders h = HttpSignatures.sign(post(), KEY, NOW, VALIDITY);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("signature-input", List.of(h.signatureInput()));
        headers.put("SIGNATURE", List.of(h.signature()));
        headers.put("content-DIGEST", List.of(h.contentDigest()));
        assertEquals(KEY_ID, verify(new SignableRequest("POST", INBOX, headers, BODY)));
    }

    @Test
    void verify_anySingleLabel_verifies() {
        SignableRequest r =
                signedWith(withDigest(post()), "peer-7", profileParams("@method", "@target-uri", "content-digest"));
        assertEquals(KEY_ID, verify(r));
    }

    @Test
    void verify_createdWithinSkewInFuture_verifies() {
        SignableRequest r = received(post(), HttpSignatures.sign(post(), KEY, NOW.plusSeconds(30), VALIDITY));
        assertEquals(KEY_ID, verify(r));
    }

    @Test
    void verify_extraCoveredHeader_verifies() {
        SignableRequest r = signedWith(
                withDigest(post()), "sig1", profileParams("@method", "@target-uri", "content-digest", "content-type"));
        assertEquals(KEY_ID, verify(r));
    }

    // ---- tampering ----

    @Test
    void verify_methodChanged_throwsInvalid() {
        SignableRequest r = signedPost();
        SignableRequest tampered = new SignableRequest("PUT", r.targetUri(), r.headers(), r.body());
        assertThrows(InvalidSignatureException.class, () -> verify(tampered));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "http://127.0.0.1:8443/v1/inbox?x=1",
                "http://127.0.0.1:8444/v1/inbox",
                "https://127.0.0.1:8443/v1/inbox",
                "http://127.0.0.1:8443/v1/Inbox",
                "http://localhost:8443/v1/inbox"
            })
    void verify_targetUriChanged_throwsInvalid(String uri) {
        SignableRequest r = signedPost();
        SignableRequest tampered = new SignableRequest("POST", URI.create(uri), r.headers(), r.body());
        assertThrows(InvalidSignatureException.class, () -> verify(tampered));
    }

    @Test
    void verify_bodyChanged_throwsInvalidNamingContentDigest() {
        SignableRequest r = signedPost();
        byte[] changed = r.body();
        changed[changed.length - 2] ^= 1;
        SignableRequest tampered = new SignableRequest("POST", INBOX, r.headers(), changed);
        InvalidSignatureException e = assertThrows(InvalidSignatureException.class, () -> verify(tampered));
        assertEquals("Content-Digest", e.path());
    }

    @Test
    void verify_bodyChangedAndDigestRecomputed_throwsInvalid() {
        byte[] changed = "{\"v\":1,\"origin\":\"th-ngocoord\"}\n".getBytes(StandardCharsets.UTF_8);
        SignableRequest r = signedPost();
        SignableRequest tampered = new SignableRequest("POST", INBOX, r.headers(), changed)
                .withHeader("Content-Digest", ContentDigest.sha256(changed));
        assertThrows(InvalidSignatureException.class, () -> verify(tampered));
    }

    @Test
    void verify_bodyRemoved_throwsInvalid() {
        SignableRequest r = signedPost();
        SignableRequest tampered = new SignableRequest("POST", INBOX, r.headers(), null);
        assertThrows(InvalidSignatureException.class, () -> verify(tampered));
    }

    @Test
    void verify_contentDigestRemoved_throwsInvalid() {
        SignableRequest r = signedPost();
        assertThrows(InvalidSignatureException.class, () -> verify(withLines(r, "Content-Digest")));
    }

    @Test
    void verify_bodyAddedToSignedGet_throwsInvalid() {
        SignableRequest get = SignableRequest.of("POST", INBOX, Map.of());
        SignableRequest r = received(get, HttpSignatures.sign(get, KEY, NOW, VALIDITY));
        SignableRequest tampered = new SignableRequest("POST", INBOX, r.headers(), BODY);
        InvalidSignatureException e = assertThrows(InvalidSignatureException.class, () -> verify(tampered));
        assertTrue(e.getMessage().contains("content-digest"), e.getMessage());
    }

    @Test
    void verify_bodyWithoutContentDigestCoverage_throwsInvalid() {
        // A valid signature, but over method and URI only: the body would be unauthenticated.
        SignableRequest r = signedWith(withDigest(post()), "sig1", profileParams("@method", "@target-uri"));
        assertThrows(InvalidSignatureException.class, () -> verify(r));
    }

    @ParameterizedTest(name = "covering only {0}")
    @ValueSource(strings = {"@target-uri content-digest", "@method content-digest", "@method @path content-digest"})
    void verify_requiredComponentNotCovered_throwsInvalid(String components) {
        SignableRequest r = signedWith(withDigest(post()), "sig1", profileParams(components.split(" ")));
        assertThrows(InvalidSignatureException.class, () -> verify(r));
    }

    @Test
    void verify_wrongKey_throwsInvalid() {
        SignableRequest r = received(post(), HttpSignatures.sign(post(), OTHER_KEY, KEY_ID, NOW, VALIDITY));
        assertThrows(InvalidSignatureException.class, () -> verify(r));
    }

    @Test
    void verify_unknownKeyId_throwsInvalid() {
        SignableRequest r = received(post(), HttpSignatures.sign(post(), OTHER_KEY, NOW, VALIDITY));
        assertThrows(InvalidSignatureException.class, () -> verify(r));
    }

    @Test
    void verify_resolverReturnsNull_throwsInvalid() {
        SignableRequest r = signedPost();
        assertThrows(InvalidSignatureException.class, () -> HttpSignatures.verify(r, keyId -> null, CLOCK, SKEW));
    }

    @Test
    void verify_signatureBitFlipped_throwsInvalid() {
        SignedHeaders h = HttpSignatures.sign(post(), KEY, NOW, VALIDITY);
        ReceivedSignature s =
                SignatureHeaders.parse(h.signatureInput(), h.signature()).get(0);
        byte[] sig = s.signature();
        sig[10] ^= 0x20;
        SignableRequest r = received(post(), h).withHeader("Signature", SignatureHeaders.signatureMember("sig1", sig));
        assertThrows(InvalidSignatureException.class, () -> verify(r));
    }

    @Test
    void verify_expired_throwsInvalid() {
        Clock later = Clock.fixed(NOW.plusSeconds(60 + 31), ZoneOffset.UTC);
        assertThrows(InvalidSignatureException.class, () -> HttpSignatures.verify(signedPost(), RESOLVER, later, SKEW));
        // Within the skew of expiry it still verifies.
        Clock justAfter = Clock.fixed(NOW.plusSeconds(60 + 30), ZoneOffset.UTC);
        assertEquals(KEY_ID, HttpSignatures.verify(signedPost(), RESOLVER, justAfter, SKEW));
    }

    @Test
    void verify_olderThanMaxAge_throwsInvalid() {
        SignableRequest r = received(post(), HttpSignatures.sign(post(), KEY, NOW, Duration.ofHours(1)));
        Clock later = Clock.fixed(NOW.plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        InvalidSignatureException e =
                assertThrows(InvalidSignatureException.class, () -> HttpSignatures.verify(r, RESOLVER, later, SKEW));
        assertTrue(e.getMessage().contains("old"), e.getMessage());
        assertEquals(KEY_ID, HttpSignatures.verify(r, RESOLVER, later, SKEW, Duration.ofMinutes(10)));
    }

    @Test
    void verify_createdInFuture_throwsInvalid() {
        SignableRequest r = received(post(), HttpSignatures.sign(post(), KEY, NOW.plusSeconds(31), VALIDITY));
        InvalidSignatureException e = assertThrows(InvalidSignatureException.class, () -> verify(r));
        assertTrue(e.getMessage().contains("future"), e.getMessage());
    }

    @ParameterizedTest(name = "alg=\"{0}\"")
    @ValueSource(strings = {"hmac-sha256", "rsa-pss-sha512", "ecdsa-p256-sha256", "ED25519", "ed448"})
    void verify_unknownAlg_throwsInvalid(String alg) {
        SignableRequest r = signedWith(
                withDigest(post()),
                "sig1",
                profileParams("@method", "@target-uri", "content-digest").with("alg", alg));
        InvalidSignatureException e = assertThrows(InvalidSignatureException.class, () -> verify(r));
        assertTrue(e.getMessage().contains("alg"), e.getMessage());
    }

    @Test
    void verify_algMissing_throwsInvalid() {
        SignatureParameters p = new SignatureParameters(
                List.of("@method", "@target-uri", "content-digest"),
                Map.of("created", NOW.getEpochSecond(), "keyid", KEY_ID));
        assertThrows(InvalidSignatureException.class, () -> verify(signedWith(withDigest(post()), "sig1", p)));
    }

    @Test
    void verify_createdMissing_throwsMalformed() {
        SignatureParameters p = new SignatureParameters(
                List.of("@method", "@target-uri", "content-digest"), Map.of("keyid", KEY_ID, "alg", "ed25519"));
        assertThrows(MalformedMessageException.class, () -> verify(signedWith(withDigest(post()), "sig1", p)));
    }

    @Test
    void verify_expiresNotAfterCreated_throwsMalformed() {
        SignatureParameters p =
                profileParams("@method", "@target-uri", "content-digest").with("expires", NOW.getEpochSecond());
        assertThrows(MalformedMessageException.class, () -> verify(signedWith(withDigest(post()), "sig1", p)));
    }

    @Test
    void verify_unsigned_throwsInvalid() {
        assertThrows(InvalidSignatureException.class, () -> verify(withDigest(post())));
    }

    // ---- duplicated and garbled headers ----

    @Test
    void verify_signatureInputSentTwice_throwsMalformed() {
        SignableRequest r = signedPost();
        String input = r.headerValues("Signature-Input").get(0);
        assertThrows(MalformedMessageException.class, () -> verify(withLines(r, "Signature-Input", input, input)));
    }

    @Test
    void verify_twoSignatures_throwsMalformed() {
        SignableRequest r = signedPost();
        String input = r.headerValues("Signature-Input").get(0);
        String sig = r.headerValues("Signature").get(0);
        SignableRequest two = r.withHeader("Signature-Input", input + ", " + input.replace("sig1=", "sig2="))
                .withHeader("Signature", sig + ", " + sig.replace("sig1=", "sig2="));
        assertThrows(MalformedMessageException.class, () -> verify(two));
    }

    @Test
    void verify_contentDigestSentTwice_throwsMalformed() {
        SignableRequest r = signedPost();
        String digest = ContentDigest.sha256(BODY);
        assertThrows(MalformedMessageException.class, () -> verify(withLines(r, "Content-Digest", digest, digest)));
    }

    @Test
    void verify_labelsDiffer_throwsMalformed() {
        SignableRequest r = signedPost();
        SignableRequest tampered =
                r.withHeader("Signature", r.headerValues("Signature").get(0).replace("sig1=", "sig2="));
        assertThrows(MalformedMessageException.class, () -> verify(tampered));
    }

    @Test
    void verify_onlyOneOfTheTwoFields_throwsMalformed() {
        SignableRequest r = signedPost();
        assertThrows(MalformedMessageException.class, () -> verify(withLines(r, "Signature")));
    }

    /**
     * Garbled Signature-Input or Signature values, each derived from a good one: a typed exception every
     * time (Malformed when unreadable, Invalid when readable but wrong), and never a crash.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "input: drop closing paren",
                "input: components not a list",
                "input: component with parameter",
                "input: component as token",
                "input: created as string",
                "input: keyid as integer",
                "input: duplicate created",
                "input: empty",
                "input: trailing garbage",
                "input: non-ASCII",
                "signature: not a byte sequence",
                "signature: bad base64",
                "signature: 63 bytes",
                "signature: inner list",
                "signature: empty",
            })
    void verify_garbledField_throwsTypedException(String how) {
        SignableRequest r = signedPost();
        String input = r.headerValues("Signature-Input").get(0);
        String sig = r.headerValues("Signature").get(0);
        String sigB64 = sig.substring("sig1=:".length(), sig.length() - 1);
        UnaryOperator<String> garble = switch (how) {
            case "input: drop closing paren" -> s -> s.replace("\");", "\";");
            case "input: components not a list" -> s -> s.replaceFirst("\\(.*\\)", "\"@method\"");
            case "input: component with parameter" -> s -> s.replace("\"@method\"", "\"@method\";req");
            case "input: component as token" -> s -> s.replace("\"@method\"", "method");
            case "input: created as string" -> s -> s.replaceFirst("created=(\\d+)", "created=\"$1\"");
            case "input: keyid as integer" -> s -> s.replaceFirst("keyid=\"[^\"]*\"", "keyid=7");
            case "input: duplicate created" -> s -> s + ";created=1";
            case "input: empty" -> s -> "";
            case "input: trailing garbage" -> s -> s + " )";
            case "input: non-ASCII" -> s -> s.replace("ed25519\"", "\u00e9d25519\"");
            default -> s -> s;
        };
        UnaryOperator<String> garbleSig = switch (how) {
            case "signature: not a byte sequence" -> s -> "sig1=\"" + sigB64 + "\"";
            case "signature: bad base64" -> s -> "sig1=:!" + sigB64.substring(1) + ":";
            case "signature: 63 bytes" ->
                s -> SignatureHeaders.signatureMember(
                        "sig1",
                        Arrays.copyOf(SignatureHeaders.parse(input, s).get(0).signature(), 63));
            case "signature: inner list" -> s -> "sig1=(:" + sigB64 + ":)";
            case "signature: empty" -> s -> "sig1=::";
            default -> s -> s;
        };
        SignableRequest tampered =
                r.withHeader("Signature-Input", garble.apply(input)).withHeader("Signature", garbleSig.apply(sig));
        ProtocolException e = assertThrows(ProtocolException.class, () -> verify(tampered));
        assertTrue(
                e instanceof MalformedMessageException || e instanceof InvalidSignatureException,
                () -> "unexpected " + e.getClass());
    }
}
