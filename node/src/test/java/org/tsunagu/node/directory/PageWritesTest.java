package org.tsunagu.node.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;

/**
 * A page of envelopes applied in one transaction, whose filter counts are written once at its end and
 * whose search words are inserted once each ({@link PageWrites}), ends exactly as the same envelopes
 * applied one per transaction: the same counts (rows at zero included), the same words, the same
 * directory. The log creates, edits, removes, erases and brings back organisations, takes a value's
 * count up and back to zero, erases one whose word a later one of the same page uses again, and
 * announces a partnership before the organisations it names (the same pair counts).
 */
class PageWritesTest {
    @TempDir
    Path dir;

    @Test
    void ingest_onePageOrOneEnvelopeAtATime_sameCountsWordsAndDirectory() throws Exception {
        List<Envelope> log = churn();
        Tables onePage = ingest(log, log.size(), "page.db");
        Tables oneByOne = ingest(log, 1, "single.db");
        assertEquals(oneByOne.facetCounts, onePage.facetCounts);
        assertEquals(recount(onePage.liveFacets), positive(onePage.facetCounts), "the counts are the live records'");
        assertEquals(oneByOne.facetChanges, onePage.facetChanges);
        assertEquals(oneByOne.words, onePage.words);
        assertEquals(oneByOne.digest, onePage.digest);
        // The erased organisation's only word left search_words, and the next one of the page put it back.
        assertTrue(onePage.words.contains("zebrafishery"), onePage.words.toString());
        assertTrue(onePage.facetCounts.contains("c NP 0"), onePage.facetCounts.toString());
        assertEquals(oneByOne.pairs, onePage.pairs);
        assertEquals(1L, onePage.pairs.get("mm-hub\nmm-hub\nannounced"), onePage.pairs.toString());
    }

    private List<Envelope> churn() {
        TestHub hub = new TestHub("mm-hub", 11);
        Random random = new Random(14);
        List<Envelope> log = new ArrayList<>();
        log.add(hub.profile());
        for (int i = 0; i < 300; i++) {
            String id = "o" + random.nextInt(40);
            int what = random.nextInt(10);
            if (what < 7) {
                log.add(hub.nextV2(UpdateType.ORG_UPSERT, RandomOrgs.org(random, id)));
            } else if (what < 9) {
                log.add(hub.nextV2(
                        UpdateType.ORG_REMOVE, TestHub.JSON.createObjectNode().put("id", id)));
            } else {
                log.add(hub.nextV2(
                        UpdateType.ORG_ERASE, TestHub.JSON.createObjectNode().put("id", id)));
            }
        }
        // Nepal's count goes up and back to zero within the page: its row is still made, at zero.
        log.add(hub.nextV2(UpdateType.ORG_UPSERT, TestHub.org("np", "Himalayan Trust", "NP")));
        log.add(hub.nextV2(
                UpdateType.ORG_REMOVE, TestHub.JSON.createObjectNode().put("id", "np")));
        log.add(hub.nextV2(UpdateType.ORG_UPSERT, TestHub.org("w1", "Zebrafishery Cooperative", "MM")));
        log.add(hub.nextV2(UpdateType.ORG_ERASE, TestHub.JSON.createObjectNode().put("id", "w1")));
        log.add(hub.nextV2(UpdateType.ORG_UPSERT, TestHub.org("w2", "Zebrafishery Union", "MM")));
        // A partnership announced in the page before the organisations it names: the page must look
        // up, from then on, the partnerships naming each new organisation (PageWrites#mayNameParties).
        ObjectNode partnership = (ObjectNode)
                TestHub.json("{\"id\": \"page-pair\", \"kind\": \"consortium\", \"title\": \"Work together\"}");
        ArrayNode parties = partnership.putArray("parties");
        for (String party : List.of("mm-hub/p1", "mm-hub/p2", "vn-hub/absent")) {
            parties.addObject().put("organization", party).put("hub", party.substring(0, party.indexOf('/')));
        }
        log.add(hub.nextV2(UpdateType.PARTNERSHIP_ANNOUNCE, partnership));
        log.add(hub.nextV2(UpdateType.ORG_UPSERT, TestHub.org("p1", "Delta Partners", "MM")));
        log.add(hub.nextV2(UpdateType.ORG_UPSERT, TestHub.org("p2", "River Partners", "MM")));
        return log;
    }

    /** The tables after ingesting {@code log} in batches of {@code batch} into a fresh database. */
    private Tables ingest(List<Envelope> log, int batch, String file) throws Exception {
        try (Database db = Database.open(dir.resolve(file))) {
            Ingestor ingestor = new Ingestor(db, Clock.fixed(TestHub.T0, ZoneOffset.UTC), origin -> true);
            for (int from = 0; from < log.size(); from += batch) {
                List<Envelope> page = log.subList(from, Math.min(log.size(), from + batch));
                IngestReport report = ingestor.ingest(page);
                assertEquals(page.size(), report.accepted().size(), report.toString());
            }
            return db.read(c -> new Tables(
                    rows(c, "SELECT facet, value, n FROM facet_counts ORDER BY facet, value"),
                    rows(c, "SELECT tick, doc FROM facet_changes ORDER BY tick"),
                    rows(c, "SELECT word FROM search_words ORDER BY word"),
                    rows(c, "SELECT facets FROM organizations WHERE removed = 0"),
                    DirectoryDigest.of(c),
                    HubPairCounts.all(c)));
        }
    }

    private static List<String> rows(java.sql.Connection c, String sql) throws java.sql.SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /** Rows "facet value n" counted from the live organisations' stored filter values. */
    private static List<String> recount(List<String> liveFacets) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String facets : liveFacets) {
            FilterValues.keysOf(facets).forEach(key -> counts.merge(key, 1, Integer::sum));
        }
        List<String> rows = new ArrayList<>();
        counts.forEach((key, n) -> rows.add(key.charAt(0) + " " + key.substring(2) + " " + n));
        return rows;
    }

    private static List<String> positive(List<String> facetCounts) {
        return facetCounts.stream().filter(row -> !row.endsWith(" 0")).toList();
    }

    private record Tables(
            List<String> facetCounts,
            List<String> facetChanges,
            List<String> words,
            List<String> liveFacets,
            String digest,
            Map<String, Long> pairs) {}
}
