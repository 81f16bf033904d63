package org.tsunagu.node.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.seal.EncryptionKeyPair;

/**
 * The fast counts ({@link FacetColumn}, caught up from {@code facet_changes}) against the
 * straightforward pass over the matches' rows, on random directories after every kind of change:
 * creations, edits that move filter values and edits that do not, removals, returns, erasures (whose
 * doc ids SQLite may hand out again), pruned change rows, and sealed records this node cannot open.
 */
class FacetColumnTest {
    /** Only the sealed part of sealed records has it: any count of it is a leak. */
    private static final String SEALED_SECTOR = "43040";

    private static final List<OrganizationQuery> QUERIES = List.of(
            query(null, "JP", null, null),
            query(null, null, "151", null),
            query(null, null, null, "ja"),
            query(null, "TH", null, "th-ngocoord"),
            query(null, "KH", null, null),
            query(null, null, SEALED_SECTOR, null),
            OrganizationQuery.text("education"),
            OrganizationQuery.text("wat"),
            OrganizationQuery.text("sealedword"),
            query("rights", "PH", null, null),
            query("health", null, "12220", "jp-janic"));

    @TempDir
    Path dir;

    private Database db;

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void count_randomDirectoriesAfterEveryKindOfChange_equalsAPassOverTheMatchingRows() {
        for (int seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            db = Database.open(dir.resolve("seed-" + seed + ".db"));
            new DirectoryService(db);
            List<Publisher> hubs = hubs(db);
            FacetColumn column = new FacetColumn();
            int next = 0;
            Map<String, ObjectNode> bodies = new HashMap<>();
            List<String> live = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < 25; i++) {
                    int op = random.nextInt(10);
                    if (live.isEmpty() || op < 4) {
                        String id = "org-" + next++;
                        upsert(hubs, bodies, RandomOrgs.org(random, id));
                        live.add(id);
                    } else if (op == 9 && !removed.isEmpty()) {
                        String id = removed.remove(random.nextInt(removed.size()));
                        boolean erase = random.nextBoolean();
                        if (erase) {
                            publisher(hubs, id).erase(id, null); // a removed record may be erased too
                        } else {
                            upsert(hubs, bodies, RandomOrgs.org(random, id));
                            live.add(id); // back again
                        }
                    } else {
                        String id = live.get(random.nextInt(live.size()));
                        Publisher hub = publisher(hubs, id);
                        switch (op) {
                            case 4, 5 -> upsert(hubs, bodies, RandomOrgs.org(random, id));
                            case 6 -> {
                                hub.publish(
                                        UpdateType.ORG_REMOVE,
                                        TestHub.JSON.createObjectNode().put("id", id));
                                live.remove(id);
                                removed.add(id);
                            }
                            case 7 -> {
                                hub.erase(id, null);
                                live.remove(id);
                            }
                            // The same filter values under another name: nothing to count again.
                            default ->
                                upsert(hubs, bodies, bodies.get(id).deepCopy().put("name", "Renamed " + id));
                        }
                    }
                }
                if (round == 5) {
                    // As if pruned past this column: it must build itself again, not miss changes.
                    update("DELETE FROM facet_changes WHERE tick < (SELECT max(tick) FROM facet_changes)");
                    publisher(hubs, "org-0").publish(UpdateType.ORG_UPSERT, RandomOrgs.org(random, "org-new"));
                }
                assertSameCounts(column, "seed " + seed + " round " + round);
            }
            // The newest doc erased, then a new organisation: SQLite may give it the same doc id.
            String newest = live.get(live.size() - 1);
            publisher(hubs, newest).erase(newest, null);
            publisher(hubs, "org-last").publish(UpdateType.ORG_UPSERT, RandomOrgs.org(random, "org-last"));
            assertSameCounts(column, "seed " + seed + " after an erase and a new doc");
            db.close();
            db = null;
        }
    }

    @Test
    void count_sealedRecordsThisNodeCannotOpen_countsListedByClearMembersAndUnlistedNot() {
        db = Database.open(dir.resolve("sealed.db"));
        new DirectoryService(db);
        Publisher mm =
                new Publisher(db, HubId.of("mm-hub"), TestHub.keyPair(9), Clock.fixed(TestHub.T0, ZoneOffset.UTC));
        EncryptionKeyPair thHub = EncryptionKeyPair.generate(new SecureRandom());
        mm.publish(UpdateType.ORG_UPSERT, TestHub.org("public", "Public education group", "MM"));
        for (boolean listed : List.of(true, false)) {
            ObjectNode record = TestHub.org(listed ? "listed" : "unlisted", "Sealedword education group", "MM");
            record.putArray("sectors").add(SEALED_SECTOR);
            record.putArray("countries_of_operation").add("TH");
            mm.publish(mm.prepareSealed(
                    record, new Publisher.Audience(listed, Map.of(HubId.of("th-hub"), thHub.keyId()))));
        }
        FacetColumn column = new FacetColumn();
        for (OrganizationQuery q : List.of(
                query(null, "MM", null, null),
                query(null, null, null, "mm-hub"),
                OrganizationQuery.text("education"),
                OrganizationQuery.text("group"))) {
            FilterCounts fast = db.read(c -> FacetCounter.count(c, q, 1_000, column));
            assertEquals(db.read(c -> FacetCounter.count(c, q, 1_000, null)), fast, q.toString());
            assertNull(fast.sector().get(SEALED_SECTOR), q + ": a sealed sector was counted");
            assertFalse(fast.operations().containsKey("TH"), q + ": a sealed country of operation was counted");
        }
        // The listed record by its clear name and country, the unlisted one not at all.
        FilterCounts mmOnly = db.read(c -> FacetCounter.count(c, query(null, "MM", null, null), 1_000, column));
        assertEquals(2, mmOnly.total());
        assertEquals(2, mmOnly.hub().get("mm-hub"));
        assertTrue(db.read(c -> FacetCounter.count(c, query(null, null, SEALED_SECTOR, null), 1_000, column))
                        .total()
                == 0);
    }

    /** Fast and straightforward counts agree for every query, and the fast ones came from the column. */
    private void assertSameCounts(FacetColumn column, String when) {
        for (OrganizationQuery q : QUERIES) {
            for (int limit : List.of(10_000, 7)) {
                FilterCounts fast = db.read(c -> FacetCounter.count(c, q, limit, column));
                FilterCounts rows = db.read(c -> FacetCounter.count(c, q, limit, null));
                String shape = when + ", " + q + ", limit " + limit;
                assertEquals(rows.total(), fast.total(), shape);
                assertEquals(rows.counted(), fast.counted(), shape);
                assertEquals(new TreeMap<>(rows.country()), new TreeMap<>(fast.country()), shape);
                assertEquals(new TreeMap<>(rows.sector()), new TreeMap<>(fast.sector()), shape);
                assertEquals(new TreeMap<>(rows.language()), new TreeMap<>(fast.language()), shape);
                assertEquals(new TreeMap<>(rows.hub()), new TreeMap<>(fast.hub()), shape);
                assertEquals(new TreeMap<>(rows.operations()), new TreeMap<>(fast.operations()), shape);
                assertNull(fast.sector().get(SEALED_SECTOR), shape);
            }
        }
        assertTrue(column.size() > 0, when + ": the column was used");
    }

    private static void upsert(List<Publisher> hubs, Map<String, ObjectNode> bodies, ObjectNode body) {
        String id = body.get("id").asText();
        publisher(hubs, id).publish(UpdateType.ORG_UPSERT, body);
        bodies.put(id, body);
    }

    private void update(String sql) {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate(sql);
            }
            return null;
        });
    }

    private static List<Publisher> hubs(Database db) {
        Clock clock = Clock.fixed(TestHub.T0, ZoneOffset.UTC);
        return List.of(
                new Publisher(db, HubId.of("jp-janic"), TestHub.keyPair(1), clock),
                new Publisher(db, HubId.of("th-ngocoord"), TestHub.keyPair(2), clock),
                new Publisher(db, HubId.of("ph-caucus"), TestHub.keyPair(3), clock));
    }

    private static Publisher publisher(List<Publisher> hubs, String id) {
        return hubs.get(Math.floorMod(id.hashCode(), hubs.size()));
    }

    private static OrganizationQuery query(String q, String country, String sector, String hub) {
        return new OrganizationQuery(q, country, sector, null, hub, 0, null);
    }
}
