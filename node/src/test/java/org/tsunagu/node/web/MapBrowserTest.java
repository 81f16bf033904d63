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
import org.openqa.selenium.WebElement;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.UpdateType;

/**
 * The directory's map in real headless Chromium: what it shades is what the aggregates endpoint
 * names, a click on a country filters the search, and nothing breaks the page's policy.
 */
class MapBrowserTest {
    @TempDir
    static Path dir;

    private static TestNode node;
    private static Browser browser;

    @BeforeAll
    static void start() {
        if (Browser.installed() || Browser.inCi()) {
            Browser.requireChromium();
            node = WebFixture.start(dir);
            // A Burmese record working in Myanmar and Thailand, with a geocoded office, and one from a
            // Pacific state too small to see at world scale.
            node.node.publisher().publish(UpdateType.ORG_UPSERT, TestHub.json("""
                    {"id": "kwn", "name": "ကရင်အမျိုးသမီးအစည်းအရုံး", "names": {"en": "Karen Women Network"},
                     "country": "MM", "countries_of_operation": ["MM", "TH"], "sectors": ["12220"],
                     "locations": [{"city": "Mawlamyine", "region": "Mon", "latitude": 16.49, "longitude": 97.63}]}
                    """));
            node.node.publisher().publish(UpdateType.ORG_UPSERT, TestHub.json("""
                    {"id": "nauru-women", "name": "Nauru Island Women's Council", "country": "NR", "sectors": ["15170"]}
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
        browser.driver.manage().window().setSize(new Dimension(1280, 1400));
        browser.driver.get(node.server.baseUri().resolve(pathAndQuery).toString());
    }

    /** Countries the API counts for a search, by the aggregate named ({@code country} or the other). */
    private Set<String> apiCountries(String query, String aggregate) {
        JsonNode counts =
                node.anyone.get("/v1/directory/aggregates" + query).json().get(aggregate);
        Set<String> codes = new TreeSet<>();
        counts.fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                codes.add(e.getKey());
            }
        });
        return codes;
    }

    /** Countries the map shades once it has drawn this search (its list says which search it shows). */
    private Set<String> shaded(Set<String> expected) {
        try {
            browser.await(d -> shadedNow().equals(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            // fall through: the assertion below shows the difference
        }
        return shadedNow();
    }

    private Set<String> shadedNow() {
        return browser.driver.findElements(By.cssSelector("#map .country.shaded")).stream()
                .map(e -> e.getAttribute("data-country"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void map_everything_shadesExactlyTheCountriesTheAggregatesName() {
        open("/");
        Set<String> api = apiCountries("", "country");
        assertEquals(Set.of("JP", "MM", "NR", "TH"), api);
        assertEquals(api, shaded(api));
        // Nauru is too small to see: it gets a circle, and the list names it.
        WebElement dot = browser.await(d -> d.findElement(By.cssSelector("#map .country-dot.shaded[data-country=NR]")));
        assertTrue(dot.isDisplayed());
        assertEquals(
                "Countries (4)",
                browser.driver.findElement(By.id("map-summary")).getText());
        List<String> listed = browser.driver.findElements(By.cssSelector("#map-list li")).stream()
                .map(li -> li.getAttribute("data-country"))
                .toList();
        assertEquals(api, new TreeSet<>(listed));
        assertEquals("JP", listed.get(0), "largest first");
        assertEquals(
                1,
                browser.driver.findElements(By.cssSelector("#map .org-point")).size(),
                "the geocoded office");
        browser.screenshot("map-en");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void map_worksInMode_shadesCountriesOfOperation() {
        open("/?map=operations");
        Set<String> api = apiCountries("", "countries_of_operation");
        assertEquals(Set.of("AF", "KH", "LA", "MM", "TH"), api);
        assertEquals(api, shaded(api));
    }

    @Test
    void map_clickOnACountry_filtersTheSearchToIt() {
        open("/");
        shaded(apiCountries("", "country"));
        browser.click(By.cssSelector("#map .country.shaded[data-country=TH]"));
        browser.await(d -> d.getCurrentUrl().contains("country=TH"));
        Set<String> api = apiCountries("?country=TH", "country");
        assertEquals(Set.of("TH"), api);
        assertEquals(api, shaded(api));
        browser.await(d -> d.findElements(By.cssSelector("#results li.result")).size() == 1);
        // The small state is reached through the list as well.
        open("/");
        shaded(apiCountries("", "country"));
        browser.click(By.id("map-summary")); // the list is folded
        browser.await(d -> {
                    WebElement link = d.findElement(By.cssSelector("#map-list li[data-country=NR] a"));
                    return link.isDisplayed() ? link : null;
                })
                .click();
        browser.await(d -> d.getCurrentUrl().contains("country=NR"));
        assertEquals(Set.of("NR"), shaded(Set.of("NR")));
    }

    @Test
    void map_inJapaneseAndThai_screenshots() {
        for (String lang : List.of("ja", "th")) {
            open("/?lang=" + lang);
            shaded(apiCountries("", "country"));
            browser.await(d -> !d.findElement(By.id("map-legend")).getText().isEmpty());
            browser.screenshot("map-" + lang);
        }
        assertEquals(List.of(), browser.consoleErrors());
    }
}
