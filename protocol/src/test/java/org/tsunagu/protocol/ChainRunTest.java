package org.tsunagu.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.body.KeyRotation;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/** SPEC §7, "A run vouched for by its last envelope": one signature check for a chained run. */
class ChainRunTest {
    private static final Ed25519KeyPair KEY = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final Ed25519KeyPair NEXT_KEY = Ed25519KeyPair.fromSeed(filled(7));
    private static final HubId ORIGIN = HubId.of("mm-hub");
    private static final HubId OTHER = HubId.of("th-hub");
    private static final Instant TS = Instant.parse("2026-12-06T02:00:00Z");

    private static byte[] filled(int value) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) value);
        return seed;
    }

    private static ObjectNode org(long n) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("id", "org-" + n)
                .put("name", "ကူညီရေး " + n)
                .put("country", "MM");
    }

    /** A log of {@code count} envelopes, signed, then parsed again as a receiver gets them (unverified). */
    private static List<Envelope> received(HubId origin, int count) {
        List<Envelope> signed = new ArrayList<>();
        String prev = null;
        for (long seq = 1; seq <= count; seq++) {
            Envelope e = Envelope.signV2(origin, seq, prev, TS, UpdateType.ORG_UPSERT, org(seq), KEY);
            signed.add(e);
            prev = e.hash();
        }
        return reparsed(signed);
    }

    private static List<Envelope> reparsed(List<Envelope> envelopes) {
        return envelopes.stream().map(e -> Envelope.parse(e.canonicalBytes())).collect(Collectors.toList());
    }

    private static Envelope changed(Envelope e, String member, String value) {
        ObjectNode tree = (ObjectNode) StrictJson.parse(e.canonicalBytes());
        tree.put(member, value);
        return Envelope.parse(tree.toString());
    }

    @Test
    void aRunOfOneKey_endsAtItsLastEnvelope_andOneCheckVouchesForTheRest() {
        List<Envelope> page = received(ORIGIN, 50);
        List<Envelope> ends = LogChain.runEnds(page);
        assertEquals(List.of(page.get(49)), ends);

        ends.get(0).verifySignature(KEY.publicKey());
        assertEquals(49, LogChain.vouchRuns(page));
        assertTrue(page.stream().allMatch(e -> e.isVerifiedWith(KEY.publicKey())));
    }

    @Test
    void anEndThatFailsToVerify_vouchesForNothing() {
        List<Envelope> page = new ArrayList<>(received(ORIGIN, 10));
        // A relay swapped in another signature on the last envelope: its prev chain is intact, its
        // signature is not, so nothing before it counts as verified.
        Envelope forged = changed(page.get(9), "sig", page.get(8).sig());
        page.set(9, forged);
        assertThrows(InvalidSignatureException.class, () -> forged.verifySignature(KEY.publicKey()));

        assertEquals(0, LogChain.vouchRuns(page));
        assertTrue(page.stream().noneMatch(e -> e.isVerifiedWith(KEY.publicKey())));
    }

    @Test
    void aChangedEnvelopeInsideTheRun_breaksTheChain_andIsCheckedOnItsOwn() {
        List<Envelope> page = new ArrayList<>(received(ORIGIN, 10));
        Envelope tampered = changed(page.get(4), "ts", "2026-12-06T02:00:01Z");
        page.set(4, tampered);

        // The tampered envelope's hash is no longer its successor's prev: it ends a run of its own.
        Set<Long> endSeqs = LogChain.runEnds(page).stream().map(Envelope::seq).collect(Collectors.toSet());
        assertEquals(Set.of(5L, 10L), endSeqs);
        page.get(9).verifySignature(KEY.publicKey());
        assertThrows(InvalidSignatureException.class, () -> tampered.verifySignature(KEY.publicKey()));

        assertEquals(4, LogChain.vouchRuns(page)); // seq 6 to 9, on the word of seq 10
        for (Envelope e : page) {
            assertEquals(e.seq() > 5, e.isVerifiedWith(KEY.publicKey()), "seq " + e.seq());
        }
    }

    @Test
    void aBodyThatDoesNotMatchItsDigest_isNotVouchedFor_thoughItsHashIsUnchanged() {
        List<Envelope> page = new ArrayList<>(received(ORIGIN, 3));
        ObjectNode tree = (ObjectNode) StrictJson.parse(page.get(1).canonicalBytes());
        ((ObjectNode) tree.get("body")).put("name", "someone else");
        Envelope swapped = Envelope.parse(tree.toString());
        assertEquals(page.get(1).hash(), swapped.hash()); // version 2 hashes leave the body out
        page.set(1, swapped);

        page.get(2).verifySignature(KEY.publicKey());
        LogChain.vouchRuns(page);
        assertFalse(swapped.isVerifiedWith(KEY.publicKey()));
        assertFalse(page.get(0).isVerifiedWith(KEY.publicKey()));
    }

    @Test
    void aRedactedEnvelope_isVouchedFor_likeTheFullOne() {
        List<Envelope> page = new ArrayList<>(received(ORIGIN, 3));
        page.set(1, Envelope.parse(page.get(1).redacted().canonicalBytes()));
        page.get(2).verifySignature(KEY.publicKey());
        assertEquals(2, LogChain.vouchRuns(page));
        assertTrue(page.get(1).isVerifiedWith(KEY.publicKey()));
    }

    @Test
    void aKeyRotation_endsARun_soItIsVerifiedUnderTheKeyItRetires() {
        Envelope first = Envelope.signV2(ORIGIN, 1, null, TS, UpdateType.ORG_UPSERT, org(1), KEY);
        Envelope rotate = Envelope.signV2(
                ORIGIN,
                2,
                first.hash(),
                TS,
                UpdateType.KEY_ROTATE,
                new KeyRotation(NEXT_KEY.publicKey().keyId(), "yearly").toBody(),
                KEY);
        Envelope third = Envelope.signV2(ORIGIN, 3, rotate.hash(), TS, UpdateType.ORG_UPSERT, org(3), NEXT_KEY);
        Envelope fourth = Envelope.signV2(ORIGIN, 4, third.hash(), TS, UpdateType.ORG_UPSERT, org(4), NEXT_KEY);
        List<Envelope> page = reparsed(List.of(first, rotate, third, fourth));

        Set<Long> endSeqs = LogChain.runEnds(page).stream().map(Envelope::seq).collect(Collectors.toSet());
        assertEquals(Set.of(2L, 4L), endSeqs);

        // Only the new key's end verified: the rotation is not taken on the word of the key it names.
        page.get(3).verifySignature(NEXT_KEY.publicKey());
        assertEquals(1, LogChain.vouchRuns(page));
        assertFalse(page.get(1).isVerifiedWith(KEY.publicKey()));
        assertFalse(page.get(1).isVerifiedWith(NEXT_KEY.publicKey()));

        page.get(1).verifySignature(KEY.publicKey());
        assertEquals(2, LogChain.vouchRuns(page));
        assertTrue(page.get(0).isVerifiedWith(KEY.publicKey()));
    }

    @Test
    void interleavedOrigins_eachEndTheirOwnRuns() {
        List<Envelope> mm = received(ORIGIN, 4);
        List<Envelope> th = received(OTHER, 4);
        List<Envelope> page = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            page.add(mm.get(i));
            page.add(th.get(i));
        }
        assertEquals(Set.of(mm.get(3), th.get(3)), Set.copyOf(LogChain.runEnds(page)));
        mm.get(3).verifySignature(KEY.publicKey());
        assertEquals(3, LogChain.vouchRuns(page));
        assertTrue(mm.stream().allMatch(e -> e.isVerifiedWith(KEY.publicKey())));
        assertTrue(th.stream().noneMatch(e -> e.isVerifiedWith(KEY.publicKey())));
    }

    @Test
    void aSuccessorOfAnotherSeqOrOrigin_vouchesForNothing() {
        List<Envelope> log = received(ORIGIN, 3);
        log.get(2).verifySignature(KEY.publicKey());
        assertFalse(log.get(0).vouchFrom(log.get(2)), "not the next seq");
        Envelope otherOrigin = received(OTHER, 2).get(1);
        otherOrigin.verifySignature(KEY.publicKey());
        assertFalse(log.get(0).vouchFrom(otherOrigin), "another origin");
        assertTrue(log.get(1).vouchFrom(log.get(2)));
    }
}
