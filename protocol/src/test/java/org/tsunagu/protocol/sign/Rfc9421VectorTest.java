package org.tsunagu.protocol.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.Hashes;
import org.tsunagu.protocol.InvalidSignatureException;

/**
 * RFC 9421 Appendix B.2.6 (ed25519 over the B.2 test request), from {@code
 * vectors/http-signatures/rfc9421-ed25519.json}. The RFC covers other components than our profile, so
 * it is checked through the lower layer: parse the fields, build the base, verify the signature.
 */
class Rfc9421VectorTest {
    private static JsonNode vector;
    private static SignableRequest request;
    private static Ed25519PublicKey publicKey;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in =
                Rfc9421VectorTest.class.getResourceAsStream("/vectors/http-signatures/rfc9421-ed25519.json")) {
            vector = new ObjectMapper().readTree(in);
        }
        JsonNode r = vector.get("request");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (JsonNode h : r.get("headers")) {
            headers.computeIfAbsent(h.get(0).asText(), k -> new ArrayList<>())
                    .add(h.get(1).asText());
        }
        headers.put(SignatureHeaders.SIGNATURE_INPUT, List.of(text("signature_input_header", "value")));
        headers.put(SignatureHeaders.SIGNATURE, List.of(text("signature_header", "value")));
        // B.2's request is sent over HTTPS to example.com; only the path and authority are covered here.
        URI target = URI.create(
                "https://" + r.get("authority").asText() + r.get("target").asText());
        request = new SignableRequest(
                r.get("method").asText(),
                target,
                headers,
                r.get("body").asText().getBytes(StandardCharsets.UTF_8));
        publicKey = Ed25519PublicKey.fromBase64Url(text("key", "jwk", "x"), "$.key.jwk.x");
    }

    private static String text(String... path) {
        JsonNode n = vector;
        for (String p : path) {
            n = n.get(p);
        }
        return n.asText();
    }

    private static ReceivedSignature theSignature() {
        List<ReceivedSignature> all = SignatureHeaders.parse(request);
        assertEquals(1, all.size());
        return all.get(0);
    }

    @Test
    void parse_rfcHeaders_givesLabelComponentsAndParameters() {
        ReceivedSignature s = theSignature();
        assertEquals(vector.get("label").asText(), s.label());
        List<String> components = new ArrayList<>();
        vector.get("covered_components").forEach(c -> components.add(c.asText()));
        assertEquals(components, s.parameters().components());
        assertEquals(
                vector.get("signature_params").get("created").asLong(),
                s.parameters().created().getAsLong());
        assertEquals(text("signature_params", "keyid"), s.parameters().keyId().orElseThrow());
        assertArrayEquals(HexFormat.of().parseHex(text("signature_hex_derived")), s.signature());
    }

    @Test
    void serialize_parsedParameters_reproducesHeaderValuesExactly() {
        ReceivedSignature s = theSignature();
        assertEquals(text("signature_params_value"), s.parameters().serialize());
        assertEquals(
                text("signature_input_header", "value"),
                SignatureHeaders.signatureInputMember(s.label(), s.parameters()));
        assertEquals(text("signature_header", "value"), SignatureHeaders.signatureMember(s.label(), s.signature()));
    }

    @Test
    void build_rfcRequest_matchesSignatureBaseByteForByte() {
        SignatureBase base = SignatureBase.build(request, theSignature().parameters());
        assertArrayEquals(text("signature_base").getBytes(StandardCharsets.UTF_8), base.bytes());
        assertEquals(text("signature_base_sha256_hex_derived"), HexFormat.of().formatHex(Hashes.digest(base.bytes())));
    }

    @Test
    void verify_rfcSignature_verifiesWithRfcKey() {
        ReceivedSignature s = theSignature();
        SignatureBase.build(request, s.parameters()).verify(publicKey, s.signature());
    }

    @Test
    void sign_rfcBaseWithRfcPrivateKey_reproducesRfcSignature() {
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(Base64Url.decode(text("key", "jwk", "d"), "$.key.jwk.d"));
        assertEquals(publicKey, key.publicKey());
        SignatureBase base = new SignatureBase(text("signature_base"));
        assertArrayEquals(theSignature().signature(), base.sign(key));
    }

    @Test
    void verify_rfcSignatureOverChangedRequest_throws() {
        ReceivedSignature s = theSignature();
        SignableRequest changed = request.withHeader("Content-Type", "text/plain");
        SignatureBase base = SignatureBase.build(changed, s.parameters());
        assertThrows(InvalidSignatureException.class, () -> base.verify(publicKey, s.signature()));
    }

    @Test
    void profileVerify_rfcRequest_refusedBecauseProfileDiffers() {
        // No alg, no @target-uri, body without content-digest coverage: not our profile, however valid.
        Clock atCreation = Clock.fixed(Instant.ofEpochSecond(1618884473L), ZoneOffset.UTC);
        assertThrows(
                InvalidSignatureException.class,
                () -> HttpSignatures.verify(request, KeyResolver.only(publicKey), atCreation, Duration.ofMinutes(1)));
    }

    @Test
    void contentDigest_rfcRequestSha512_matchesBody() {
        // The request's own Content-Digest is sha-512 only; with our sha-256 added both are checked.
        String value = request.headerValues(ContentDigest.HEADER).get(0);
        ContentDigest.verify(ContentDigest.sha256(request.body()) + ", " + value, request.body());
    }
}
