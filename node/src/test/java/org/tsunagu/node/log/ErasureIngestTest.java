package org.tsunagu.node.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;

/** Bad input of issue 13 at the ingest door: forged erases, and erases that arrive before the record. */
class ErasureIngestTest {
    private static final String SECRET = "Marmalune shelters in Sagaing";

    @TempDir
    Path dir;

    private Database db;
    private Ingestor ingestor;
    private LogStore log;
    private DirectoryService directory;
    private TestHub mm;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("tsunagu.db"));
        Clock clock = Clock.fixed(TestHub.T0.plusSeconds(3600), ZoneOffset.UTC);
        ingestor = new Ingestor(db, clock, origin -> false);
        log = new LogStore(db);
        directory = new DirectoryService(db);
        mm = new TestHub("mm-hub", 11);
        new KeyRing(db, clock).pin(mm.id, mm.key.publicKey().keyId(), KeySource.PEER_PINNED);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static JsonNode org(String id) {
        return TestHub.org(id, "Delta Network", "MM").put("description", SECRET);
    }

    private static JsonNode erase(String id) {
        return TestHub.JSON.createObjectNode().put("id", id);
    }

    /**
     * mm-hub's log: its profile (ingested here), then the upsert of "x", the upsert of "y" and the erase
     * of "x" (returned, not ingested).
     */
    private List<Envelope> signedLog() {
        assertTrue(ingestor.ingest(List.of(mm.profile())).clean());
        return List.of(
                mm.nextV2(UpdateType.ORG_UPSERT, org("x")),
                mm.nextV2(UpdateType.ORG_UPSERT, TestHub.org("y", "Other Network", "MM")),
                mm.nextV2(UpdateType.ORG_ERASE, erase("x")));
    }

    /** An erase of "x" in mm-hub's name at {@code seq}, after {@code prev}, signed by a stranger's key. */
    private Envelope forgedErase(long seq, Envelope prev) {
        return Envelope.signV2(
                mm.id,
                seq,
                prev.hash(),
                TestHub.T0.plusSeconds(seq),
                UpdateType.ORG_ERASE,
                erase("x"),
                TestHub.keyPair(99));
    }

    private boolean anyStoredText(String text) {
        return log.feed(mm.id, 0, 100).stream().anyMatch(e -> e.canonicalJson().contains(text));
    }

    @Test
    void ingest_eraseSignedByAnotherHub_refusedAndRecordStays() {
        Envelope upsert;
        assertTrue(ingestor.ingest(List.of(mm.profile(), upsert = mm.nextV2(UpdateType.ORG_UPSERT, org("x"))))
                .clean());
        // Same origin, next seq, right prev, signed by a stranger's key.
        Envelope forged = forgedErase(3, upsert);
        IngestReport report = ingestor.ingest(List.of(forged));
        assertEquals(1, report.rejected().size());
        assertEquals(IngestReport.Reason.BAD_SIGNATURE, report.rejected().get(0).reason());
        assertEquals(2, log.head(mm.id).orElseThrow().seq());
        assertTrue(directory.organizationExists(mm.id, "x"));
        assertTrue(anyStoredText(SECRET));
    }

    @Test
    void ingest_eraseBeyondGap_keptAndEarlierUpsertStoredRedactedWhenGapFills() {
        List<Envelope> signed = signedLog();
        Envelope upsert = signed.get(0);
        Envelope other = signed.get(1);
        Envelope eraseX = signed.get(2);

        // The erase is pushed ahead of the backlog: a gap, but it is kept.
        IngestReport ahead = ingestor.ingest(List.of(eraseX));
        assertEquals(1, ahead.gaps().size());
        // The backlog arrives, full bodies included: the erased record's body is never stored or shown.
        IngestReport fill = ingestor.ingest(List.of(upsert));
        assertEquals(1, fill.accepted().size());
        assertTrue(log.feed(mm.id, 1, 1).get(0).isRedacted());
        assertFalse(anyStoredText(SECRET));
        assertFalse(directory.organizationExists(mm.id, "x"));

        assertTrue(ingestor.ingest(List.of(other, eraseX)).clean());
        assertEquals(4, log.head(mm.id).orElseThrow().seq());
        assertFalse(anyStoredText(SECRET));
        assertFalse(directory.organizationExists(mm.id, "x"));
        assertTrue(directory.organizationExists(mm.id, "y"));
        // A full copy of the erased envelope arriving later is a duplicate: nothing comes back.
        IngestReport late = ingestor.ingest(List.of(upsert));
        assertEquals(1, late.duplicates().size());
        assertFalse(anyStoredText(SECRET));
        // Done with: no erase is kept any more.
        assertEquals(0, (int) db.read(c -> PendingErasures.of(c, mm.id).size()));
    }

    @Test
    void ingest_eraseAheadOfBacklogInOneBatch_backlogAppliedAndErasedBodyNeverStored() {
        List<Envelope> signed = signedLog();
        Envelope upsert = signed.get(0);
        Envelope other = signed.get(1);
        Envelope eraseX = signed.get(2);
        // What a pusher sends to a subscriber behind by three: the erase first, then the backlog in order.
        IngestReport report = ingestor.ingest(List.of(eraseX, upsert, other, eraseX));
        assertEquals(3, report.accepted().size(), report.toString());
        assertEquals(4, log.head(mm.id).orElseThrow().seq());
        assertFalse(anyStoredText(SECRET));
        assertFalse(directory.organizationExists(mm.id, "x"));
        assertTrue(directory.organizationExists(mm.id, "y"));
    }

    @Test
    void unblock_logWithErasedEnvelopes_replaysWithoutTheErasedRecord() {
        List<Envelope> signed = signedLog();
        assertTrue(ingestor.ingest(signed).clean());
        ingestor.block(mm.id, "checking", false);
        assertFalse(directory.organizationExists(mm.id, "y"));
        assertTrue(ingestor.unblock(mm.id));
        assertTrue(directory.organizationExists(mm.id, "y"));
        assertFalse(directory.organizationExists(mm.id, "x"));
        assertFalse(anyStoredText(SECRET));
    }

    @Test
    void ingest_forgedEraseBeyondGap_notKept() {
        Envelope profile = mm.profile();
        Envelope upsert = mm.nextV2(UpdateType.ORG_UPSERT, org("x"));
        assertTrue(ingestor.ingest(List.of(profile)).clean());
        Envelope forged = forgedErase(5, upsert);
        IngestReport report = ingestor.ingest(List.of(forged));
        assertEquals(IngestReport.Reason.BAD_SIGNATURE, report.rejected().get(0).reason());
        assertTrue(ingestor.ingest(List.of(upsert)).clean());
        assertFalse(log.feed(mm.id, 1, 1).get(0).isRedacted());
        assertTrue(directory.organizationExists(mm.id, "x"));
    }
}
