package org.tsunagu.node.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.db.StorageException;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.OrganizationQuery;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.LogChain;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

class PublisherTest {
    private static final HubId SELF = HubId.of("jp-janic");

    @TempDir
    Path dir;

    private Database db;
    private Publisher publisher;
    private LogStore log;

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("tsunagu.db"));
        publisher = new Publisher(db, SELF, TestHub.keyPair(1), Clock.fixed(TestHub.T0, ZoneOffset.UTC));
        log = new LogStore(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void publish_orgUpsert_appendsAndMaterialises() {
        Envelope e = publisher.publish(UpdateType.ORG_UPSERT, TestHub.org("a", "Kobe NGO", "JP"));
        assertEquals(1, e.seq());
        assertNull(e.prev());
        assertEquals(new LogChain.Head(SELF, 1, e.hash()), log.head(SELF).orElseThrow());
        assertEquals(List.of(e), log.feed(SELF, 0, 10));
        assertEquals(
                1,
                new DirectoryService(db)
                        .searchOrganizations(OrganizationQuery.text("kobe"))
                        .items()
                        .size());
    }

    @Test
    void publish_textNotNfc_isNormalisedBeforeSigning() {
        String decomposed = "Cafe\u0301";
        Envelope e = publisher.publish(UpdateType.ORG_UPSERT, TestHub.org("a", decomposed, "JP"));
        assertEquals("Café", e.body().path("name").asText());
    }

    @Test
    void publish_failureInsideTheTransaction_leavesNothing() {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE org_text"); // the materialiser will fail after the log insert
            }
            return null;
        });
        assertThrows(
                StorageException.class,
                () -> publisher.publish(UpdateType.ORG_UPSERT, TestHub.org("a", "Kobe NGO", "JP")));
        assertTrue(log.head(SELF).isEmpty());
        assertEquals(0, log.count());
        assertEquals(0L, (long) db.read(c -> count(c.createStatement(), "organizations")));
        assertEquals(0L, (long) db.read(c -> count(c.createStatement(), "log")));
    }

    @Test
    void publish_outerTransactionRolledBack_leavesNothing() {
        assertThrows(
                IllegalStateException.class,
                () -> db.inTransaction(c -> {
                    publisher.publish(UpdateType.ORG_UPSERT, TestHub.org("a", "Kobe NGO", "JP"));
                    throw new IllegalStateException("caller fails after publishing");
                }));
        assertEquals(0, log.count());
        assertEquals(0L, (long) db.read(c -> count(c.createStatement(), "organizations")));
        Envelope e = publisher.publish(UpdateType.ORG_UPSERT, TestHub.org("a", "Kobe NGO", "JP"));
        assertEquals(1, e.seq());
    }

    @Test
    void publish_invalidBody_throwsWithPathAndStoresNothing() {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> publisher.publish(UpdateType.ORG_UPSERT, TestHub.org("a", "Kobe NGO", "Japan")));
        assertEquals("$.body.country", e.errors().get(0).path());
        assertEquals(0, log.count());
    }

    @Test
    void publish_removeOfUnknownOrganisation_isRejected() {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> publisher.publish(UpdateType.ORG_REMOVE, TestHub.json("{\"id\":\"nope\"}")));
        assertEquals("$.body.id", e.path());
    }

    @Test
    void publish_concurrentCallers_getDistinctConsecutiveSeqs() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Envelope>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                futures.add(pool.submit(
                        () -> publisher.publish(UpdateType.ORG_UPSERT, TestHub.org("o" + n, "Org " + n, "JP"))));
            }
            Set<Long> seqs = new TreeSet<>();
            for (Future<Envelope> f : futures) {
                seqs.add(f.get().seq());
            }
            assertEquals(40, seqs.size());
            assertEquals(40L, ((TreeSet<Long>) seqs).last());
        } finally {
            pool.shutdownNow();
        }
        List<Envelope> feed = log.feed(SELF, 0, 100);
        for (int i = 1; i < feed.size(); i++) {
            assertEquals(feed.get(i - 1).hash(), feed.get(i).prev());
        }
    }

    @Test
    void rotateKey_switchesSignerFromNextSeq_earlierEnvelopesStayValid() {
        Ed25519KeyPair first = TestHub.keyPair(1);
        Ed25519KeyPair second = TestHub.keyPair(2);
        publisher.publish(UpdateType.ORG_UPSERT, TestHub.org("a", "A", "JP"));
        Envelope rotate = publisher.rotateKey(second);
        Envelope after = publisher.publish(UpdateType.ORG_UPSERT, TestHub.org("b", "B", "JP"));

        assertEquals(first.publicKey().keyId(), rotate.key());
        assertEquals(second.publicKey().keyId(), after.key());
        assertEquals(second.publicKey().keyId(), publisher.currentKey());
        KeyRing ring = new KeyRing(db, Clock.systemUTC());
        for (Envelope e : log.feed(SELF, 0, 10)) {
            e.verifySignature(ring.keyFor(SELF, e.seq()).orElseThrow());
        }
        assertEquals(first.publicKey(), ring.keyFor(SELF, 2).orElseThrow());
        assertEquals(second.publicKey(), ring.keyFor(SELF, 3).orElseThrow());
        List<HubKey> history = ring.history(SELF);
        assertEquals(2, history.size());
        assertEquals(KeySource.LOCAL, history.get(0).source());
        assertEquals(2L, history.get(0).toSeq());
        assertEquals(KeySource.ROTATION, history.get(1).source());
        assertTrue(history.get(1).current());
    }

    @Test
    void publish_withKeyOtherThanPinned_refusesToSign() {
        publisher.publish(UpdateType.ORG_UPSERT, TestHub.org("a", "A", "JP"));
        Publisher impostor = new Publisher(db, SELF, TestHub.keyPair(9), Clock.systemUTC());
        assertThrows(
                IllegalStateException.class,
                () -> impostor.publish(UpdateType.ORG_UPSERT, TestHub.org("b", "B", "JP")));
        assertEquals(1, log.count());
    }

    @Test
    void publish_keyRotateDirectly_isRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> publisher.publish(
                        UpdateType.KEY_ROTATE,
                        TestHub.json("{\"new_key\":\""
                                + TestHub.keyPair(3).publicKey().keyId() + "\"}")));
    }

    static long count(Statement s, String table) throws java.sql.SQLException {
        try (s;
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
