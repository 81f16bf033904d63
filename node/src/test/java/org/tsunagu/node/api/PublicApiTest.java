package org.tsunagu.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.KeyId;

/** The read API over a node holding a few organisations of its own. */
class PublicApiTest {
    @TempDir
    static Path dir;

    private static TestNode node;
    private static TestClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(dir, "jp-janic", "JP");
        client = node.anyone;
        String[] records = {
            "{\"id\":\"janic\",\"name\":\"国際協力NGOセンター\",\"alternate_names\":[\"JANIC\"],\"country\":\"JP\","
                    + "\"sectors\":[\"15150\"],\"languages\":[\"ja\"]}",
            "{\"id\":\"pwj\",\"name\":\"Peace Winds Japan\",\"country\":\"JP\",\"sectors\":[\"72010\"],"
                    + "\"languages\":[\"en\"]}",
            "{\"id\":\"bangkok-aid\",\"name\":\"Bangkok Aid Network\",\"country\":\"TH\",\"sectors\":[\"72010\"]}"
        };
        for (String record : records) {
            assertEquals(
                    201, node.admin.postJson("/admin/v1/organizations", record).status());
        }
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static List<String> ids(String query) {
        TestClient.Reply reply = client.get("/v1/directory/organizations?" + query);
        assertEquals(200, reply.status(), reply.body());
        List<String> ids = new ArrayList<>();
        reply.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    @Test
    void wellKnown_hubDocument_namesKeyEndpointsAndVerifiableProfile() {
        JsonNode hub = client.get("/.well-known/tsunagu").json();
        assertEquals("jp-janic", hub.get("hub").asText());
        assertEquals("JP", hub.get("country").asText());
        KeyId key = KeyId.parse(hub.get("key").asText(), "$.key");
        assertEquals(node.key.publicKey().keyId(), key);
        assertEquals(key.fingerprint(), hub.get("key_fingerprint").asText());
        assertTrue(hub.get("endpoints").get("feeds").asText().endsWith("/v1/feeds"));
        Envelope profile = Envelope.fromJson(hub.get("profile"));
        profile.verifySignature(key.publicKey());
        assertEquals("hub.profile", profile.type().wire());
    }

    @Test
    void organizations_textInJapaneseOrEnglish_found() {
        assertEquals(List.of("janic"), ids("q=" + URLEncoder.encode("国際協力", StandardCharsets.UTF_8)));
        assertEquals(List.of("pwj"), ids("q=peace"));
        assertEquals(List.of("janic"), ids("q=JANIC"));
    }

    @Test
    void organizations_filters_narrowResults() {
        assertEquals(List.of("bangkok-aid"), ids("country=TH"));
        assertEquals(2, ids("sector=72010").size());
        assertEquals(List.of("pwj"), ids("sector=72010&country=jp"));
    }

    @Test
    void organizations_itemHasProvenance() {
        JsonNode item = client.get("/v1/directory/organizations?q=peace")
                .json()
                .get("items")
                .get(0);
        JsonNode provenance = item.get("provenance");
        assertEquals("jp-janic", provenance.get("origin").asText());
        assertTrue(provenance.get("seq").longValue() > 1);
        assertEquals(node.key.publicKey().keyId().value(), provenance.get("key").asText());
        assertTrue(provenance.get("verified").booleanValue());
        assertEquals("jp-janic/pwj", item.get("global_id").asText());
    }

    @Test
    void organizations_pagedWithCursor() {
        JsonNode first = client.get("/v1/directory/organizations?limit=2").json();
        assertEquals(2, first.get("items").size());
        String cursor = first.get("next_cursor").asText();
        JsonNode second = client.get("/v1/directory/organizations?limit=2&cursor="
                        + URLEncoder.encode(cursor, StandardCharsets.UTF_8))
                .json();
        assertEquals(1, second.get("items").size());
        assertTrue(second.get("next_cursor").isNull());
    }

    @Test
    void organizations_badParameters_400NamingThem() {
        TestClient.Reply reply = client.get("/v1/directory/organizations?limit=500&country=Japan");
        assertEquals(400, reply.status(), reply.body());
        List<String> paths = new ArrayList<>();
        reply.json().get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertTrue(paths.contains("country"), paths.toString());
        assertEquals(400, client.get("/v1/directory/organizations?limit=ten").status());
    }

    @Test
    void organization_knownAndUnknown() {
        JsonNode janic =
                client.get("/v1/directory/organizations/jp-janic/janic").json();
        assertEquals("国際協力NGOセンター", janic.get("record").get("name").asText());
        assertEquals(
                404, client.get("/v1/directory/organizations/jp-janic/nobody").status());
        assertEquals(404, client.get("/v1/directory/organizations/NOT_A_HUB/x").status());
    }

    @Test
    void hubs_listThisHubWithProfile() {
        JsonNode hubs = client.get("/v1/directory/hubs").json().get("items");
        assertEquals("jp-janic", hubs.get(0).get("hub").asText());
        assertEquals("Hub jp-janic", hubs.get(0).get("name").asText());
    }

    @Test
    void feeds_listHeadOfEachOrigin() {
        JsonNode feeds = client.get("/v1/feeds").json().get("feeds");
        assertEquals(1, feeds.size());
        assertEquals("jp-janic", feeds.get(0).get("origin").asText());
        assertEquals(4, feeds.get(0).get("seq").longValue());
    }

    @Test
    void feed_pages_areCanonicalNdjsonWithNextLink() {
        TestClient.Reply page = client.get("/v1/feeds/jp-janic?after=1&limit=2");
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("application/x-ndjson"));
        String[] lines = page.body().split("\n");
        assertEquals(2, lines.length);
        Envelope second = Envelope.parse(lines[0]);
        assertEquals(2, second.seq());
        assertEquals(lines[0], second.canonicalJson());
        assertTrue(page.header("Link").contains("after=3"), page.header("Link"));
        TestClient.Reply last = client.get("/v1/feeds/jp-janic?after=3");
        assertEquals(1, last.body().split("\n").length);
        assertNull(last.header("Link"));
    }

