package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.UpdateType;

/**
 * The search page's partnership network in real headless Chromium: a node per organisation of the
 * search and an edge per partnership among them (the API's confirmed ones solid, the pending one
 * dashed); past 500 organisations one node per hub with the partnerships between hubs counted.
 */
class NetworkBrowserTest {
    @TempDir
    static Path dir;

    private static TestNode node;
    private static Browser browser;

    @BeforeAll
    static void start() {
        if (Browser.installed() || Browser.inCi()) {
            Browser.requireChromium();
            node = WebFixture.start(dir);
            browser = Browser.start("en-US,en");
        }
    }

    @BeforeEach
    void needsChromium() {
        Browser.requireChromium();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private void open(String pathAndQuery) {
        browser.driver.manage().window().setSize(new Dimension(1280, 1600));
        browser.driver.get(node.server.baseUri().resolve(pathAndQuery).toString());
    }

    private Set<String> shown(String selector, String attribute) {
        return browser.driver.findElements(By.cssSelector(selector)).stream()
                .map(e -> e.getAttribute(attribute))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The search's confirmed partnerships by the partnership API: both parties among its matches. */
    private Set<String> apiConfirmed(String search) {
        Set<String> matches = new TreeSet<>();
        node.anyone
                .get("/v1/directory/organizations?limit=100" + search)
                .json()
                .get("items")
                .forEach(o -> matches.add(o.get("global_id").asText()));
        Set<String> confirmed = new TreeSet<>();
        for (JsonNode p : node.anyone
                .get("/v1/directory/partnerships?status=confirmed&limit=100")
                .json()
                .get("items")) {
            long listed = 0;
            for (JsonNode party : p.get("record").get("parties")) {
                listed += matches.contains(party.get("organization").asText()) ? 1 : 0;
            }
            if (listed >= 2) {
                confirmed.add(p.get("global_id").asText());
            }
        }
        return confirmed;
    }

    @Test
    void network_ofTheSearch_nodesAndEdgesAsTheApiSays_thenGroupedByHubPast500() {
        open("/");
        browser.await(
                d -> !d.findElements(By.cssSelector("#search-network .node")).isEmpty());
        Set<String> all = new TreeSet<>();
        node.anyone
                .get("/v1/directory/organizations?limit=100")
                .json()
                .get("items")
                .forEach(o -> all.add(o.get("global_id").asText()));
        assertEquals(all, shown("#search-network .node", "data-org"), "a node per organisation of the search");
        assertEquals(Set.of("jp-janic/flood-2026"), apiConfirmed(""));
        assertEquals(
                apiConfirmed(""),
                shown("#search-network line.edge-confirmed", "data-partnership"),
                "solid: the API's confirmed partnerships");
        assertEquals(Set.of("jp-janic/seeds-mou"), shown("#search-network line.edge-pending", "data-partnership"));
        browser.screenshot("network-en");
        for (String lang : List.of("ja", "th")) {
            open("/?lang=" + lang);
            browser.await(d ->
                    d.findElements(By.cssSelector("#search-network line.edge")).size() == 2);
            browser.screenshot("network-" + lang);
        }

        // Japan alone: no partnership among its organisations, so no network.
        open("/?country=JP");
        browser.await(d -> !d.findElements(By.cssSelector("#results li")).isEmpty());
        browser.await(d ->
                d.findElement(By.id("network-note")).getAttribute("textContent").startsWith("0 "));
        assertTrue(!browser.driver.findElement(By.id("network-panel")).isDisplayed());

        // 501 more Japanese organisations in rural development (31120, as jvc and mekong are).
        for (int i = 0; i < 501; i++) {
            var body = TestHub.org("bulk-" + i, "Bulk " + i, "JP");
            body.putArray("sectors").add("31120");
            node.node.publisher().publish(UpdateType.ORG_UPSERT, body);
        }
        open("/?sector=31120");
        browser.await(d -> !d.findElements(By.cssSelector("#search-network[data-grouped-by='hub'] .node"))
                .isEmpty());
        assertEquals(Set.of("jp-janic", "th-ngocoord"), shown("#search-network .node", "data-hub"));
        assertEquals(Set.of("1"), shown("#search-network line.edge-confirmed", "data-count"));
        assertEquals(Set.of("1"), shown("#search-network line.edge-pending", "data-count"));
        assertTrue(browser.driver
                .findElement(By.cssSelector("#search-network .node[data-hub='jp-janic'] text"))
                .getText()
                .contains("502"));
        browser.screenshot("network-grouped");
        browser.click(By.cssSelector("#search-network .node[data-hub='th-ngocoord'] circle"));
        browser.await(d -> d.getCurrentUrl().contains("hub=th-ngocoord"));
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void search_placeOrganisationsWorkInFromTheUrl_filtersEveryRequestAndShowsAChip() {
        open("/?operates_in=KH");
        browser.await(d -> d.findElement(By.id("chips")).getText().contains("Working in: Cambodia"));
        Object asked = browser.await(d -> ((JavascriptExecutor) d)
                .executeScript("const n = performance.getEntriesByType('resource').map(r => r.name)"
                        + ".filter(n => n.includes('/v1/directory/network')); return n.length ? n.join(' ') : null;"));
        assertTrue(asked.toString().contains("operates_in=KH"), asked.toString());
        String organisations = String.valueOf(((JavascriptExecutor) browser.driver)
                .executeScript("return performance.getEntriesByType('resource').map(r => r.name)"
                        + ".filter(n => n.includes('/v1/directory/organizations')).join(' ');"));
        assertTrue(organisations.contains("operates_in=KH"), organisations);
    }
}
