package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
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
import org.tsunagu.node.TestNode;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.log.KeySource;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.UpdateType;

/**
 * The crisis view in real headless Chromium: Myanmar organisations from two hubs, based there or
 * working there from Japan (each row says which), their partnership, each hub's freshness, the HXL
 * link of the same query, and the URL surviving a reload.
 */
class CrisisBrowserTest {
    @TempDir
    static Path dir;

    private static TestNode node;
    private static Browser browser;

    @BeforeAll
    static void start() {
        if (Browser.installed() || Browser.inCi()) {
            Browser.requireChromium();
            node = WebFixture.start(dir);
            node.node.publisher().publish(UpdateType.ORG_UPSERT, TestHub.json("""
                    {"id": "yangon-shelter", "name": "ရန်ကုန် အိုးအိမ်နှင့် ဘေးအန္တရာယ် ကူညီရေးအဖွဲ့",
                     "names": {"en": "Yangon Shelter and Disaster Aid Group"}, "country": "MM",
                     "sectors": ["72010", "73010"],
                     "locations": [{"city": "Yangon", "region": "Yangon", "latitude": 16.84, "longitude": 96.17}]}
                    """));
            // Based in Japan, working in Myanmar: a responder the view must list too.
            node.node.publisher().publish(UpdateType.ORG_UPSERT, TestHub.json("""
                    {"id": "relief-asia", "name": "アジア緊急救援ネットワーク",
                     "names": {"en": "Asia Emergency Relief Network"}, "country": "JP",
                     "countries_of_operation": ["MM", "NP"], "sectors": ["72010"]}
                    """));
            TestHub mm = new TestHub("mm-forum", 77);
            node.node.keys().pin(mm.id, mm.key.publicKey().keyId(), KeySource.PEER_PINNED);
            IngestReport report = new Ingestor(node.node.database(), Clock.systemUTC(), origin -> false)
                    .ingest(List.of(
                            mm.profile(),
                            mm.next(UpdateType.ORG_UPSERT, TestHub.json("""
                                    {"id": "kayin-health", "name": "ကရင်ပြည်နယ် ကျန်းမာရေး ကွန်ရက်",
                                     "names": {"en": "Kayin State Community Health Network"}, "country": "MM",
                                     "sectors": ["12220", "72010"],
                                     "locations": [{"city": "Hpa-An", "region": "Kayin"}]}
                                    """)),
                            mm.next(UpdateType.ORG_UPSERT, TestHub.json("""
                                    {"id": "mandalay-schools", "name": "Mandalay Schools Trust", "country": "MM",
                                     "sectors": ["11220"]}
                                    """))));
            assertTrue(report.clean(), report.toString());
            // Cyclone response: announced on jp-janic, co-signed by mm-forum (confirmed). A school
            // partnership announced but not yet co-signed (pending).
            org.tsunagu.protocol.Envelope cyclone =
                    node.node.publisher().publish(UpdateType.PARTNERSHIP_ANNOUNCE, TestHub.json("""
                    {"id": "cyclone-2026", "kind": "joint_response", "title": "Cyclone response 2026",
                     "parties": [{"organization": "jp-janic/yangon-shelter", "hub": "jp-janic"},
                                 {"organization": "mm-forum/kayin-health", "hub": "mm-forum"}]}
                    """));
            IngestReport endorsed = new Ingestor(node.node.database(), Clock.systemUTC(), origin -> false)
                    .ingest(List.of(mm.next(
                            UpdateType.PARTNERSHIP_ENDORSE,
                            TestHub.json("{\"partnership\": \"jp-janic/cyclone-2026\", \"announcement\": \""
                                    + cyclone.hash() + "\"}"))));
            assertTrue(endorsed.clean(), endorsed.toString());
            node.node.publisher().publish(UpdateType.PARTNERSHIP_ANNOUNCE, TestHub.json("""
                    {"id": "schools-mou", "kind": "mou", "title": "Temporary learning spaces",
                     "parties": [{"organization": "jp-janic/yangon-shelter", "hub": "jp-janic"},
                                 {"organization": "mm-forum/mandalay-schools", "hub": "mm-forum"}]}
                    """));
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
        browser.driver.manage().window().setSize(new Dimension(1280, 1200));
        browser.driver.get(node.server.baseUri().resolve(pathAndQuery).toString());
    }

    private Set<String> shown(String selector, String attribute) {
        browser.await(d -> !d.findElements(By.id("crisis-summary")).isEmpty());
        return browser.driver.findElements(By.cssSelector(selector)).stream()
                .map(e -> e.getAttribute(attribute))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void crisis_countryAndSector_listsEveryHubsOrganisationsPartnershipsAndFreshness_andSurvivesAReload() {
        open("/crisis?country=MM&sector=720");
        Set<String> expected = Set.of("jp-janic/yangon-shelter", "mm-forum/kayin-health", "jp-janic/relief-asia");
        assertEquals(expected, shown("#crisis-view tr[data-org]", "data-org"));
        assertEquals(
                Set.of("jp-janic/relief-asia"),
                shown("#crisis-view tr[data-presence='operating']", "data-org"),
                "working in Myanmar, based in Japan, and marked so");
        assertTrue(browser.driver
                .findElement(By.cssSelector("tr[data-org='jp-janic/relief-asia'] .pill-operating"))
                .getAttribute("textContent")
                .contains("based in Japan"));
        assertEquals(Set.of("jp-janic", "mm-forum"), shown("#crisis-hubs tr[data-hub]", "data-hub"));
        // Both partnerships of the listed organisations, whoever the other party is.
        assertEquals(Set.of("confirmed", "announced"), shown("#crisis-partnerships li", "data-status"));
        assertTrue(
                browser.driver
                        .findElement(By.id("crisis-hxl"))
                        .getAttribute("href")
                        .endsWith("/v1/directory/export.hxl.csv?operates_in=MM&sector=720"),
                "the HXL export of the same query");
        String url = browser.driver.getCurrentUrl();
        browser.screenshot("crisis-en");

        browser.driver.navigate().refresh();
        browser.await(
                d -> d.findElements(By.cssSelector("#crisis-view tr[data-org]")).size() == 3);
        assertEquals(url, browser.driver.getCurrentUrl());
        assertEquals(expected, shown("#crisis-view tr[data-org]", "data-org"));
        assertEquals(List.of(), browser.consoleErrors());
    }

    /** Confirmed partnerships the API names for these organisations, each once. */
    private Set<String> apiConfirmed(Set<String> organisations) {
        Set<String> ids = new TreeSet<>();
        for (String org : organisations) {
            node.anyone
                    .get("/v1/directory/partnerships?status=confirmed&organization=" + org)
                    .json()
                    .get("items")
                    .forEach(p -> ids.add(p.get("global_id").asText()));
        }
        return ids;
    }

    @Test
    void network_edges_equalThePartnershipsAmongTheListed_confirmedSolidPendingDashed() {
        open("/crisis?country=MM");
        Set<String> listed = shown("#crisis-view tr[data-org]", "data-org");
        assertEquals(4, listed.size());
        assertEquals(listed, shown("#crisis-network .node", "data-org"), "a node per listed organisation");
        assertEquals(
                apiConfirmed(listed),
                shown("#crisis-network line.edge-confirmed", "data-partnership"),
                "solid edges: the API's confirmed partnerships");
        assertEquals(
                Set.of("jp-janic/schools-mou"),
                shown("#crisis-network line.edge-pending", "data-partnership"),
                "dashed: awaiting co-signature");
        assertEquals(
                2,
                browser.driver
                        .findElements(By.cssSelector("#crisis-network line.edge"))
                        .size());
        browser.screenshot("crisis-network");
        browser.click(By.cssSelector("#crisis-network .node[data-org='mm-forum/kayin-health'] circle"));
        browser.await(d -> d.getCurrentUrl().contains("org=mm-forum%2Fkayin-health"));
    }

    @Test
    void crisis_region_narrowsToLocationsThatNameIt() {
        open("/crisis?country=MM&region=Kayin");
        assertEquals(Set.of("mm-forum/kayin-health"), shown("#crisis-view tr[data-org]", "data-org"));
    }

    @Test
    void crisis_fromTheSearch_isLinkedWhenACountryIsChosen() {
        open("/?country=MM&sector=720");
        browser.await(d -> d.findElement(By.id("crisis-link")).isDisplayed());
        browser.click(By.id("crisis-link"));
        browser.await(d -> d.getCurrentUrl().contains("/crisis?country=MM&sector=720"));
        assertEquals(3, shown("#crisis-view tr[data-org]", "data-org").size());
    }

    @Test
    void crisis_inJapaneseAndThai_screenshots() {
        for (String lang : List.of("ja", "th")) {
            open("/crisis?country=MM&lang=" + lang);
            assertEquals(4, shown("#crisis-view tr[data-org]", "data-org").size());
            browser.screenshot("crisis-" + lang);
        }
        assertEquals(List.of(), browser.consoleErrors());
    }
}
