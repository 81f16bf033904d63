package org.tsunagu.node.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;

class AlertStoreTest {
    @TempDir
    Path dir;

    private Database db;
    private AlertStore alerts;
    private final Clock clock = Clock.fixed(TestHub.T0.plusSeconds(3600), ZoneOffset.UTC);

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("tsunagu.db"));
        alerts = new AlertStore(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void raise_sameAlertWhileOpen_keptOnceThenAgainAfterAcknowledge() {
        HubId origin = HubId.of("jp-hub");
        long first = alerts.raise(Alert.REFUSED, "jp-hub", null, null, "push refused: not followed", null);
        assertEquals(first, alerts.raise(Alert.REFUSED, "jp-hub", null, null, "push refused: not followed", null));
        assertNotEquals(first, alerts.raise(Alert.REFUSED, "th-hub", null, null, "push refused: not followed", null));
        long rejected = alerts.raise(
                Alert.REJECTED, "jp-hub", origin, 3L, "bad signature", JsonNodeFactory.instance.objectNode());
        assertNotEquals(rejected, alerts.raise(Alert.REJECTED, "jp-hub", origin, 4L, "bad signature", null));
        assertEquals(4, alerts.list(10).size());

        assertTrue(alerts.acknowledge(first));
        assertNotNull(alerts.find(first).orElseThrow().acknowledgedAt());
        long again = alerts.raise(Alert.REFUSED, "jp-hub", null, null, "push refused: not followed", null);
        assertNotEquals(first, again, "acknowledged: a new occurrence is a new alert");
        assertFalse(alerts.acknowledge(999));
    }

    @Test
    void list_newestFirstAndByKind() {
        alerts.raise(Alert.PEER, "a", null, null, "one", null);
        alerts.raise(
                Alert.REPLAY,
                "b",
                null,
                null,
                "two",
                JsonNodeFactory.instance.objectNode().put("via", "push"));
        alerts.raise(Alert.PEER, "c", null, null, "three", null);
        assertEquals(
                List.of("three", "two", "one"),
                alerts.list(10).stream().map(Alert::message).toList());
        assertEquals(
                List.of("c", "a"),
                alerts.list(Alert.PEER, 10).stream().map(Alert::peer).toList());
        assertEquals("{\"via\":\"push\"}", alerts.list(Alert.REPLAY, 10).get(0).details());
        assertEquals(1, alerts.list(1).size());
    }

    @Test
    void ingest_keyRotationAndLearnedKey_raisedInTheSameTransaction() {
        TestHub th = new TestHub("th-ngocoord", 2);
        Ingestor learning = new Ingestor(db, clock, origin -> true);
        learning.ingest(List.of(th.profile(), th.rotate(TestHub.keyPair(3))));
        List<Alert> all = alerts.list(10);
        assertEquals(
                List.of(Alert.KEY_ROTATION, Alert.KEY_LEARNED),
                all.stream().map(Alert::kind).toList());
        assertEquals(2L, all.get(0).seq());
        assertTrue(all.get(0)
                .details()
                .contains(TestHub.keyPair(3).publicKey().keyId().value()));
        assertEquals(1L, all.get(1).seq());
        assertTrue(all.get(1)
                .message()
                .contains(TestHub.keyPair(2).publicKey().keyId().fingerprint()));
        // An envelope of a later update raises nothing.
        learning.ingest(List.of(th.next(UpdateType.ORG_UPSERT, TestHub.org("a", "A", "TH"))));
        assertEquals(2, alerts.list(10).size());
    }

    @Test
    void raise_repeatWhileOpen_countedOnOneRow() {
        long id = alerts.raise(Alert.PEER, "jp-hub", null, null, "pull failed", null);
        alerts.raise(Alert.PEER, "jp-hub", null, null, "pull failed", null);
        alerts.raise(Alert.PEER, "jp-hub", null, null, "pull failed", null);
        Alert a = alerts.find(id).orElseThrow();
        assertEquals(3, a.count());
        assertEquals(a.createdAt(), a.lastSeenAt());
        assertEquals(1, alerts.list(10).size());
    }

    /** Issue 10, attack 5: strangers from any number of addresses leave a bounded number of rows. */
    @Test
    void raiseFromStranger_manyAddressesAndKeys_boundedRowsWithCounts() {
        int addresses = AlertStore.MAX_STRANGER_ADDRESSES + 10;
        for (int i = 0; i < addresses; i++) {
            for (int j = 0; j < 3; j++) {
                alerts.raiseFromStranger(
                        Alert.REFUSED,
                        "stranger",
                        "10.0." + i + ".1",
                        "push refused: not signed by a peer this node follows",
                        JsonNodeFactory.instance.objectNode().put("last_key", "key-" + i + "-" + j));
            }
        }
        List<Alert> rows = alerts.list(1000);
        assertEquals(AlertStore.MAX_STRANGER_ADDRESSES + 1, rows.size());
        Alert first = rows.stream()
                .filter(a -> "10.0.0.1".equals(a.address()))
                .findFirst()
                .orElseThrow();
        assertEquals(3, first.count());
        assertTrue(first.details().contains("key-0-2"), "the last key is kept: " + first.details());
        Alert others = rows.stream()
                .filter(a -> AlertStore.OTHER_ADDRESSES.equals(a.address()))
                .findFirst()
                .orElseThrow();
        assertEquals(30, others.count());
        assertTrue(others.details().contains("10.0." + (addresses - 1) + ".1"), others.details());
        assertEquals(addresses * 3L, rows.stream().mapToLong(Alert::count).sum());
    }

    @Test
    void list_severeKindsFirstWhateverTheirAge() {
        alerts.raise(Alert.KEY_REPLACED, "jp-hub", HubId.of("jp-hub"), null, "key replaced", null);
        for (int i = 0; i < 5; i++) {
            alerts.raise(Alert.PEER, "p" + i, null, null, "pull failed", null);
        }
        assertEquals(Alert.KEY_REPLACED, alerts.list(3).get(0).kind());
        assertEquals("p4", alerts.list(3).get(1).peer());
        assertEquals("p4", alerts.newest(3).get(0).peer());
    }

    @Test
    void acknowledgeAll_byKindAndThroughId_onlyThose() {
        long a = alerts.raise(Alert.PEER, "a", null, null, "one", null);
        long b = alerts.raise(Alert.REFUSED, "b", null, null, "two", null);
        long c = alerts.raise(Alert.PEER, "c", null, null, "three", null);
        assertEquals(1, alerts.acknowledgeAll(Alert.PEER, a));
        assertNotNull(alerts.find(a).orElseThrow().acknowledgedAt());
        assertEquals(null, alerts.find(c).orElseThrow().acknowledgedAt());
        assertEquals(1, alerts.acknowledgeAll(Alert.REFUSED, null));
        assertNotNull(alerts.find(b).orElseThrow().acknowledgedAt());
        assertEquals(1, alerts.openCount());
        assertEquals(1, alerts.acknowledgeAll(null, null));
        assertEquals(0, alerts.openCount());
        assertEquals(0, alerts.acknowledgeAll(null, null));
    }
}
