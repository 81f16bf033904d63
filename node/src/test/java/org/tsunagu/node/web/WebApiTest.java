package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.directory.OrganizationQuery;
import org.tsunagu.node.http.TestClient;

/** The page's JSON endpoints and the exports on a node wired by Main, beside the directory API. */
class WebApiTest {
    @TempDir
    static Path dir;

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = WebFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static TestClient.Reply get(String path) {
        return node.anyone.get(path);
    }

    @Test
    void facets_everything_countsByCountrySectorCategoryLanguageAndHub() {
        TestClient.Reply reply = get("/v1/directory/facets");
        assertEquals(200, reply.status(), reply.body());
        JsonNode facets = reply.json();
        assertEquals(3, facets.at("/country/JP").asLong());
        assertEquals(1, facets.at("/country/TH").asLong());
        assertEquals(2, facets.at("/sector/31120").asLong());
        assertEquals(2, facets.at("/sector/311").asLong(), "a sector counts for its category");
        assertEquals(2, facets.at("/language/ja").asLong());
        assertEquals(3, facets.at("/hub/jp-janic").asLong());
        assertEquals(4, facets.get("total").asLong());
        assertEquals(4, facets.get("counted").asLong());
        assertTrue(facets.get("complete").asBoolean());
        assertEquals("JP", facets.get("country").fieldNames().next(), "largest first");
    }

    @Test
    void facets_filtered_countsOnlyMatches() {
        JsonNode facets = get("/v1/directory/facets?q=Mekong&country=TH").json();
        assertEquals(1, facets.get("total").asLong());
        assertEquals(1, facets.get("counted").asLong());
        assertEquals(1, facets.at("/country/TH").asLong());
        assertTrue(facets.at("/country/JP").isMissingNode());
        assertEquals(0, facets.at("/hub/jp-janic").asLong(), "every hub is offered, with its count");
    }

    @Test
    void aggregates_anySearch_equalTheFacetsAndCountCountriesOfOperation() {
        for (String query : List.of("", "?country=JP", "?q=Mekong", "?sector=311", "?hub=th-ngocoord")) {
            JsonNode aggregates = get("/v1/directory/aggregates" + query).json();
            JsonNode facets = get("/v1/directory/facets" + query).json();
            for (String field : List.of("country", "sector", "hub", "total", "complete")) {
                assertEquals(facets.get(field), aggregates.get(field), field + " for " + query);
            }
        }
        JsonNode all = get("/v1/directory/aggregates").json();
        for (String country : List.of("KH", "LA", "AF")) {
            assertEquals(1, all.at("/countries_of_operation/" + country).asLong(), country);
        }
        assertTrue(get("/v1/directory/aggregates?country=TH")
                .json()
                .get("countries_of_operation")
                .isEmpty());
        TestClient.Reply bad = get("/v1/directory/aggregates?country=Japan");
        assertEquals(422, bad.status(), bad.body()); // as the facets and the exports answer
        assertTrue(bad.body().contains("$.country"), bad.body());
    }

    @Test
    void facets_badFilter_isProblemNamingTheParameter() {
        TestClient.Reply reply = get("/v1/directory/facets?sector=health");
        assertTrue(reply.status() >= 400 && reply.status() < 500, reply.status() + " " + reply.body());
        assertEquals("application/problem+json", reply.contentType());
        assertTrue(reply.body().contains("$.sector"), reply.body());
    }

    @Test
    void facetService_searchOverItsLimit_saysIncompleteWithTheExactTotal() {
        FacetCounts facets = new FacetService(node.node.directory(), 2)
                .facets(new OrganizationQuery(null, "JP", null, null, null, 0, null));
        assertFalse(facets.complete());
        assertEquals(2, facets.counted());
        assertEquals(3, facets.total());
        assertEquals(2, facets.country().get("JP"));
    }

    @Test
    void facetService_wholeDirectoryOverItsLimit_isStillExact() {
        FacetCounts facets = new FacetService(node.node.directory(), 2).facets(OrganizationQuery.text(null));
        assertTrue(facets.complete(), "the whole directory is counted by its counters, whatever its size");
        assertEquals(4, facets.total());
    }

    @Test
    void warmup_visit_walksAFirstPageLoadWithEveryRequestAnswered() {
        List<Integer> statuses = WebWarmup.visit(node.server.baseUri());
        assertEquals(
                9, statuses.size(), "page, script, code names, results, counts, search, its counts, map counts, hubs");
        assertEquals(List.of(200), statuses.stream().distinct().toList(), statuses.toString());
    }

    @Test
    void warmup_wildcardListenAddress_isReachedOnTheLoopback() {
        assertEquals(
                java.net.URI.create("http://127.0.0.1:8080/"),
                WebWarmup.loopback(java.net.URI.create("http://0.0.0.0:8080/")));
        assertEquals(
                java.net.URI.create("http://10.1.2.3:8080/"),
                WebWarmup.loopback(java.net.URI.create("http://10.1.2.3:8080/")));
    }

    @Test
    void exportCsv_throughMain_servesBesideTheDirectoryApi() {
        TestClient.Reply organizations = get("/v1/directory/organizations");
        assertEquals(200, organizations.status(), organizations.body());
        TestClient.Reply csv = get("/v1/directory/export.csv");
        assertEquals(200, csv.status(), csv.body());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        List<String> lines = csv.body()
                .lines()
                .filter(l -> l.matches("^[a-z]{2}-[a-z-]+/.*"))
                .toList();
        assertEquals(4, lines.size(), csv.body());
        TestClient.Reply thai = get("/v1/directory/export.csv?country=TH");
        assertTrue(thai.body().contains("th-ngocoord/mekong,"), thai.body());
        assertFalse(thai.body().contains("jp-janic/jvc,"), thai.body());
    }

    @Test
    void exportHsds_query_isFilteredLikeTheSearch() {
        TestClient.Reply reply =
                get("/v1/directory/export.hsds.json?q=%E3%83%9C%E3%83%A9%E3%83%B3%E3%83%86%E3%82%A3%E3%82%A2");
        assertEquals(200, reply.status(), reply.body());
        JsonNode organizations = reply.json();
        assertEquals(1, organizations.size());
        assertEquals("日本国際ボランティアセンター", organizations.get(0).get("name").asText());
    }

    @Test
    void hubStatus_fixture_listsSelfFirstThenTheReceivedHub() {
        JsonNode hubs = get("/v1/directory/hub-status").json().get("items");
        assertEquals(2, hubs.size());
        assertEquals("jp-janic", hubs.get(0).get("hub").asText());
        assertEquals("self", hubs.at("/0/follow/status").asText());
        assertEquals("th-ngocoord", hubs.get(1).get("hub").asText());
        assertEquals("relayed", hubs.at("/1/follow/status").asText());
        assertEquals(3, hubs.get(1).get("head_seq").asLong());
        assertTrue(hubs.get(1).get("key_fingerprint").asText().matches("[0-9a-f]{4}(-[0-9a-f]{4}){4}"));
    }
}
