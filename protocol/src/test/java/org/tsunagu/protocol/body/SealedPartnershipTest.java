package org.tsunagu.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.InvalidSignatureException;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.seal.EncryptionKeyId;
import org.tsunagu.protocol.seal.EncryptionKeyPair;
import org.tsunagu.protocol.seal.SealException;
import org.tsunagu.protocol.seal.SealIdentity;
import org.tsunagu.protocol.seal.Sealing;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/** Sealed {@code partnership.announce} bodies (SPEC §6.5, §6.10): seal, form, open, and what must not open. */
class SealedPartnershipTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock CLOCK = Clock.systemUTC();
    private static final HubId MM = HubId.of("mm-hub");
    private static final HubId TH = HubId.of("th-hub");
    private static final HubId RELAY = HubId.of("jp-relay");
    private static final EncryptionKeyPair MM_KEY = EncryptionKeyPair.generate(RANDOM);
    private static final EncryptionKeyPair TH_KEY = EncryptionKeyPair.generate(RANDOM);
    private static final EncryptionKeyPair RELAY_KEY = EncryptionKeyPair.generate(RANDOM);
    private static final Ed25519KeyPair SIGNER = Ed25519KeyPair.generate(RANDOM);

    private static ObjectNode partnership() {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("id", "border-2027");
        b.put("kind", "joint_response");
        var parties = b.putArray("parties");
        parties.addObject().put("organization", "mm-hub/kayin-women").put("hub", "mm-hub");
        parties.addObject()
                .put("organization", "th-hub/mae-sot-clinic")
                .put("hub", "th-hub")
                .put("role", "4");
        b.put("title", "Kayin Women and Mae Sot Clinic joint response");
        b.put("description", "Cross-border referrals of survivors.");
        return b;
    }

    private static Map<HubId, EncryptionKeyId> to(EncryptionKeyPair... keys) {
        Map<HubId, EncryptionKeyId> out = new LinkedHashMap<>();
        for (EncryptionKeyPair k : keys) {
            out.put(k == MM_KEY ? MM : k == TH_KEY ? TH : RELAY, k.keyId());
        }
        return out;
    }

    private static ObjectNode seal(long seq, boolean listed, Map<HubId, EncryptionKeyId> recipients) {
        return Bodies.seal(MM, seq, UpdateType.PARTNERSHIP_ANNOUNCE, partnership(), listed, recipients, RANDOM);
    }

    private static Optional<ObjectNode> open(Envelope e, HubId reader, EncryptionKeyPair key) {
        SealIdentity identity = new SealIdentity(
                e.origin(), e.seq(), e.type(), e.body().get("id").asText());
        return Sealing.open(
                        e.body().get("sealed"),
                        identity,
                        reader,
                        k -> k.equals(key.keyId()) ? key : null,
                        "$.body.sealed")
                .map(part -> Bodies.merge(e.origin(), e.type(), e.body(), part, CLOCK));
    }

    private static Envelope signed(long seq, UpdateType type, JsonNode body) {
        // The chain is not judged here: any prev of the right form will do after seq 1.
        String prev = seq == 1 ? null : "sha256:" + "A".repeat(43);
        return Envelope.signV2(MM, seq, prev, Instant.parse("2026-12-06T03:00:00Z"), type, body, SIGNER);
    }

    @Test
    void seal_listed_keepsIdAndKindClear_andEachPartyHubOpensTheWholeAnnouncement() {
        ObjectNode body = seal(1, true, to(MM_KEY, TH_KEY));
        assertEquals(List.of("id", "kind", "sealed"), names(body));
        Bodies.validate(Envelope.VERSION_2, MM, UpdateType.PARTNERSHIP_ANNOUNCE, body, CLOCK);
        String text = CanonicalJson.canonicalString(body);
        for (String secret : List.of("kayin", "mae-sot", "Mae Sot", "th-hub/", "referrals")) {
            assertFalse(text.contains(secret), "the clear body holds " + secret);
        }
        Envelope e =
                Envelope.parse(signed(1, UpdateType.PARTNERSHIP_ANNOUNCE, body).canonicalJson());
        e.verifySignature(SIGNER.publicKey());
        for (EncryptionKeyPair key : List.of(MM_KEY, TH_KEY)) {
            HubId reader = key == MM_KEY ? MM : TH;
            ObjectNode opened = open(e, reader, key).orElseThrow();
            assertEquals(CanonicalJson.canonicalString(partnership()), CanonicalJson.canonicalString(opened));
            Partnership p = Partnership.fromBody(opened);
            assertEquals(List.of(MM, TH), p.hubs());
        }
        assertTrue(open(e, RELAY, RELAY_KEY).isEmpty(), "a hub not named reads nothing");
    }

    @Test
    void seal_unlisted_keepsOnlyTheId() {
        ObjectNode body = seal(2, false, to(MM_KEY, TH_KEY, RELAY_KEY));
        assertEquals(List.of("id", "sealed"), names(body));
        Bodies.validate(Envelope.VERSION_2, MM, UpdateType.PARTNERSHIP_ANNOUNCE, body, CLOCK);
        Envelope e = signed(2, UpdateType.PARTNERSHIP_ANNOUNCE, body);
        assertEquals(
                "joint_response",
                open(e, RELAY, RELAY_KEY).orElseThrow().get("kind").asText());
    }

    @Test
    void seal_partyHubNotARecipient_isRefusedNamingTheParty() {
        ValidationException ex = assertThrows(ValidationException.class, () -> seal(3, true, to(MM_KEY, RELAY_KEY)));
        assertEquals("$.body.parties[1].hub", ex.path());
    }

    @Test
    void open_partyHubNotARecipient_isNotARecord() {
        // An origin that breaks the rule anyway: a recipient that opens it refuses the record it reads.
        ObjectNode clear =
                JsonNodeFactory.instance.objectNode().put("id", "border-2027").put("kind", "mou");
        ObjectNode part = partnership();
        part.remove(List.of("id", "kind"));
        SealIdentity identity = new SealIdentity(MM, 4, UpdateType.PARTNERSHIP_ANNOUNCE, "border-2027");
        clear.set("sealed", Sealing.seal(part, identity, to(MM_KEY, RELAY_KEY), RANDOM));
        Envelope e = signed(4, UpdateType.PARTNERSHIP_ANNOUNCE, clear);
        ValidationException ex = assertThrows(ValidationException.class, () -> open(e, RELAY, RELAY_KEY));
        assertEquals("$.body.sealed.parties[1].hub", ex.path());
    }

    @Test
    void open_sealedPartMovedIntoAnotherType_doesNotOpen() {
        // Same origin, seq and id, but an org.upsert: the associated data names the type.
        ObjectNode body = seal(5, false, to(MM_KEY, TH_KEY));
        Envelope moved = signed(5, UpdateType.ORG_UPSERT, body);
        Bodies.validate(moved);
        SealException ex = assertThrows(SealException.class, () -> open(moved, TH, TH_KEY));
        assertEquals("$.body.sealed.to[1].ck", ex.path());
        Envelope otherSeq = signed(6, UpdateType.PARTNERSHIP_ANNOUNCE, body);
        assertThrows(SealException.class, () -> open(otherSeq, TH, TH_KEY));
    }

    @Test
    void verify_tamperedCiphertext_failsTheSignatureBeforeAnyDecryption() {
        Envelope e = signed(7, UpdateType.PARTNERSHIP_ANNOUNCE, seal(7, true, to(MM_KEY, TH_KEY)));
        ObjectNode tampered = (ObjectNode) StrictJson.parse(e.canonicalBytes());
        ObjectNode sealed = (ObjectNode) tampered.get("body").get("sealed");
        String ct = sealed.get("ct").asText();
        sealed.put("ct", ct.substring(0, 10) + (ct.charAt(10) == 'A' ? 'B' : 'A') + ct.substring(11));
        Envelope parsed = Envelope.parse(CanonicalJson.canonicalString(tampered));
        InvalidSignatureException ex =
                assertThrows(InvalidSignatureException.class, () -> parsed.verifySignature(SIGNER.publicKey()));
        assertEquals("$.body", ex.path());
    }

    @Test
    void validate_sealedForms_refuseWhatMustNotBeClearOrVersion1() {
        ObjectNode titled = seal(8, true, to(MM_KEY, TH_KEY));
        titled.put("title", "Kayin Women and Mae Sot Clinic joint response");
        assertEquals("$.body.title", firstError(Envelope.VERSION_2, titled));
        ObjectNode parties = seal(8, false, to(MM_KEY, TH_KEY));
        parties.set("parties", partnership().get("parties"));
        assertEquals("$.body.parties", firstError(Envelope.VERSION_2, parties));
        ObjectNode badKind = seal(8, true, to(MM_KEY, TH_KEY)).put("kind", "secret-alliance");
        assertEquals("$.body.kind", firstError(Envelope.VERSION_2, badKind));
        // Version 1 has no sealed partnerships: the member is unknown, and the rest is missing.
        ValidationException v1 = assertThrows(
                ValidationException.class,
                () -> Bodies.validate(
                        Envelope.VERSION,
                        MM,
                        UpdateType.PARTNERSHIP_ANNOUNCE,
                        seal(8, true, to(MM_KEY, TH_KEY)),
                        CLOCK));
        assertTrue(v1.errors().stream().anyMatch(f -> f.path().equals("$.body.sealed")), v1.getMessage());
    }

    @Test
    void merge_memberBothClearAndSealed_isRefused() {
        ObjectNode clear =
                JsonNodeFactory.instance.objectNode().put("id", "border-2027").put("kind", "mou");
        ObjectNode part = partnership();
        part.remove("id");
        SealIdentity identity = new SealIdentity(MM, 9, UpdateType.PARTNERSHIP_ANNOUNCE, "border-2027");
        clear.set("sealed", Sealing.seal(part, identity, to(MM_KEY, TH_KEY), RANDOM));
        Envelope e = signed(9, UpdateType.PARTNERSHIP_ANNOUNCE, clear);
        ValidationException ex = assertThrows(ValidationException.class, () -> open(e, TH, TH_KEY));
        assertEquals("$.body.sealed.kind", ex.path());
    }

    private static String firstError(int version, ObjectNode body) {
        ValidationException ex = assertThrows(
                ValidationException.class,
                () -> Bodies.validate(version, MM, UpdateType.PARTNERSHIP_ANNOUNCE, body, CLOCK));
        return ex.errors().get(0).path();
    }

    private static List<String> names(JsonNode o) {
        List<String> out = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        out.sort(null);
        return out;
    }
}
