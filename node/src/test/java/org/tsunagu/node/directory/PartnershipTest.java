package org.tsunagu.node.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.log.KeyRing;
import org.tsunagu.node.log.KeySource;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;

class PartnershipTest {
    private static final HubId JP = HubId.of("jp-janic");

    @TempDir
    Path dir;

    private Database db;
    private Publisher jp;
    private Ingestor ingestor;
    private TestHub th;
    private DirectoryService directory;

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("tsunagu.db"));
        Clock clock = Clock.fixed(TestHub.T0.plusSeconds(3600), ZoneOffset.UTC);
        jp = new Publisher(db, JP, TestHub.keyPair(1), clock);
        ingestor = new Ingestor(db, clock, o -> false);
        th = new TestHub("th-ngocoord", 2);
        new KeyRing(db, clock).pin(th.id, th.key.publicKey().keyId(), KeySource.PEER_PINNED);
        jp.publish(UpdateType.ORG_UPSERT, TestHub.org("kobe", "Kobe Relief", "JP"));
        ingest(th.profile(), th.next(UpdateType.ORG_UPSERT, TestHub.org("bkk", "Bangkok Relief", "TH")));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private void ingest(Envelope... envelopes) {
        IngestReport r = ingestor.ingest(List.of(envelopes));
        assertTrue(r.clean(), r.toString());
    }

    private static JsonNode announcement(String title) {
        return TestHub.json("{\"id\":\"flood-2026\",\"kind\":\"joint_response\",\"title\":\"" + title + "\","
                + "\"parties\":[{\"organization\":\"jp-janic/kobe\",\"hub\":\"jp-janic\"},"
                + "{\"organization\":\"th-ngocoord/bkk\",\"hub\":\"th-ngocoord\"}]}");
    }

    private static JsonNode endorsement(String hash) {
        return TestHub.json("{\"partnership\":\"jp-janic/flood-2026\",\"announcement\":\"" + hash + "\"}");
    }

    private PartnershipView view() {
        return directory().partnership(JP, "flood-2026").orElseThrow();
    }

    private DirectoryService directory() {
        if (directory == null) {
            directory = new DirectoryService(db);
        }
        return directory;
    }

    @Test
    void status_announcedThenConfirmedThenRetracted() {
        Envelope announce = jp.publish(UpdateType.PARTNERSHIP_ANNOUNCE, announcement("Flood response"));
        assertEquals(PartnershipStatus.ANNOUNCED, view().status());
        assertEquals(List.of("jp-janic"), view().endorsedBy());
        assertEquals(announce.hash(), view().announcement());

        ingest(th.next(UpdateType.PARTNERSHIP_ENDORSE, endorsement(announce.hash())));
        assertEquals(PartnershipStatus.CONFIRMED, view().status());
        assertEquals(List.of("jp-janic", "th-ngocoord"), view().endorsedBy());

        jp.publish(
                UpdateType.PARTNERSHIP_RETRACT,
                TestHub.json("{\"partnership\":\"jp-janic/flood-2026\",\"reason\":\"ended\"}"));
        assertEquals(PartnershipStatus.RETRACTED, view().status());
    }

    @Test
    void status_endorsementOfOldAnnouncement_doesNotConfirmTheNewOne() {
        Envelope first = jp.publish(UpdateType.PARTNERSHIP_ANNOUNCE, announcement("Flood response"));
        ingest(th.next(UpdateType.PARTNERSHIP_ENDORSE, endorsement(first.hash())));
        assertEquals(PartnershipStatus.CONFIRMED, view().status());

        Envelope second = jp.publish(UpdateType.PARTNERSHIP_ANNOUNCE, announcement("Flood response, phase 2"));
        assertEquals(PartnershipStatus.ANNOUNCED, view().status());
        assertEquals("Flood response, phase 2", view().record().path("title").asText());

        ingest(th.next(UpdateType.PARTNERSHIP_ENDORSE, endorsement(second.hash())));
        assertEquals(PartnershipStatus.CONFIRMED, view().status());
    }

    @Test
    void status_endorsementArrivingBeforeAnnouncement_countsOnceItArrives() {
        // Two nodes: the endorsement reaches a third node before the announcement it names.
        Database other = Database.open(dir.resolve("other.db"));
        try {
            Publisher jpElsewhere = new Publisher(other, JP, TestHub.keyPair(1), Clock.systemUTC());
            jpElsewhere.publish(UpdateType.ORG_UPSERT, TestHub.org("kobe", "Kobe Relief", "JP"));
            Envelope announce = jpElsewhere.publish(UpdateType.PARTNERSHIP_ANNOUNCE, announcement("Flood response"));
            List<Envelope> jpLog = new org.tsunagu.node.log.LogStore(other).feed(JP, 0, 10);

            Database forum = Database.open(dir.resolve("forum.db"));
            try {
                KeyRing ring = new KeyRing(forum, Clock.systemUTC());
                ring.pin(JP, TestHub.keyPair(1).publicKey().keyId(), KeySource.PEER_PINNED);
                ring.pin(th.id, th.key.publicKey().keyId(), KeySource.PEER_PINNED);
                Ingestor forumIngest = new Ingestor(forum, Clock.systemUTC(), o -> false);
                List<Envelope> thLog = List.of(th.at(
                        1,
                        null,
                        UpdateType.HUB_PROFILE,
                        new org.tsunagu.node.log.LogStore(db)
                                .feed(th.id, 0, 1)
                                .get(0)
                                .body()));
                assertTrue(forumIngest.ingest(thLog).clean());
                Envelope endorse =
                        th.at(2, thLog.get(0).hash(), UpdateType.PARTNERSHIP_ENDORSE, endorsement(announce.hash()));
                assertTrue(forumIngest.ingest(List.of(endorse)).clean());
                DirectoryService forumDirectory = new DirectoryService(forum);
                assertTrue(forumDirectory.partnership(JP, "flood-2026").isEmpty());

                assertTrue(forumIngest.ingest(jpLog).clean());
                assertEquals(
                        PartnershipStatus.CONFIRMED,
                        forumDirectory
                                .partnership(JP, "flood-2026")
                                .orElseThrow()
                                .status());
            } finally {
                forum.close();
            }
        } finally {
            other.close();
        }
    }

    @Test
    void status_retractionByOtherParty_retracts() {
        Envelope announce = jp.publish(UpdateType.PARTNERSHIP_ANNOUNCE, announcement("Flood response"));
        ingest(
                th.next(UpdateType.PARTNERSHIP_ENDORSE, endorsement(announce.hash())),
                th.next(UpdateType.PARTNERSHIP_RETRACT, TestHub.json("{\"partnership\":\"jp-janic/flood-2026\"}")));
        assertEquals(PartnershipStatus.RETRACTED, view().status());
    }

    @Test
    void publish_endorseWithWrongHash_isRefusedLocally() {
        jp.publish(UpdateType.PARTNERSHIP_ANNOUNCE, announcement("Flood response"));
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> jp.publish(UpdateType.PARTNERSHIP_ENDORSE, endorsement("sha256:" + "B".repeat(43))));
        assertEquals("$.body.announcement", e.path());
    }

    @Test
    void partnerships_filtersAndPages() {
        announceFloodAndThreeMoUs();
        assertEquals(
                3,
                directory()
                        .partnerships(new PartnershipQuery("confirmed", List.of(), null, 0, null))
                        .items()
                        .size());
        assertEquals(
                1,
                directory()
                        .partnerships(new PartnershipQuery(null, List.of("th-ngocoord/bkk"), null, 0, null))
                        .items()
                        .size());
        assertEquals(
                1,
                directory()
                        .partnerships(new PartnershipQuery(null, List.of(), "th-ngocoord", 0, null))
                        .items()
                        .size());

        Page<PartnershipView> first = directory().partnerships(new PartnershipQuery(null, List.of(), null, 3, null));
        assertEquals(3, first.items().size());
        Page<PartnershipView> second =
                directory().partnerships(new PartnershipQuery(null, List.of(), null, 3, first.nextCursor()));
        assertEquals(1, second.items().size());
        assertNull(second.nextCursor());
        assertEquals(4L, first.total(), "exact on a page with a next one");
        assertEquals(4L, second.total());
        assertThrows(
                ValidationException.class,
                () -> directory().partnerships(new PartnershipQuery(null, List.of(), null, 3, "garbage")));
    }

    @Test
    void partnerships_ofSeveralOrganizations_eachPartnershipOnce_pagedAndFiltered() {
        announceFloodAndThreeMoUs();
        // kobe is a party to all four: named with the others, each partnership still comes once.
        List<String> parties = List.of("th-ngocoord/bkk", "jp-janic/other", "jp-janic/kobe");
        Page<PartnershipView> first = directory().partnerships(new PartnershipQuery(null, parties, null, 3, null));
        Page<PartnershipView> second =
                directory().partnerships(new PartnershipQuery(null, parties, null, 3, first.nextCursor()));
        List<String> ids = new java.util.ArrayList<>();
        first.items().forEach(v -> ids.add(v.globalId()));
        second.items().forEach(v -> ids.add(v.globalId()));
        assertEquals(List.of("jp-janic/flood-2026", "jp-janic/p0", "jp-janic/p1", "jp-janic/p2"), ids);
        assertNull(second.nextCursor());
        assertEquals(4L, first.total());
        // Only bkk's partnership is cross-border and still waits for Thailand's endorsement.
        assertEquals(
                List.of("jp-janic/flood-2026"),
                directory()
                        .partnerships(new PartnershipQuery(
                                "announced", List.of("jp-janic/other", "th-ngocoord/bkk"), null, 0, null))
                        .items()
                        .stream()
                        .map(PartnershipView::globalId)
                        .toList());
        assertEquals(
                0,
                directory()
                        .partnerships(new PartnershipQuery(null, List.of("th-ngocoord/nobody"), null, 0, null))
                        .items()
                        .size());

        ValidationException bad = assertThrows(
                ValidationException.class,
                () -> new PartnershipQuery(null, List.of("jp-janic/kobe", "no-slash"), null, 0, null));
        assertEquals("$.organization[1]", bad.path());
        List<String> tooMany = java.util.stream.IntStream.rangeClosed(0, PartnershipQuery.MAX_ORGANIZATIONS)
                .mapToObj(i -> "jp-janic/o" + i)
                .toList();
        assertEquals(
                "$.organization",
                assertThrows(ValidationException.class, () -> new PartnershipQuery(null, tooMany, null, 0, null))
                        .path());
    }

    /** jp-janic/flood-2026 (kobe with Thailand's bkk, waiting for Thailand) and p0..p2 (kobe with other, confirmed). */
    private void announceFloodAndThreeMoUs() {
        jp.publish(UpdateType.PARTNERSHIP_ANNOUNCE, announcement("Flood response"));
        for (int i = 0; i < 3; i++) {
            jp.publish(
                    UpdateType.PARTNERSHIP_ANNOUNCE,
                    TestHub.json("{\"id\":\"p" + i + "\",\"kind\":\"mou\",\"title\":\"MoU " + i + "\","
                            + "\"parties\":[{\"organization\":\"jp-janic/kobe\",\"hub\":\"jp-janic\"},"
                            + "{\"organization\":\"jp-janic/other\",\"hub\":\"jp-janic\"}]}"));
        }
    }
}
