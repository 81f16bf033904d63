package org.tsunagu.node.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;

/**
 * Filter counts against a brute-force recount from the records themselves, after creations, edits that
 * change filter values, edits that do not, removals and re-creations: the counters (landing page), the
 * pass over matches (searches), and the migration's backfill must all agree with it.
 */
class FilterCountsTest {
    @TempDir
    Path dir;

    private Database db;
    private List<Publisher> hubs;
    private DirectoryService directory;
    private final Random random = new Random(5);

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("tsunagu.db"));
        Clock clock = Clock.fixed(TestHub.T0, ZoneOffset.UTC);
        hubs = List.of(
                new Publisher(db, HubId.of("jp-janic"), TestHub.keyPair(1), clock),
                new Publisher(db, HubId.of("th-ngocoord"), TestHub.keyPair(2), clock),
                new Publisher(db, HubId.of("ph-caucus"), TestHub.keyPair(3), clock));
        directory = new DirectoryService(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void filterCounts_afterEditsRemovalsAndReturns_equalARecountForEverySearchShape() {
        churn();
        for (OrganizationQuery q : List.of(
                OrganizationQuery.text(null),
                query(null, "JP", null, null, null),
                query(null, null, "151", null, null),
                query(null, null, null, "ja", null),
                query(null, "TH", null, null, "th-ngocoord"),
                OrganizationQuery.text("education"),
                OrganizationQuery.text("wat"),
                query("rights", "PH", null, "en", null),
                OrganizationQuery.text("nothingmatchesthis"))) {
            FilterCounts counts = directory.filterCounts(q, 10_000);
            Recount expected = recount(q);
            String shape = q.toString();
            assertEquals(expected.total, counts.total(), shape);
            assertTrue(counts.exact(), shape);
            assertEquals(expected.counts.get("country"), new TreeMap<>(counts.country()), shape);
            assertEquals(expected.counts.get("sector"), new TreeMap<>(counts.sector()), shape);
            assertEquals(expected.counts.get("language"), new TreeMap<>(counts.language()), shape);
            assertEquals(expected.counts.get("hub"), new TreeMap<>(counts.hub()), shape);
            assertEquals(expected.counts.get("operations"), new TreeMap<>(counts.operations()), shape);
        }
    }

    @Test
    void filterCounts_moreMatchesThanTheLimit_countsLowerBoundsWithTheExactTotal() {
        churn();
        OrganizationQuery q = query(null, "JP", null, null, null);
        Recount expected = recount(q);
        FilterCounts counts = directory.filterCounts(q, 10);
        assertFalse(counts.exact());
        assertEquals(10, counts.counted());
        assertEquals(expected.total, counts.total());
        assertEquals(10, counts.country().get("JP"));
        counts.sector()
                .forEach((value, n) -> assertTrue(
                        n <= expected.counts.get("sector").get(value), value + ": " + n + " is not a lower bound"));
    }

    @Test
    void migration_databaseFromBeforeFacets_backfillsTheSameValuesAndCounts() throws Exception {
        churn();
        Map<String, String> facets = facetsByDoc();
        Map<String, String> counters = counters();
        // Back to the schema before V004, as a node of the previous release left it.
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE facet_counts");
                s.execute("DROP TABLE IF EXISTS fed_subscriber_claims"); // V005 runs again too
                s.execute("DROP TABLE IF EXISTS blocks"); // V006 runs again too
                s.execute("DROP INDEX IF EXISTS alerts_open"); // and V009
                s.execute("ALTER TABLE alerts DROP COLUMN count");
                s.execute("ALTER TABLE alerts DROP COLUMN last_seen_at");
                s.execute("ALTER TABLE alerts DROP COLUMN address");
                s.execute("DROP TABLE IF EXISTS pending_erasures"); // and V011
                s.execute("DROP TABLE IF EXISTS erasure_receipts");
                s.execute("ALTER TABLE fed_subscribers DROP COLUMN reads_v2");
                s.execute("DROP TABLE IF EXISTS opened_records"); // and V012
                s.execute("ALTER TABLE organizations DROP COLUMN facets");
                s.execute("DROP TABLE IF EXISTS staff_audit"); // and V013
                s.execute("DROP TABLE IF EXISTS staff_sessions");
                s.execute("DROP TABLE IF EXISTS staff_accounts");
                s.execute("ALTER TABLE partnerships DROP COLUMN sealed"); // and V021
                s.execute("ALTER TABLE partnerships DROP COLUMN opened");
                s.execute("DROP TABLE IF EXISTS facet_changes"); // and V022
                s.execute("DROP TABLE IF EXISTS hub_pair_counts"); // and V023
                s.execute("PRAGMA user_version = 3");
            }
            return null;
        });
        db.close();
        db = Database.open(dir.resolve("tsunagu.db"));
        directory = new DirectoryService(db);

        assertEquals(facets, facetsByDoc());
        assertEquals(counters, counters());
        assertTrue(counters.keySet().stream().anyMatch(k -> k.startsWith("o:")), "countries of operation backfilled");
        assertEquals(
                recount(OrganizationQuery.text(null)).counts.get("sector"),
                new TreeMap<>(
                        directory.filterCounts(OrganizationQuery.text(null), 10).sector()));
    }

    /** 120 organisations over three hubs, then edits of every kind. */
    private void churn() {
        List<ObjectNode> records = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            ObjectNode body = randomOrg("org-" + i);
            records.add(body);
            publisher(i).publish(UpdateType.ORG_UPSERT, body);
        }
        for (int i = 0; i < 120; i += 3) {
            ObjectNode changed = randomOrg("org-" + i); // other filter values, mostly
            publisher(i).publish(UpdateType.ORG_UPSERT, changed);
            records.set(i, changed);
        }
        for (int i = 1; i < 120; i += 5) {
            ObjectNode renamed = records.get(i).deepCopy().put("name", "Renamed " + i);
            publisher(i).publish(UpdateType.ORG_UPSERT, renamed); // same filter values
        }
        for (int i = 2; i < 120; i += 4) {
            publisher(i)
                    .publish(
                            UpdateType.ORG_REMOVE,
                            TestHub.JSON.createObjectNode().put("id", "org-" + i));
        }
        for (int i = 2; i < 120; i += 16) {
            publisher(i).publish(UpdateType.ORG_UPSERT, randomOrg("org-" + i)); // back again
        }
    }

    private Publisher publisher(int i) {
        return hubs.get(i % hubs.size());
    }

    private ObjectNode randomOrg(String id) {
        return RandomOrgs.org(random, id);
    }

    private static OrganizationQuery query(String q, String country, String sector, String language, String hub) {
        return new OrganizationQuery(q, country, sector, language, hub, 0, null);
    }

    private record Recount(long total, Map<String, Map<String, Long>> counts) {}

    /** Every match, paged through the search, counted from its record. */
    private Recount recount(OrganizationQuery q) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (String facet : List.of("country", "sector", "language", "hub", "operations")) {
            counts.put(facet, new TreeMap<>());
        }
        long total = 0;
        OrganizationQuery page = new OrganizationQuery(
                q.q(), q.country(), q.sector(), q.language(), q.hub(), OrganizationQuery.MAX_LIMIT, null);
        while (true) {
            Page<OrganizationView> result = directory.searchOrganizations(page);
            for (OrganizationView v : result.items()) {
                total++;
                JsonNode r = v.record();
                counts.get("country").merge(r.get("country").asText(), 1L, Long::sum);
                counts.get("hub").merge(v.origin(), 1L, Long::sum);
                java.util.Set<String> sectors = new java.util.TreeSet<>();
                r.path("sectors").forEach(s -> {
                    sectors.add(s.asText());
                    sectors.add(s.asText().substring(0, 3));
                });
                sectors.forEach(s -> counts.get("sector").merge(s, 1L, Long::sum));
                java.util.Set<String> languages = new java.util.TreeSet<>();
                r.path("languages").forEach(l -> {
                    String tag = l.asText().toLowerCase(Locale.ROOT);
                    languages.add(tag);
                    languages.add(tag.split("-")[0]);
                });
                languages.forEach(l -> counts.get("language").merge(l, 1L, Long::sum));
                r.path("countries_of_operation")
                        .forEach(o -> counts.get("operations").merge(o.asText(), 1L, Long::sum));
            }
            if (result.nextCursor() == null) {
                return new Recount(total, counts);
            }
            page = page.withCursor(result.nextCursor());
        }
    }

    private Map<String, String> facetsByDoc() {
        return pairs("SELECT doc, facets FROM organizations WHERE removed = 0");
    }

    private Map<String, String> counters() {
        return pairs("SELECT facet || ':' || value, n FROM facet_counts WHERE n > 0");
    }

    /** The first column of each row mapped to its second, as text. */
    private Map<String, String> pairs(String sql) {
        return db.read(c -> {
            Map<String, String> out = new TreeMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }
}
