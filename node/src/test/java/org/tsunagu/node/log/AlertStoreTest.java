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
}
