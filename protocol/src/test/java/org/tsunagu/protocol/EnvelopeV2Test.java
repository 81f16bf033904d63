package org.tsunagu.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

class EnvelopeV2Test {
    private static final Ed25519KeyPair KEY = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final HubId ORIGIN = HubId.of("mm-hub");
    private static final Instant TS = Instant.parse("2026-12-01T02:00:00Z");
    private static final byte[] SALT = new byte[16];

    private static ObjectNode body(String description) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("id", "org-1").put("name", "ရန်ကုန် ကူညီရေး").put("country", "MM").put("description", description);
        return b;
    }

    private static Envelope v1First() {
        return Envelope.sign(ORIGIN, 1, null, TS, UpdateType.ORG_UPSERT, body("v1 text"), KEY);
    }

    private static Envelope v2(long seq, String prev, String description) {
        return Envelope.signV2(ORIGIN, seq, prev, TS, UpdateType.ORG_UPSERT, body(description), SALT, KEY);
    }

    @Test
    void signV2_thenParse_roundTripsAndVerifies() {
        Envelope e = v2(1, null, "staff work underground");
        Envelope parsed = Envelope.parse(e.canonicalBytes());
        assertEquals(2, parsed.version());
        assertEquals(e.hash(), parsed.hash());
        assertEquals(e.canonicalJson(), parsed.canonicalJson());
        assertEquals(CanonicalJson.canonicalString(StrictJson.parse(e.canonicalBytes())), e.canonicalJson());
        parsed.verifySignature(KEY.publicKey());
        assertEquals("staff work underground", parsed.body().get("description").asText());
    }

    @Test
    void hash_isSha256OfTheFormWithoutBodyAndSalt() {
        Envelope e = v2(1, null, "x");
        ObjectNode tree = (ObjectNode) StrictJson.parse(e.canonicalBytes());
        tree.remove("body");
        tree.remove("salt");
        byte[] header = CanonicalJson.canonicalize(tree);
        assertArrayEquals(header, e.redactedBytes());
        assertEquals(Hashes.sha256(header), e.hash());
        assertNotEquals(Hashes.sha256(e.canonicalBytes()), e.hash());
    }

    @Test
    void bodyDigest_isHashOfBodyAndSaltObject() {
        Envelope e = v2(1, null, "x");
        ObjectNode commitment = JsonNodeFactory.instance.objectNode();
        commitment.set("body", e.body());
        commitment.put("salt", e.salt());
        assertEquals(Hashes.sha256(CanonicalJson.canonicalize(commitment)), e.bodyDigest());
    }

    @Test
    void redacted_keepsHashSignatureAndChain() {
        Envelope first = v2(1, null, "staff work underground");
        Envelope second = v2(2, first.hash(), "next");
        Envelope redacted = Envelope.parse(first.redacted().canonicalBytes());
        assertTrue(redacted.isRedacted());
        assertFalse(redacted.canonicalJson().contains("underground"));
        assertFalse(redacted.canonicalJson().contains("\"salt\""));
        assertEquals(first.hash(), redacted.hash());
        redacted.verifySignature(KEY.publicKey());
        LogChain.Head head = LogChain.Head.of(redacted);
        assertEquals(LogChain.Outcome.APPEND, LogChain.check(head, second, s -> null));
        assertThrows(IllegalStateException.class, redacted::body);
    }

    @Test
    void check_fullCopyOfHeldRedactedEnvelope_isDuplicate() {
        Envelope first = v2(1, null, "x");
        Envelope redacted = first.redacted();
        LogChain.Head head = LogChain.Head.of(redacted);
        assertEquals(LogChain.Outcome.DUPLICATE, LogChain.check(head, first, s -> redacted.hash()));
    }

    @Test
    void verifySignature_bodyChanged_throwsNamingBody() {
        String json = v2(1, null, "staff work underground").canonicalJson().replace("underground", "in the open");
        Envelope tampered = Envelope.parse(json);
        InvalidSignatureException ex =
                assertThrows(InvalidSignatureException.class, () -> tampered.verifySignature(KEY.publicKey()));
        assertEquals("$.body", ex.path());
    }

    @Test
    void verifySignature_digestChanged_throwsNamingSig() {
        Envelope e = v2(1, null, "x");
        ObjectNode tree = (ObjectNode) StrictJson.parse(e.redactedBytes());
        tree.put("body_digest", Hashes.sha256("other".getBytes(StandardCharsets.UTF_8)));
        Envelope tampered = Envelope.parse(CanonicalJson.canonicalize(tree));
        InvalidSignatureException ex =
                assertThrows(InvalidSignatureException.class, () -> tampered.verifySignature(KEY.publicKey()));
        assertEquals("$.sig", ex.path());
    }

    @Test
    void parse_bodyWithoutSalt_isMalformedNamingSalt() {
        ObjectNode tree = (ObjectNode) StrictJson.parse(v2(1, null, "x").canonicalBytes());
        tree.remove("salt");
        MalformedMessageException ex =
                assertThrows(MalformedMessageException.class, () -> Envelope.parse(CanonicalJson.canonicalize(tree)));
        assertEquals("$.salt", ex.path());
    }

    @Test
    void parse_shortSalt_isMalformed() {
        ObjectNode tree = (ObjectNode) StrictJson.parse(v2(1, null, "x").canonicalBytes());
        tree.put("salt", Base64Url.encode(new byte[8]));
        MalformedMessageException ex =
                assertThrows(MalformedMessageException.class, () -> Envelope.parse(CanonicalJson.canonicalize(tree)));
        assertEquals("$.salt", ex.path());
    }

    @Test
    void parse_v1WithBodyDigest_isUnknownMember() {
        ObjectNode tree = (ObjectNode) StrictJson.parse(v1First().canonicalBytes());
        tree.put("body_digest", Hashes.sha256(new byte[0]));
        MalformedMessageException ex =
                assertThrows(MalformedMessageException.class, () -> Envelope.parse(CanonicalJson.canonicalize(tree)));
        assertEquals("$.body_digest", ex.path());
    }

    @Test
    void parse_v1OrgErase_isMalformedNamingType() {
        ObjectNode tree = (ObjectNode) StrictJson.parse(v1First().canonicalBytes());
        tree.put("type", "org.erase");
        MalformedMessageException ex =
                assertThrows(MalformedMessageException.class, () -> Envelope.parse(CanonicalJson.canonicalize(tree)));
        assertEquals("$.type", ex.path());
    }

    @Test
    void parse_version3_isMalformedNamingV() {
        ObjectNode tree = (ObjectNode) StrictJson.parse(v2(1, null, "x").canonicalBytes());
        tree.put("v", 3);
        MalformedMessageException ex =
                assertThrows(MalformedMessageException.class, () -> Envelope.parse(CanonicalJson.canonicalize(tree)));
        assertEquals("$.v", ex.path());
    }

    @Test
    void check_v2AfterV1_appends_andV1AfterV2_isDowngrade() {
        Envelope first = v1First();
        Envelope second = v2(2, first.hash(), "x");
        assertEquals(LogChain.Outcome.APPEND, LogChain.check(LogChain.Head.of(first), second, s -> null));
        Envelope third = Envelope.sign(ORIGIN, 3, second.hash(), TS, UpdateType.ORG_UPSERT, body("y"), KEY);
        ChainException ex =
                assertThrows(ChainException.class, () -> LogChain.check(LogChain.Head.of(second), third, s -> null));
        assertEquals(ChainException.Kind.DOWNGRADE, ex.kind());
        assertEquals("$.v", ex.path());
    }

    @Test
    void signV2_randomSalt_differsEachTime_soEqualBodiesHaveDifferentDigests() {
        Envelope a = Envelope.signV2(ORIGIN, 1, null, TS, UpdateType.ORG_UPSERT, body("x"), KEY);
        Envelope b = Envelope.signV2(ORIGIN, 1, null, TS, UpdateType.ORG_UPSERT, body("x"), KEY);
        assertNotEquals(a.bodyDigest(), b.bodyDigest());
    }

    @Test
    void redacted_v1_refused() {
        assertThrows(IllegalStateException.class, () -> v1First().redacted());
    }

    @Test
    void toJson_ofV2_canonicalizesToWireForm() {
        Envelope e = v2(1, null, "x");
        assertEquals(e.canonicalJson(), CanonicalJson.canonicalString(e.toJson()));
        assertEquals(
                e.redacted().canonicalJson(),
                CanonicalJson.canonicalString(e.redacted().toJson()));
    }
}
