package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;

/**
 * Issue 13's sealed records, end to end on four real nodes over loopback: the origin (mm-hub) seals a
 * listed and an unlisted record to th-hub only; jp-relay follows the origin and ap-forum follows only
 * the relay. th-hub opens both and finds them by their sealed words; the relay and the forum store and
 * relay the same signed envelopes, and their search results, totals, facet counts, feeds, exports,
 * single-record API and database files hold none of the sealed text. A listed record shows its name
 * with "details shared with named hubs only"; an unlisted one is not there at all. After an erase,
 * the recipient's opened copy is gone too; {@code verify} passes on every node throughout.
 */
class SealedLeakTest {
    /** Sealed words: distinctive enough that no other byte sequence of a node spells them. */
    private static final String DETAIL = "Quorvandellish";

    private static final String UNLISTED_NAME = "Vexmortain Collective";

    /** A sector no other record here has, so its count can only come from the sealed record. */
    private static final String SEALED_SECTOR = "15160";

    private static final String LISTED = "{\"id\":\"7a1f\",\"name\":\"Kayin Women Network\",\"country\":\"MM\","
            + "\"description\":\"" + DETAIL + " staff work underground near Hpa-an\",\"sectors\":[\""
            + SEALED_SECTOR + "\"],\"email\":\"contact@kwn.example\","
            + "\"audience\":{\"kind\":\"listed\",\"hubs\":[\"th-hub\"]}}";

    private static final String UNLISTED = "{\"id\":\"9c2e\",\"name\":\"" + UNLISTED_NAME + "\",\"country\":\"MM\","
            + "\"sectors\":[\"" + SEALED_SECTOR + "\"],\"audience\":{\"kind\":\"unlisted\",\"hubs\":[\"th-hub\"]}}";

    @TempDir
    Path dir;

    private TestNode node(String hub) {
        return TestNode.start(dir.resolve(hub), hub);
    }

