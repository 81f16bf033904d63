package org.tsunagu.node.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.UpdateType;

class LogVerifierErasureTest {
    @TempDir
    Path dir;

    @Test
    void verifyAll_afterErasure_findsNoFault() {
        try (Database db = Database.open(dir.resolve("tsunagu.db"))) {
            Clock clock = Clock.fixed(TestHub.T0.plusSeconds(3600), ZoneOffset.UTC);
            KeyRing ring = new KeyRing(db, clock);
            TestHub mm = new TestHub("mm-hub", 11);
            ring.pin(mm.id, mm.key.publicKey().keyId(), KeySource.PEER_PINNED);
            Ingestor ingestor = new Ingestor(db, clock, origin -> false);
            assertTrue(ingestor.ingest(List.of(
                            mm.profile(),
                            mm.nextV2(UpdateType.ORG_UPSERT, TestHub.org("x", "Underground Network", "MM")),
                            mm.nextV2(
                                    UpdateType.ORG_ERASE,
                                    JsonNodeFactory.instance.objectNode().put("id", "x"))))
                    .clean());
            LogStore log = new LogStore(db);
            assertTrue(log.feed(mm.id, 1, 1).get(0).isRedacted());
            LogVerifier.Summary summary = new LogVerifier(log, ring, clock).verifyAll();
            assertEquals(List.of(), summary.faults());
            assertEquals(3, summary.envelopes());
        }
    }
}
