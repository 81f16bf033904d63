package org.tsunagu.node.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.OrganizationQuery;
import org.tsunagu.node.log.IngestReport.Reason;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

class IngestorTest {
    @TempDir
    Path dir;

    private Database db;
    private Clock clock;
    private Ingestor ingestor;
    private LogStore log;
    private KeyRing ring;
    private TestHub th;

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("tsunagu.db"));
        clock = Clock.fixed(TestHub.T0.plusSeconds(3600), ZoneOffset.UTC);
        ingestor = new Ingestor(db, clock, origin -> false);
        log = new LogStore(db);
        ring = new KeyRing(db, clock);
        th = new TestHub("th-ngocoord", 7);
        ring.pin(th.id, th.key.publicKey().keyId(), KeySource.PEER_PINNED);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private Envelope org(TestHub hub, String id, String name) {
        return hub.next(UpdateType.ORG_UPSERT, TestHub.org(id, name, "TH"));
    }

    @Test
    void ingest_chain_acceptsInOrderAndMaterialises() {
        List<Envelope> batch = List.of(th.profile(), org(th, "a", "Bangkok Relief"), org(th, "b", "ชุมชนเข้มแข็ง"));
        IngestReport r = ingestor.ingest(batch);
        assertTrue(r.clean(), r.toString());
        assertEquals(3, r.accepted().size());
        assertEquals(3, log.head(th.id).orElseThrow().seq());
        assertEquals(batch, log.feed(th.id, 0, 10));
        DirectoryService directory = new DirectoryService(db);
        assertEquals(
                1,
                directory
                        .searchOrganizations(OrganizationQuery.text("ชุมชน"))
                        .items()
                        .size());
        assertEquals("Hub th-ngocoord", directory.hubs().get(0).name());
        assertEquals(3, directory.hubs().get(0).headSeq());
    }

    @Test
    void ingest_storesEachEnvelopeAsItsCanonicalText() {
        List<Envelope> batch = List.of(th.profile(), org(th, "b", "ชุมชนเข้มแข็ง 日本"));
        assertTrue(ingestor.ingest(batch).clean());
        // Bound as bytes: still TEXT in the file (json_extract and readers see text, not a blob), byte for byte.
        for (Envelope e : batch) {
            List<String> stored = db.read(c -> {
                try (var ps = c.prepareStatement("SELECT typeof(envelope), envelope, json_extract(envelope, '$.seq')"
                        + " FROM log WHERE origin = ? AND seq = ?")) {
                    ps.setString(1, e.origin().value());
                    ps.setLong(2, e.seq());
                    try (var rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
                    }
                }
            });
            assertEquals(List.of("text", e.canonicalJson(), Long.toString(e.seq())), stored);
        }
    }

    @Test
    void ingest_sameEnvelopesAgain_areDuplicatesAndChangeNothing() {
        List<Envelope> batch = List.of(th.profile(), org(th, "a", "Bangkok Relief"));
        ingestor.ingest(batch);
        IngestReport again = ingestor.ingest(batch);
        assertEquals(2, again.duplicates().size());
        assertTrue(again.accepted().isEmpty());
        assertTrue(again.clean());
        assertEquals(2, log.count());
    }

    @Test
    void ingest_gap_reportsNextExpectedAndSkipsTheRestOfThatOrigin() {
        Envelope first = th.profile();
        org(th, "a", "A"); // seq 2, never delivered
        Envelope third = org(th, "b", "B");
        Envelope fourth = org(th, "c", "C");
        IngestReport r = ingestor.ingest(List.of(first, third, fourth));
        assertEquals(1, r.accepted().size());
        assertEquals(List.of(new IngestReport.Gap(th.id, 2, 3)), r.gaps());
        assertEquals(1, r.skipped().size());
        assertEquals(1, log.head(th.id).orElseThrow().seq());
    }

    @Test
    void ingest_batchesOfSeveralOrigins_areIndependent() {
        TestHub ph = new TestHub("ph-caucus", 8);
        ring.pin(ph.id, ph.key.publicKey().keyId(), KeySource.PEER_PINNED);
        Envelope p1 = ph.profile();
        ph.profile(); // seq 2 missing
        Envelope p3 = ph.profile();
        IngestReport r = ingestor.ingest(List.of(p1, th.profile(), p3, org(th, "a", "A")));
        assertEquals(3, r.accepted().size());
        assertEquals(List.of(new IngestReport.Gap(ph.id, 2, 3)), r.gaps());
    }

    @Test
    void ingest_equivocation_keepsBothHaltsOriginAndRaisesAlert() {
        Envelope one = th.profile();
        Envelope two = org(th, "a", "Original");
        ingestor.ingest(List.of(one, two));
        Envelope fork = th.at(2, one.hash(), UpdateType.ORG_UPSERT, TestHub.org("a", "Forked", "TH"));

        IngestReport r = ingestor.ingest(List.of(fork));
        assertEquals(List.of(new IngestReport.Equivocation(th.id, 2, two.hash(), fork.hash())), r.equivocations());

        AlertStore alerts = new AlertStore(db, clock);
        assertEquals(Set.of(th.id), alerts.haltedOrigins());
        List<EquivocationEvidence> evidence = alerts.equivocations(th.id);
        assertEquals(1, evidence.size());
        assertEquals(two.canonicalJson(), evidence.get(0).heldEnvelope());
        assertEquals(fork.canonicalJson(), evidence.get(0).conflictingEnvelope());
        Alert alert = alerts.list(10).get(0);
        assertEquals(Alert.EQUIVOCATION, alert.kind());
        assertEquals(2L, alert.seq());
        assertTrue(alert.details().contains(fork.hash()), alert.details());
        assertEquals(two, log.envelope(th.id, 2).orElseThrow());

        Envelope three = org(th, "b", "After the fork");
        IngestReport later = ingestor.ingest(List.of(three));
        assertEquals(Reason.ORIGIN_HALTED, later.rejected().get(0).reason());
        assertEquals(2, log.head(th.id).orElseThrow().seq());
        assertTrue(new DirectoryService(db).hubs().get(0).halted());
    }

    @Test
    void ingest_forkSignedByAnotherKey_isRejectedNotTakenAsEquivocation() {
        Envelope one = th.profile();
        ingestor.ingest(List.of(one, org(th, "a", "Original")));
        TestHub forger = new TestHub("th-ngocoord", 99);
        forger.profile();
        Envelope fake = forger.at(2, one.hash(), UpdateType.ORG_UPSERT, TestHub.org("a", "Fake", "TH"));
        IngestReport r = ingestor.ingest(List.of(fake));
        assertEquals(Reason.BAD_SIGNATURE, r.rejected().get(0).reason());
        assertEquals("$.key", r.rejected().get(0).path());
        assertTrue(r.equivocations().isEmpty());
        assertTrue(new AlertStore(db, clock).haltedOrigins().isEmpty());
    }

    private List<Envelope> orgs(TestHub hub, int count) {
        List<Envelope> page = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            page.add(org(hub, "o" + i, "Organisation " + i));
        }
        return page;
    }

    @Test
    void preverify_pageOfAKnownOrigin_marksEachVerifiedAndIngestAcceptsAll() {
        ingestor.ingest(List.of(th.profile()));
        List<Envelope> page = orgs(th, 100);
        ingestor.preverify(page);
        assertTrue(page.stream().allMatch(e -> e.isVerifiedWith(th.key.publicKey())));
        IngestReport r = ingestor.ingest(page);
        assertTrue(r.clean(), r.toString());
        assertEquals(100, r.accepted().size());
    }

    /** As a receiver gets them: parsed from the wire, no signature check remembered. */
    private static List<Envelope> fromWire(List<Envelope> envelopes) {
        List<Envelope> out = new ArrayList<>();
        envelopes.forEach(e -> out.add(Envelope.parse(e.canonicalBytes())));
        return out;
    }

    @Test
    void ingest_aPageOfOneOriginAndKey_checksOneSignature_theChainVouchesForTheRest() {
        ingestor.ingest(fromWire(List.of(th.profile())));
        long before = ingestor.signatureChecks();
        IngestReport r = ingestor.ingest(fromWire(orgs(th, 300)));
        assertEquals(300, r.accepted().size(), r.toString());
        assertEquals(1, ingestor.signatureChecks() - before);
        assertEquals(301, log.head(th.id).orElseThrow().seq());
    }

    @Test
    void ingest_aPageWhoseLastSignatureIsForged_checksTheRestOneByOne_andAppliesTheValidPrefix() {
        ingestor.ingest(fromWire(List.of(th.profile())));
        List<Envelope> page = fromWire(orgs(th, 100));
        ObjectNode json = page.get(99).toJson();
        json.put("sig", page.get(98).sig());
        page.set(99, Envelope.fromJson(json));
        long before = ingestor.signatureChecks();
        IngestReport r = ingestor.ingest(page);
        assertEquals(99, r.accepted().size());
        assertEquals(Reason.BAD_SIGNATURE, r.rejected().get(0).reason());
        assertEquals(101, r.rejected().get(0).seq());
        // The forged end vouched for nothing: every envelope before it had its own check.
        assertTrue(ingestor.signatureChecks() - before >= 100);
        assertEquals(100, log.head(th.id).orElseThrow().seq());
    }

    @Test
    void preverify_forgedEnvelopeInAPage_isStillRejectedByIngestAndNothingAfterItApplied() {
        ingestor.ingest(List.of(th.profile()));
        List<Envelope> page = new ArrayList<>(orgs(th, 100));
        ObjectNode json = page.get(50).toJson();
        ((ObjectNode) json.get("body")).put("name", "Forged");
        page.set(50, Envelope.fromJson(json));
        ingestor.preverify(page);
        assertFalse(page.get(50).isVerifiedWith(th.key.publicKey()));
        IngestReport r = ingestor.ingest(page);
        assertEquals(50, r.accepted().size());
        assertEquals(Reason.BAD_SIGNATURE, r.rejected().get(0).reason());
        assertEquals(52L, r.rejected().get(0).seq());
        assertEquals(51, log.head(th.id).orElseThrow().seq());
    }

    @Test
    void preverify_firstPageAfterARestart_usesTheKeyTheRingHoldsForIt() {
        List<Envelope> page = new ArrayList<>();
        page.add(th.profile());
        page.addAll(orgs(th, 99));
        Ingestor restarted = new Ingestor(db, clock, origin -> false);
        restarted.preverify(page);
        assertTrue(page.stream().allMatch(e -> e.isVerifiedWith(th.key.publicKey())));
        assertEquals(100, restarted.ingest(page).accepted().size());
    }

    @Test
    void preverify_pageOfAnOriginNotPinned_decodesNoKeyAndVerifiesNothing() {
        TestHub stranger = new TestHub("np-stranger", 9);
        List<Envelope> page = new ArrayList<>();
        page.add(stranger.profile());
        page.addAll(orgs(stranger, 99));
        ingestor.preverify(page);
        assertTrue(page.stream().noneMatch(e -> e.isVerifiedWith(stranger.key.publicKey())));
    }

    @Test
    void preverify_invalidBodyInAPage_isStillRejectedByIngestWithItsPath() {
        ingestor.ingest(List.of(th.profile()));
        List<Envelope> page = new ArrayList<>(orgs(th, 10));
        page.add(th.next(UpdateType.ORG_UPSERT, TestHub.org("bad", "Name", "Thailand")));
        ingestor.preverify(page);
        assertTrue(page.stream().allMatch(e -> e.isVerifiedWith(th.key.publicKey())));
        IngestReport r = ingestor.ingest(page);
        assertEquals(10, r.accepted().size());
        assertEquals(Reason.INVALID_BODY, r.rejected().get(0).reason());
        assertEquals("$.body.country", r.rejected().get(0).path());
        assertEquals(11, log.head(th.id).orElseThrow().seq());
    }

    @Test
    void preverify_validSignatureByAnotherOriginsKey_doesNotMakeIngestTrustIt() {
        TestHub ph = new TestHub("ph-caucus", 8);
        ring.pin(ph.id, ph.key.publicKey().keyId(), KeySource.PEER_PINNED);
        ingestor.ingest(List.of(th.profile()));
        TestHub impostor = new TestHub("ph-caucus", 7); // th's key, ph's name
        List<Envelope> page = orgs(impostor, 100);
        ingestor.preverify(page);
        assertTrue(page.get(0).isVerifiedWith(th.key.publicKey()));
        IngestReport r = ingestor.ingest(page);
        assertTrue(r.accepted().isEmpty());
        assertEquals(Reason.BAD_SIGNATURE, r.rejected().get(0).reason());
        assertEquals("$.key", r.rejected().get(0).path());
        assertTrue(log.head(ph.id).isEmpty());
    }

    @Test
    void ingest_tamperedBody_failsSignature() {
        Envelope good = th.profile();
        ObjectNode json = good.toJson();
        ((ObjectNode) json.get("body")).put("name", "Tampered");
        Envelope tampered = Envelope.fromJson(json);
        IngestReport r = ingestor.ingest(List.of(tampered));
        assertEquals(Reason.BAD_SIGNATURE, r.rejected().get(0).reason());
        assertEquals("$.sig", r.rejected().get(0).path());
        assertEquals(0, log.count());
    }

    @Test
    void ingest_wrongPrev_isRejected() {
        Envelope one = th.profile();
        Envelope bad = th.at(2, "sha256:" + "A".repeat(43), UpdateType.HUB_PROFILE, one.body());
        IngestReport r = ingestor.ingest(List.of(one, bad));
        assertEquals(Reason.PREV_MISMATCH, r.rejected().get(0).reason());
        assertEquals(1, log.count());
    }

    @Test
    void ingest_invalidBody_isRejectedWithPath() {
        Envelope one = th.profile();
        Envelope bad = th.next(UpdateType.ORG_UPSERT, TestHub.org("a", "Name", "Thailand"));
        IngestReport r = ingestor.ingest(List.of(one, bad));
        assertEquals(Reason.INVALID_BODY, r.rejected().get(0).reason());
        assertEquals("$.body.country", r.rejected().get(0).path());
        assertEquals(1, log.count());
    }

    @Test
    void ingest_unknownOrigin_isRejectedUnlessLearningFromProfileIsAllowed() {
        TestHub np = new TestHub("np-forum", 11);
        Envelope profile = np.profile();
        Envelope next = org(np, "a", "Kathmandu");
        IngestReport refused = ingestor.ingest(List.of(profile, next));
        assertEquals(Reason.UNKNOWN_ORIGIN, refused.rejected().get(0).reason());
        assertEquals(0, log.count());

        Ingestor learning = new Ingestor(db, clock, origin -> origin.value().startsWith("np-"));
        IngestReport learned = learning.ingest(List.of(profile, next));
        assertEquals(2, learned.accepted().size());
        assertEquals(KeySource.LEARNED_FROM_PROFILE, ring.history(np.id).get(0).source());

        TestHub other = new TestHub("np-other", 12);
        other.profile();
        IngestReport notFirst = learning.ingest(List.of(org(other, "a", "A")));
        assertEquals(Reason.UNKNOWN_ORIGIN, notFirst.rejected().get(0).reason());
    }

    @Test
    void ingest_keyRotate_switchesKeyFromNextSeqAndOldKeyIsRefusedAfter() {
        Ed25519KeyPair oldKey = th.key;
        Ed25519KeyPair newKey = TestHub.keyPair(70);
        Envelope one = th.profile();
        Envelope rotate = th.rotate(newKey);
        Envelope three = org(th, "a", "Signed by the new key");
        IngestReport r = ingestor.ingest(List.of(one, rotate, three));
        assertEquals(3, r.accepted().size(), r.toString());
        assertEquals(oldKey.publicKey(), ring.keyFor(th.id, 2).orElseThrow());
        assertEquals(newKey.publicKey(), ring.keyFor(th.id, 3).orElseThrow());
        for (Envelope e : log.feed(th.id, 0, 10)) {
            e.verifySignature(ring.keyFor(th.id, e.seq()).orElseThrow());
        }

        th.key = oldKey;
        Envelope stale = org(th, "b", "Signed by the retired key");
        IngestReport refused = ingestor.ingest(List.of(stale));
        assertEquals(Reason.BAD_SIGNATURE, refused.rejected().get(0).reason());
    }

    @Test
    void ingest_oldKeyAfterRotationInTheSameBatch_isRefused() {
        Ed25519KeyPair oldKey = th.key;
        Envelope one = th.profile();
        Envelope two = org(th, "a", "Still the old key");
        Envelope rotate = th.rotate(TestHub.keyPair(71));
        th.key = oldKey;
        Envelope stale = org(th, "b", "Old key after its rotation");
        IngestReport r = ingestor.ingest(List.of(one, two, rotate, stale));
        assertEquals(3, r.accepted().size(), r.toString());
        assertEquals(Reason.BAD_SIGNATURE, r.rejected().get(0).reason());
        assertEquals(4L, r.rejected().get(0).seq());
        assertEquals(3, log.head(th.id).orElseThrow().seq());
    }

    @Test
    void ingest_failureMidBatch_rollsBackTheWholeBatch() {
        List<Envelope> batch = new ArrayList<>(List.of(th.profile(), org(th, "a", "A")));
        db.inTransaction(c -> {
            try (var s = c.createStatement()) {
                s.execute("DROP TABLE org_text");
            }
            return null;
        });
        assertThrows(RuntimeException.class, () -> ingestor.ingest(batch));
        assertEquals(0, log.count());
        assertFalse(log.head(th.id).isPresent());
    }

    @Test
    void pin_differentKeyForPinnedHub_isRefused() {
        assertThrows(
                KeyConflictException.class,
                () -> ring.pin(th.id, TestHub.keyPair(5).publicKey().keyId(), KeySource.PEER_PINNED));
        ring.pin(th.id, th.key.publicKey().keyId(), KeySource.PEER_PINNED);
        assertEquals(1, ring.history(th.id).size());
    }

    @Test
    void streamFeed_givesCanonicalLinesAfterSeq() {
        List<Envelope> batch = List.of(th.profile(), org(th, "a", "A"), org(th, "b", "B"));
        ingestor.ingest(batch);
        List<String> lines = new ArrayList<>();
        log.streamFeed(th.id, 1, 10, lines::add);
        assertEquals(List.of(batch.get(1).canonicalJson(), batch.get(2).canonicalJson()), lines);
        assertEquals(List.of(new FeedHead(th.id, 3, batch.get(2).hash(), clock.instant())), log.heads());
        assertEquals(batch.get(1).hash(), log.hashAt(th.id, 2));
        assertEquals(null, log.hashAt(HubId.of("xx-none"), 1));
    }

    @Test
    void ingest_twoOriginsInterleavedOneStoppedMidway_eachHeadIsItsLastAccepted() {
        TestHub ph = new TestHub("ph-caucus", 8);
        ring.pin(ph.id, ph.key.publicKey().keyId(), KeySource.PEER_PINNED);
        Envelope thProfile = th.profile();
        Envelope phProfile = ph.profile();
        Envelope thA = org(th, "a", "A");
        Envelope phA = org(ph, "a", "A");
        Envelope phB = org(ph, "b", "B");
        Envelope thGap = th.at(5, thA.hash(), UpdateType.ORG_UPSERT, TestHub.org("c", "C", "TH"));
        IngestReport report = ingestor.ingest(List.of(thProfile, phProfile, thA, phA, thGap, phB));
        assertEquals(5, report.accepted().size());
        assertEquals(
                List.of(
                        new FeedHead(ph.id, 3, phB.hash(), clock.instant()),
                        new FeedHead(th.id, 2, thA.hash(), clock.instant())),
                log.heads());
        // The next batch continues from the heads the last one left.
        assertTrue(
                ingestor.ingest(List.of(org(th, "c", "C"), org(ph, "c", "C"))).clean());
        assertEquals(3, log.head(th.id).orElseThrow().seq());
        assertEquals(4, log.head(ph.id).orElseThrow().seq());
    }

    @Test
    void ingest_orgErase_redactsEarlierBodiesKeepsChainAndLeavesDirectory() {
        Envelope profile = th.profile();
        Envelope secret = th.nextV2(UpdateType.ORG_UPSERT, TestHub.org("x", "Underground Network", "TH"));
        Envelope other = th.nextV2(UpdateType.ORG_UPSERT, TestHub.org("y", "Open Network", "TH"));
        Envelope erase = th.nextV2(
                UpdateType.ORG_ERASE,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                        .objectNode()
                        .put("id", "x"));
        assertTrue(ingestor.ingest(List.of(profile, secret, other)).clean());
        IngestReport r = ingestor.ingest(List.of(erase));
        assertTrue(r.clean(), r.toString());
        List<Envelope> feed = log.feed(th.id, 0, 10);
        assertTrue(feed.get(1).isRedacted());
        assertEquals(secret.hash(), feed.get(1).hash());
        assertFalse(feed.get(2).isRedacted());
        for (Envelope e : feed) {
            assertFalse(e.canonicalJson().contains("Underground"), e.toString());
            e.verifySignature(th.key.publicKey());
        }
        DirectoryService directory = new DirectoryService(db);
        assertEquals(
                0,
                directory
                        .searchOrganizations(OrganizationQuery.text("Underground"))
                        .items()
                        .size());
        assertEquals(
                1,
                directory
                        .searchOrganizations(OrganizationQuery.text("Open"))
                        .items()
                        .size());
        // A full copy arriving later (a lagging relay) is a duplicate and does not bring the body back.
        IngestReport again = ingestor.ingest(List.of(secret));
        assertEquals(1, again.duplicates().size());
        assertTrue(log.feed(th.id, 1, 1).get(0).isRedacted());
    }

    @Test
    void ingest_redactedEnvelopeFromStart_appendsAndChains() {
        Envelope profile = th.profile();
        Envelope secret = th.nextV2(UpdateType.ORG_UPSERT, TestHub.org("x", "Underground Network", "TH"));
        Envelope next = th.nextV2(UpdateType.ORG_UPSERT, TestHub.org("y", "Open Network", "TH"));
        IngestReport r = ingestor.ingest(List.of(profile, secret.redacted(), next));
        assertTrue(r.clean(), r.toString());
        assertEquals(3, log.head(th.id).orElseThrow().seq());
    }

    @Test
    void ingest_version1AfterVersion2_isRefused() {
        Envelope profile = th.profile();
        Envelope v2 = th.nextV2(UpdateType.ORG_UPSERT, TestHub.org("x", "Network", "TH"));
        assertTrue(ingestor.ingest(List.of(profile, v2)).clean());
        Envelope v1 = th.next(UpdateType.ORG_UPSERT, TestHub.org("y", "Other", "TH"));
        IngestReport r = ingestor.ingest(List.of(v1));
        assertEquals(1, r.rejected().size(), r.toString());
        assertEquals("$.v", r.rejected().get(0).path());
    }
}