    @Test
    void feed_longerThanOneChunk_everyEnvelopeInOrder(@TempDir Path own) {
        try (TestNode node = TestNode.start(own, "jp-bulk", "JP")) {
            feedInChunks(node);
        }
    }

    private static void feedInChunks(TestNode node) {
        TestClient client = node.anyone;
        for (int i = 0; i < 300; i++) {
            node.admin.postJson(
                    "/admin/v1/organizations",
                    "{\"id\":\"bulk-" + i + "\",\"name\":\"Bulk " + i + "\",\"country\":\"JP\"}");
        }
        long head = node.node.log().head(node.hub()).orElseThrow().seq();
        String[] lines = client.get("/v1/feeds/jp-bulk?limit=10000").body().split("\n");
        assertEquals(head, lines.length);
        for (int i = 0; i < lines.length; i++) {
            assertEquals(i + 1, Envelope.parse(lines[i]).seq());
        }
        assertEquals(
                head - 260, client.get("/v1/feeds/jp-bulk?after=260").body().split("\n").length);
    }

    @Test
    void feed_unknownOriginOrBadParameters_problems() {
        assertEquals(404, client.get("/v1/feeds/th-nobody").status());
        TestClient.Reply reply = client.get("/v1/feeds/jp-janic?after=-1");
        assertEquals(400, reply.status());
        assertEquals("after", reply.json().get("errors").get(0).get("path").asText());
        assertEquals(400, client.get("/v1/feeds/jp-janic?limit=0").status());
    }

    @Test
    void lists_limitAboveCap_cappedNeverRefused() {
        // SPEC §10.1: the server caps limit, so a client written from the SPEC may ask for any number.
        for (String path : List.of(
                "/v1/feeds/jp-janic?limit=100000",
                "/v1/feeds/jp-janic?limit=99999999999999999999",
                "/v1/directory/organizations?limit=101",
                "/v1/directory/organizations?q=peace&limit=100000",
                "/v1/directory/partnerships?limit=5000")) {
            TestClient.Reply reply = client.get(path);
            assertEquals(200, reply.status(), path + ": " + reply.body());
        }
        assertEquals(3, ids("limit=100000").size());
        assertEquals(4, client.get("/v1/feeds/jp-janic?limit=100000").body().split("\n").length); // profile + 3
        TestClient.Reply negative = client.get("/v1/directory/organizations?limit=-1");
        assertEquals(400, negative.status());
        assertEquals("limit", negative.json().get("errors").get(0).get("path").asText());
    }

    @Test
    void healthz_ok() {
        TestClient.Reply reply = client.get("/healthz");
        assertEquals(200, reply.status());
        assertEquals("ok", reply.json().get("status").asText());
    }

    @Test
    void unknownPathAndMethod_problems() {
        assertEquals(404, client.get("/v1/nothing").status());
        assertEquals(405, client.delete("/v1/feeds").status());
        assertEquals(
                415,
                node.admin.post("/admin/v1/organizations", "text/plain", "x").status());
    }
}