    @Test
    void sealedRecords_readableOnNamedHubOnly_noTraceElsewhere() throws Exception {
        try (TestNode origin = node("mm-hub");
                TestNode hub = node("th-hub");
                TestNode relay = node("jp-relay");
                TestNode forum = node("ap-forum")) {
            List<TestNode> all = List.of(origin, hub, relay, forum);
            List<TestNode> others = List.of(relay, forum);
            origin.adminPost("/admin/v1/protocol", "{\"version\":2}");
            hub.adminPost("/admin/v1/protocol", "{\"version\":2}");
            hub.follow(origin);
            relay.follow(origin);
            forum.follow(relay);
            origin.follow(hub);
            // The origin seals to the key in th-hub's latest profile: wait until it holds that profile.
            FederationFixtures.await(
                    Duration.ofSeconds(90), "mm-hub holds th-hub's profile", () -> origin.head(hub) == hub.head(hub));

            // Bad audiences are refused with the field path, before anything is signed.
            TestClient.Reply bad = origin.admin.postJson(
                    "/admin/v1/organizations",
                    "{\"name\":\"X\",\"country\":\"MM\",\"audience\":{\"kind\":\"listed\",\"hubs\":[\"th-hub\",\"zz-nobody\",\"Bad!\"]}}");
            assertEquals(422, bad.status(), bad.body());
            assertTrue(bad.header("Content-Type").startsWith("application/problem+json"), bad.body());
            assertTrue(bad.body().contains("$.audience.hubs[1]"), bad.body());
            assertTrue(bad.body().contains("$.audience.hubs[2]"), bad.body());
            TestClient.Reply badKind = origin.admin.postJson(
                    "/admin/v1/organizations",
                    "{\"name\":\"X\",\"country\":\"MM\",\"audience\":{\"kind\":\"secret\"}}");
            assertEquals(422, badKind.status(), badKind.body());
            assertTrue(badKind.body().contains("$.audience.kind"), badKind.body());

            origin.adminPost(
                    "/admin/v1/organizations",
                    FederationFixtures.org("other", "Other Network").toString());
            long publicOnly = origin.head(origin);
            for (TestNode n : others) {
                FederationFixtures.await(
                        Duration.ofSeconds(90), n.hub + " holds the public record", () -> n.head(origin) == publicOnly);
            }
            List<JsonNode> facetsBefore = new ArrayList<>();
            for (TestNode n : others) {
                facetsBefore.add(n.admin.get("/v1/directory/facets").json());
            }

            origin.adminPost("/admin/v1/organizations", LISTED);
            origin.adminPost("/admin/v1/organizations", UNLISTED);
            long head = origin.head(origin);
            for (TestNode n : all) {
                FederationFixtures.await(
                        Duration.ofSeconds(90), n.hub + " holds the sealed records", () -> n.head(origin) == head);
            }

            // The named hub (and the origin, always a recipient of its own records) reads them whole.
            for (TestNode n : List.of(origin, hub)) {
                String where = n.hub.value();
                assertEquals(1, search(n, "q=" + DETAIL).get("items").size(), where);
                JsonNode listed =
                        n.admin.get("/v1/directory/organizations/mm-hub/7a1f").json();
                assertTrue(listed.get("record").get("description").asText().contains(DETAIL), where);
                assertTrue(listed.get("sealed").get("opened").booleanValue(), where);
                assertEquals(1, search(n, "q=Vexmortain").get("items").size(), where);
                assertEquals(
                        2, search(n, "sector=" + SEALED_SECTOR).get("items").size(), where);
                assertEquals(
                        2,
                        n.admin
                                .get("/v1/directory/facets")
                                .json()
                                .get("sector")
                                .path(SEALED_SECTOR)
                                .asLong(),
                        where);
                assertTrue(
                        LeakProbes.fileText(n).contains(DETAIL.toLowerCase(Locale.ROOT)),
                        where + " keeps the opened record");
            }
            // ...but never re-publishes it in clear (SPEC §6.10): its public exports carry the clear members.
            for (TestNode n : List.of(origin, hub)) {
                String csv = LeakProbes.get(n, "/v1/directory/export.csv");
                assertTrue(csv.contains("Kayin Women Network"), n.hub.value());
                assertFalse(csv.contains(DETAIL) || csv.contains("kwn.example") || csv.contains(UNLISTED_NAME), csv);
                String hsds = LeakProbes.get(n, "/v1/directory/export.hsds.json");
                assertFalse(
                        hsds.contains(DETAIL) || hsds.contains("kwn.example") || hsds.contains(UNLISTED_NAME), hsds);
            }

            for (int i = 0; i < others.size(); i++) {
                TestNode n = others.get(i);
                String where = n.hub.value();
                // Search: no sealed word finds anything, in results, totals or facets.
                for (String q : List.of(DETAIL, "Quorvand", "underground", "Vexmortain", "kwn")) {
                    JsonNode r = search(n, "q=" + q);
                    assertEquals(0, r.get("items").size(), where + " q=" + q);
                    assertEquals(0, r.path("total").asLong(0), where + " total q=" + q);
                    JsonNode f = n.admin.get("/v1/directory/facets?q=" + q).json();
                    assertEquals(0, f.get("total").asLong(), where + " facets q=" + q);
                }
                assertEquals(
                        0, search(n, "sector=" + SEALED_SECTOR).get("items").size(), where);
                // The sealed-to-nobody-here records changed no count of a sealed field.
                JsonNode facets = n.admin.get("/v1/directory/facets").json();
                assertEquals(facetsBefore.get(i).get("sector"), facets.get("sector"), where + " sector counts");
                assertEquals(facetsBefore.get(i).get("language"), facets.get("language"), where + " language counts");
                // Listed: name and country, and the notice in place of the details.
                JsonNode found = search(n, "q=Kayin").get("items");
                assertEquals(1, found.size(), where);
                JsonNode listed =
                        n.admin.get("/v1/directory/organizations/mm-hub/7a1f").json();
                assertEquals(found.get(0), listed, where);
                assertEquals(
                        "Kayin Women Network", listed.get("record").get("name").asText());
                assertEquals(List.of("country", "id", "name"), names(listed.get("record")), where);
                assertEquals(
                        "details shared with named hubs only",
                        listed.get("sealed").get("notice").asText());
                assertFalse(listed.get("sealed").get("opened").booleanValue());
                // Unlisted: not there at all.
                TestClient.Reply unlisted = n.admin.get("/v1/directory/organizations/mm-hub/9c2e");
                assertEquals(404, unlisted.status(), where);
                assertFalse(unlisted.body().contains(UNLISTED_NAME), where);
                // Relayed as signed: the feed carries both envelopes, as ciphertext.
                String feed = feed(n);
                assertTrue(feed.contains("\"sealed\":{\"ct\":"), where);
                assertFalse(
                        feed.contains(DETAIL) || feed.contains(UNLISTED_NAME) || feed.contains("kwn.example"), where);
                for (String export : List.of("/v1/directory/export.csv", "/v1/directory/export.hsds.json")) {
                    String text = LeakProbes.get(n, export);
                    assertFalse(
                            text.contains(DETAIL) || text.contains(UNLISTED_NAME) || text.contains("kwn.example"),
                            where + export);
                }
                String files = LeakProbes.fileText(n);
                for (String secret : List.of(DETAIL, UNLISTED_NAME, "kwn.example", "underground")) {
                    assertFalse(files.contains(secret.toLowerCase(Locale.ROOT)), where + " database files: " + secret);
                }
            }
            for (TestNode n : all) {
                LeakProbes.verify(n);
            }

            // Erasing a sealed record drops the recipient's opened copy with it (crypto-shredding).
            JsonNode erased = origin.adminPost("/admin/v1/organizations/7a1f/erase", "{}");
            long eraseSeq = erased.get("seq").longValue();
            for (TestNode n : all) {
                FederationFixtures.await(
                        Duration.ofSeconds(90), n.hub + " holds the erase", () -> n.head(origin) >= eraseSeq);
            }
            assertEquals(0, search(hub, "q=" + DETAIL).get("items").size());
            assertFalse(
                    LeakProbes.fileText(hub).contains(DETAIL.toLowerCase(Locale.ROOT)),
                    "th-hub database files after the erase");
            LeakProbes.verify(hub);
        }
    }

    private static JsonNode search(TestNode n, String query) {
        TestClient.Reply r = n.admin.get("/v1/directory/organizations?" + query);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static List<String> names(JsonNode o) {
        List<String> out = new ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        out.sort(null);
        return out;
    }

    private static String feed(TestNode n) {
        TestClient.Reply r =
                n.admin.send(n.admin.request("/v1/feeds/mm-hub?limit=10000").header("Tsunagu-Versions", "1, 2"));
        assertEquals(200, r.status(), r.body());
        return r.body();
    }
}
