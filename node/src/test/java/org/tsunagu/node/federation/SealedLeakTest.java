package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.protocol.ErasureReceipt;

/**
 * Issue 13's "done when", on four real nodes over loopback: two hubs (the origin mm-hub, and th-hub, which
 * it follows back), a relay (jp-relay, following the origin) and a forum (ap-forum, following only the
 * relay). The origin seals a listed and an unlisted Myanmar record to th-hub only. th-hub opens both, finds
 * them by their sealed words and has them whole in its admin exports, while its public exports, feeds
 * and bundles carry only the sealed form. On the relay and the forum, search results, totals, facet
 * counts, the single-record API, database files, feeds, public and admin exports (CSV, HXL, HSDS), a
 * bundle and backups (both ways) hold none of the sealed text; a listed record shows its name with
 * "details shared with named hubs only" and an unlisted one is not there at all. The origin then erases
 * the listed record: none of its text (clear or sealed) is left anywhere on any node, the named hub
 * included, every node acknowledges it to the origin, and {@code verify} passes on every node throughout.
 */
class SealedLeakTest {
    /** Sealed words: distinctive enough that no other byte sequence of a node spells them. */
    private static final String DETAIL = "Quorvandellish";

    private static final String UNLISTED_NAME = "Vexmortain Collective";

    /** A sector no other record here has, so its count can only come from the sealed record. */
    private static final String SEALED_SECTOR = "15160";

    /** The listed record's clear name: public until the erase, then gone from every node too. */
    private static final String LISTED_NAME = "Kayin Drelvani Women Network";

    private static final String LISTED = "{\"id\":\"7a1f\",\"name\":\"" + LISTED_NAME + "\",\"country\":\"MM\","
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
            Path scratch = dir.resolve("scratch");
            List<String> sealedText = List.of(DETAIL, UNLISTED_NAME, "kwn.example", "underground", "Hpa-an");
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
            // ...has it whole in its administrator's exports, but never re-publishes it in clear (SPEC §6.10):
            // its public exports carry the clear members, its feeds and bundles the envelope as signed.
            for (TestNode n : List.of(origin, hub)) {
                String where = n.hub.value();
                for (String path : LeakProbes.ADMIN_EXPORTS) {
                    String text = LeakProbes.get(n, path);
                    // HXL's 3W columns hold no description; its email and the unlisted name are there.
                    List<String> openedText = path.contains("hxl")
                            ? List.of("kwn.example", UNLISTED_NAME)
                            : List.of(DETAIL, "kwn.example", UNLISTED_NAME);
                    for (String opened : openedText) {
                        assertTrue(text.contains(opened), where + path + " lacks " + opened);
                    }
                }
                for (String path : LeakProbes.PUBLIC_EXPORTS) {
                    String text = LeakProbes.get(n, path);
                    assertTrue(text.contains(LISTED_NAME), where + path);
                    for (String secret : sealedText) {
                        assertFalse(text.contains(secret), where + path + " holds " + secret);
                    }
                }
                Map<String, String> published =
                        Map.of("feeds", String.join("\n", LeakProbes.feeds(n)), "bundle", LeakProbes.bundle(n));
                published.forEach((what, text) -> {
                    assertTrue(text.contains("\"sealed\":{\"ct\":"), where + " " + what + " carries the sealed form");
                    for (String secret : sealedText) {
                        assertFalse(text.contains(secret), where + " " + what + " holds " + secret);
                    }
                });
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
                // The network's node for it: the clear name, marked sealed, nothing else of it.
                JsonNode nodes =
                        n.admin.get("/v1/directory/network?q=Kayin").json().get("nodes");
                assertEquals(1, nodes.size(), where + nodes);
                assertEquals("mm-hub/7a1f", nodes.get(0).get("id").asText(), where);
                assertEquals(LISTED_NAME, nodes.get(0).get("name").asText(), where);
                assertTrue(nodes.get(0).get("sealed").booleanValue(), where + nodes);
                assertFalse(nodes.toString().contains(DETAIL), where + nodes);
                assertEquals(LISTED_NAME, listed.get("record").get("name").asText());
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
                assertTrue(feed(n).contains("\"sealed\":{\"ct\":"), where);
                // Database files and WAL, feeds, public and admin exports, a bundle, backups both ways.
                LeakProbes.assertNowhere(n, scratch, sealedText);
            }
            for (TestNode n : all) {
                LeakProbes.verify(n);
            }

            // The erase: none of the erased record's text, clear or sealed, is left on any node, the named hub
            // and the origin included (crypto-shredding drops the opened copies too).
            JsonNode erased = origin.adminPost("/admin/v1/organizations/7a1f/erase", "{}");
            long eraseSeq = erased.get("seq").longValue();
            for (TestNode n : all) {
                FederationFixtures.await(
                        Duration.ofSeconds(90), n.hub + " holds the erase", () -> n.head(origin) >= eraseSeq);
            }
            // The origin shows every acknowledgement, each a receipt anyone can check (SPEC §6.11).
            FederationFixtures.await(
                    Duration.ofSeconds(90),
                    "every receipt",
                    () -> erasure(origin).get("acknowledged").intValue() == 3);
            JsonNode erasure = erasure(origin);
            assertEquals("erased on 3 of 3 nodes", erasure.get("summary").asText());
            assertEquals(0, erasure.get("waiting").size());
            List<String> acknowledged = new ArrayList<>();
            for (JsonNode r : erasure.get("receipts")) {
                ErasureReceipt receipt =
                        ErasureReceipt.parseVerified(r.get("receipt").toString().getBytes(StandardCharsets.UTF_8));
                assertEquals(erased.get("hash").asText(), receipt.erase());
                acknowledged.add(receipt.hub().value());
            }
            assertEquals(List.of("ap-forum", "jp-relay", "th-hub"), acknowledged);
            assertTrue(origin.admin.get("/metrics").body().contains("\ntsunagu_erasures_waiting 0.0\n"));
            for (JsonNode h :
                    origin.admin.get("/v1/directory/hub-status").json().get("items")) {
                for (JsonNode alert : h.path("alerts")) {
                    assertFalse("erasure_waiting".equals(alert.get("kind").asText()), h.toString());
                }
            }
            List<String> erasedText = List.of(DETAIL, "Drelvani", "kwn.example", "underground", "Hpa-an");
            for (TestNode n : all) {
                String where = n.hub.value();
                assertEquals(0, search(n, "q=Drelvani").get("items").size(), where);
                assertEquals(0, search(n, "q=" + DETAIL).get("items").size(), where);
                assertEquals(
                        404,
                        n.admin.get("/v1/directory/organizations/mm-hub/7a1f").status(),
                        where);
                for (String term : List.of("drelvani", "quorvand", "underground")) {
                    assertEquals(0, LeakProbes.ftsTerms(n, term), where + " search index terms " + term);
                }
                LeakProbes.assertNowhere(n, scratch, erasedText);
                LeakProbes.verify(n);
            }
            // The unlisted record, not erased, is still sealed away from the relay and the forum.
            for (TestNode n : others) {
                LeakProbes.assertNowhere(n, scratch, List.of(UNLISTED_NAME));
            }
            assertEquals(1, search(hub, "q=Vexmortain").get("items").size());
        }
    }

    private static JsonNode erasure(TestNode origin) {
        return origin.admin.get("/admin/v1/erasures").json().get("items").get(0);
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
