package org.tsunagu.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

class EnvelopeTest {
    private static final Ed25519KeyPair KEY = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final HubId ORIGIN = HubId.of("jp-janic");

    private static ObjectNode body(String name) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("id", "org-1").put("name", name).put("country", "JP");
        return b;
    }

    private static Envelope first() {
        return Envelope.sign(
                ORIGIN, 1, null, Instant.parse("2026-11-29T02:00:00Z"), UpdateType.ORG_UPSERT, body("日本NGO連携"), KEY);
    }

    @Test
    void sign_thenParseCanonicalForm_roundTripsAndVerifies() {
        Envelope e = first();
        Envelope parsed = Envelope.parse(e.canonicalBytes());
        assertEquals(e.hash(), parsed.hash());
        assertEquals(e.canonicalJson(), parsed.canonicalJson());
        parsed.verifySignature(KEY.publicKey());
    }

    @Test
    void verifySignature_bodyChanged_throws() {
        String json = first().canonicalJson().replace("日本NGO連携", "日本NGO連絡");
        Envelope tampered = Envelope.parse(json);
        assertThrows(InvalidSignatureException.class, () -> tampered.verifySignature(KEY.publicKey()));
    }

    @Test
    void verifySignature_otherKey_throwsNamingKey() {
        Ed25519KeyPair other = Ed25519KeyPair.generate(new SecureRandom());
        InvalidSignatureException ex =
                assertThrows(InvalidSignatureException.class, () -> first().verifySignature(other.publicKey()));
        assertEquals("$.key", ex.path());
    }

    @Test
    void verifySignature_afterSuccess_isRememberedForThatKeyOnly() {
        Envelope e = Envelope.parse(first().canonicalBytes());
        assertFalse(e.isVerifiedWith(KEY.publicKey()));
        e.verifySignature(KEY.publicKey());
        assertTrue(e.isVerifiedWith(KEY.publicKey()));
        Ed25519KeyPair other = Ed25519KeyPair.generate(new SecureRandom());
        assertFalse(e.isVerifiedWith(other.publicKey()));
        assertThrows(InvalidSignatureException.class, () -> e.verifySignature(other.publicKey()));
    }

    @Test
    void verifySignature_failed_isNotRemembered() {
        Envelope tampered = Envelope.parse(first().canonicalJson().replace("日本NGO連携", "日本NGO連絡"));
        assertThrows(InvalidSignatureException.class, () -> tampered.verifySignature(KEY.publicKey()));
        assertFalse(tampered.isVerifiedWith(KEY.publicKey()));
        assertThrows(InvalidSignatureException.class, () -> tampered.verifySignature(KEY.publicKey()));
    }

    @Test
    void body_isCopiedInAndOut() {
        ObjectNode b = body("A");
        Envelope e = Envelope.sign(ORIGIN, 1, null, Instant.EPOCH, UpdateType.ORG_UPSERT, b, KEY);
        String before = e.hash();
        b.put("name", "B");
        ((ObjectNode) e.body()).put("name", "C");
        assertEquals("A", e.body().get("name").asText());
        Envelope reparsed = Envelope.parse(e.canonicalBytes());
        assertEquals(before, reparsed.hash());
    }

    @Test
    void chain_nextDuplicateGapEquivocation() {
        Envelope one = first();
        Envelope two = Envelope.sign(ORIGIN, 2, one.hash(), Instant.EPOCH, UpdateType.ORG_REMOVE, body("x"), KEY);
        assertEquals(LogChain.Outcome.APPEND, LogChain.check(null, one, s -> null));
        LogChain.Head head = new LogChain.Head(ORIGIN, 1, one.hash());
        assertEquals(LogChain.Outcome.APPEND, LogChain.check(head, two, s -> null));
        assertEquals(LogChain.Outcome.DUPLICATE, LogChain.check(head, one, s -> one.hash()));
        Envelope fork = Envelope.sign(ORIGIN, 1, null, Instant.EPOCH, UpdateType.ORG_UPSERT, body("forked"), KEY);
        assertNotEquals(one.hash(), fork.hash());
        ChainException eq = assertThrows(ChainException.class, () -> LogChain.check(head, fork, s -> one.hash()));
        assertEquals(ChainException.Kind.EQUIVOCATION, eq.kind());
        ChainException gap = assertThrows(ChainException.class, () -> LogChain.check(null, two, s -> null));
        assertEquals(ChainException.Kind.GAP, gap.kind());
        Envelope badPrev = Envelope.sign(ORIGIN, 2, fork.hash(), Instant.EPOCH, UpdateType.ORG_REMOVE, body("x"), KEY);
        ChainException pm = assertThrows(ChainException.class, () -> LogChain.check(head, badPrev, s -> null));
        assertEquals(ChainException.Kind.PREV_MISMATCH, pm.kind());
    }
}
