package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.log.AlertStore;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.log.KeyRing;
import org.tsunagu.node.log.KeySource;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;

class HubStatusServiceTest {
    private static final HubId SELF = HubId.of("jp-janic");

    @TempDir
    Path dir;

    private Database db;
    private KeyRing keys;
    private Ingestor ingestor;
    private final Clock clock = Clock.fixed(TestHub.T0.plusSeconds(3600), ZoneOffset.UTC);

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("tsunagu.db"));
        keys = new KeyRing(db, clock);
        keys.pin(SELF, TestHub.keyPair(1).publicKey().keyId(), KeySource.LOCAL);
        new Publisher(db, SELF, TestHub.keyPair(1), clock)
                .publish(UpdateType.ORG_UPSERT, TestHub.org("one", "One", "JP"));
        ingestor = new Ingestor(db, clock, origin -> false);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** The page is built an hour after the envelopes arrived. */
    private HubStatusService service(FollowStatus follows) {
        DirectoryService directory = new DirectoryService(db);
        Clock later = Clock.offset(clock, Duration.ofHours(1));
        return new HubStatusService(directory, new LogStore(db), keys, new AlertStore(db, clock), follows, SELF, later);
    }

    private TestHub peer() {
        TestHub th = new TestHub("th-ngocoord", 2);
        keys.pin(th.id, th.key.publicKey().keyId(), KeySource.PEER_PINNED);
        return th;
    }

    @Test
    void hubs_followedPeer_showsFollowStateAndLagInUpdates() {
        TestHub th = peer();
        ingestor.ingest(List.of(th.profile(), th.next(UpdateType.ORG_UPSERT, TestHub.org("a", "A", "TH"))));
        List<HubStatus> hubs = service(following(th.id, 7L)).hubs();
        assertEquals(
                List.of("jp-janic", "th-ngocoord"),
                hubs.stream().map(HubStatus::hub).toList());
        HubStatus peer = hubs.get(1);
        assertEquals("active", peer.follow().status());
        assertEquals(5L, peer.lag().updates(), "7 advertised, 2 held");
        assertEquals(7L, peer.follow().remoteHead());
        assertEquals(Duration.ofHours(1).toSeconds(), peer.lag().seconds());
        assertEquals(TestHub.T0.plusSeconds(2).toString(), peer.lastSignedAt());
        assertEquals(th.key.publicKey().keyId().fingerprint(), peer.keyFingerprint());
        assertTrue(peer.alerts().isEmpty());
    }

    @Test
    void hubs_heldAsFarAsAdvertised_isZeroBehind() {
        TestHub th = peer();
        ingestor.ingest(List.of(th.profile(), th.next(UpdateType.ORG_UPSERT, TestHub.org("a", "A", "TH"))));
        HubStatus peer = service(following(th.id, 2L)).hubs().get(1);
        assertEquals(0L, peer.lag().updates());
        assertEquals(0L, service(following(th.id, 1L)).hubs().get(1).lag().updates(), "never below zero");
        assertEquals(0L, service(FollowStatus.none()).hubs().get(0).lag().updates(), "this node is its own head");
    }

    /** Federation as Main adapts it: following {@code hub}, whose peer advertised {@code head}. */
    private static FollowStatus following(HubId hub, long head) {
        return new FollowStatus() {
            @Override
            public Optional<Follow> follow(HubId h) {
                return h.equals(hub)
                        ? Optional.of(new Follow("active", "2026-11-29T02:59:00Z", null, null))
                        : Optional.empty();
            }

            @Override
            public Optional<Long> advertisedHead(HubId origin) {
                return origin.equals(hub) ? Optional.of(head) : Optional.empty();
            }
        };
    }

    @Test
    void hubs_keyRotation_isAnAlertWithTheNewKey() {
        TestHub th = peer();
        Envelope profile = th.profile();
        var next = TestHub.keyPair(3);
        Envelope rotate = th.rotate(next);
        ingestor.ingest(List.of(profile, rotate, th.next(UpdateType.ORG_UPSERT, TestHub.org("a", "A", "TH"))));
        HubStatus peer = service(FollowStatus.none()).hubs().get(1);
        assertEquals("th-ngocoord", peer.hub(), "this node first, then hubs with alerts: " + peer);
        assertEquals(1, peer.alerts().size(), peer.alerts().toString());
        HubStatus.HubAlert alert = peer.alerts().get(0);
        assertEquals(HubStatus.HubAlert.KEY_CHANGE, alert.kind());
        assertEquals(3L, alert.seq());
        assertEquals(next.publicKey().keyId().value(), alert.key());
        assertEquals(next.publicKey().keyId().value(), peer.key());
        assertEquals("relayed", peer.follow().status());
        assertNull(peer.lag().updates());
    }

    @Test
    void hubs_equivocation_haltsAndAlerts() {
        TestHub th = peer();
        Envelope first = th.profile();
        Envelope second = th.next(UpdateType.ORG_UPSERT, TestHub.org("a", "A", "TH"));
        ingestor.ingest(List.of(first, second));
        Envelope fork = th.at(2, first.hash(), UpdateType.ORG_UPSERT, TestHub.org("a", "Forked", "TH"));
        ingestor.ingest(List.of(fork));
        List<HubStatus> hubs = service(FollowStatus.none()).hubs();
        HubStatus peer = hubs.stream()
                .filter(h -> h.hub().equals("th-ngocoord"))
                .findFirst()
                .orElseThrow();
        assertTrue(peer.halted());
        assertEquals("halted", peer.follow().status());
        assertEquals(1, peer.alerts().size(), peer.alerts().toString());
        assertEquals(HubStatus.HubAlert.EQUIVOCATION, peer.alerts().get(0).kind());
        assertEquals(2L, peer.alerts().get(0).seq());
    }
}
