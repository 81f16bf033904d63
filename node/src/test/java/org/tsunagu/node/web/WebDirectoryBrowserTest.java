package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.tsunagu.node.TestNode;

/** The web directory in real headless Chromium against a real node. Each test saves a screenshot. */
class WebDirectoryBrowserTest {
    @TempDir
    static Path dir;

    private static TestNode node;
    private static Browser browser;

    @BeforeAll
    static void start() {
        // Without a browser each test reports itself skipped, with the reason (see needsChromium).
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
        browser.driver.manage().window().setSize(new Dimension(1280, 900));
        browser.driver.get(node.server.baseUri().resolve(pathAndQuery).toString());
    }

    /** Result cards once the search has answered (the status line is set last). */
    private List<WebElement> results() {
        browser.await(d -> !d.findElement(By.id("status")).getText().startsWith("Searching"));
        return browser.driver.findElements(By.cssSelector("#results li.result"));
    }

    private List<String> resultNames() {
        return results().stream()
                .map(r -> r.findElement(By.cssSelector(".org-name .name")).getText())
                .collect(Collectors.toList());
    }

    /**
     * Waits until the result list shows exactly {@code names}; the URL, the status line and the
     * previous search's cards all change before (or without) the new answer being on screen.
     */
    private void awaitResults(List<String> names) {
        try {
            browser.await(d -> resultNames().equals(names));
        } catch (org.openqa.selenium.TimeoutException e) {
            assertEquals(names, resultNames(), "results never became what was expected");
        }
    }

    private String query(String name) {
        String raw = URI.create(browser.driver.getCurrentUrl()).getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** What the element shows, on one line (flex layouts break lines between inline parts). */
    private static String text(WebElement element) {
        return element.getText().replaceAll("\\s+", " ").strip();
    }

    private void search(String text) {
        WebElement box = browser.await(d -> d.findElement(By.id("q")));
        box.clear();
        box.sendKeys(text, Keys.ENTER);
        browser.await(d -> text.equals(query("q")));
    }

    @Test
    void search_japaneseText_findsTheJapaneseNameShownInEnglishWithTheOriginalBeside() {
        open("/");
        search("ボランティア");
        // The URL changes before the answer arrives: wait for the results themselves.
        awaitResults(List.of("Japan International Volunteer Center"));
        WebElement first = results().get(0);
        browser.screenshot("search-japanese");
        WebElement original = first.findElement(By.cssSelector(".org-name .original"));
        assertTrue(original.getText().contains("日本国際ボランティアセンター"), original.getText());
        assertEquals("ja", original.getAttribute("lang"));
        assertTrue(text(first).contains("Signed by jp-janic"), text(first));
        assertTrue(text(first).contains("verified"), text(first));
    }

    @Test
    void search_englishText_findsTheThaiOrganisation() {
        open("/");
        search("mekong basin");
        awaitResults(List.of("Mekong Basin Development Foundation"));
        browser.screenshot("search-english");
        WebElement original = results().get(0).findElement(By.cssSelector(".original"));
        assertTrue(original.getText().contains("มูลนิธิเพื่อการพัฒนาลุ่มน้ำโขง"), original.getText());
        assertEquals("th", original.getAttribute("lang"));
    }

    @Test
    void search_linkFromBeforeTheSwitcher_hlStillChoosesTheLanguage() {
        open("/?q=Volunteer&hl=ja");
        awaitResults(List.of("日本国際ボランティアセンター"));
        browser.screenshot("search-viewer-ja");
        assertTrue(browser.driver
                .findElements(By.cssSelector("#results .original"))
                .isEmpty());
        assertEquals("ja", browser.driver.findElement(By.id("lang")).getAttribute("value"));
    }

    @Test
    void language_switchToJapanese_translatesTheInterfaceAndNamesAndKeepsItInTheUrl() {
        open("/?q=Volunteer");
        browser.await(d -> resultNames().equals(List.of("Japan International Volunteer Center")));
        assertEquals(
                "Search",
                browser.driver.findElement(By.cssSelector("#search button")).getText());
        new Select(browser.driver.findElement(By.id("lang"))).selectByValue("ja");
        browser.await(d -> "ja".equals(query("lang")));
        browser.await(d -> resultNames().equals(List.of("日本国際ボランティアセンター")));
        browser.screenshot("language-ja");
        assertJapaneseInterface();
        assertEquals("Volunteer", query("q"), "the search stays as it was");

        new Select(browser.driver.findElement(By.id("lang"))).selectByValue("th");
        browser.await(d -> "th".equals(query("lang")));
        browser.await(d ->
                "ค้นหา".equals(d.findElement(By.cssSelector("#search button")).getText()));
        assertEquals("th", browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
    }

    @Test
    void language_bookmarkedJapaneseSearch_restoresLanguageAndSearch() {
        // Opened afresh in an English browser: the link, not the browser, decides.
        open("/?lang=ja&q=" + java.net.URLEncoder.encode("ボランティア", StandardCharsets.UTF_8));
        browser.await(d -> resultNames().equals(List.of("日本国際ボランティアセンター")));
        browser.screenshot("language-ja-bookmark");
        assertJapaneseInterface();
        assertEquals("ボランティア", browser.driver.findElement(By.id("q")).getAttribute("value"));
        assertEquals("ja", browser.driver.findElement(By.id("lang")).getAttribute("value"));
        // Links on the page carry the choice on.
        String href = results().get(0).findElement(By.cssSelector("a")).getAttribute("href");
        assertTrue(href.contains("lang=ja"), href);
        results().get(0).findElement(By.cssSelector("a")).click();
        browser.await(d -> text(d.findElement(By.id("detail-view"))).contains("登録情報"));
        browser.await(d ->
                !d.findElements(By.cssSelector(".partnership.status-confirmed")).isEmpty());
        browser.screenshot("language-ja-detail");
        String detail = text(browser.driver.findElement(By.id("detail-view")));
        assertTrue(detail.contains("すべての当事者のハブが確認済み") && detail.contains("署名を検証済み"), detail);
    }

    @Test
    void language_japaneseBrowser_getsTheJapaneseInterfaceWithoutAsking() {
        try (Browser japanese = Browser.start("ja-JP,ja,en")) {
            japanese.driver.get(node.server.baseUri().resolve("/").toString());
            japanese.await(d ->
                    "検索".equals(d.findElement(By.cssSelector("#search button")).getText()));
            japanese.await(
                    d -> !d.findElements(By.cssSelector("#results li.result")).isEmpty());
            japanese.screenshot("language-ja-browser");
            assertEquals("ja", japanese.driver.findElement(By.id("lang")).getAttribute("value"));
            assertFalse(japanese.driver.getCurrentUrl().contains("lang="), "a choice nobody made is not in the URL");
        }
    }

    /** The chrome in Japanese: navigation, button, filter labels and options, status line. */
    private void assertJapaneseInterface() {
        assertEquals("ja", browser.driver.findElement(By.tagName("html")).getAttribute("lang"));
        assertEquals(
                "検索",
                browser.driver.findElement(By.cssSelector("#search button")).getText());
        assertEquals(
                "団体",
                browser.driver
                        .findElement(By.cssSelector("nav [data-nav=search]"))
                        .getText());
        assertEquals(
                "ハブ",
                browser.driver
                        .findElement(By.cssSelector("nav [data-nav=hubs]"))
                        .getText());
        String filters = text(browser.driver.findElement(By.cssSelector(".filters")));
        assertTrue(filters.contains("国") && filters.contains("分野") && filters.contains("言語"), filters);
        browser.await(d -> new Select(d.findElement(By.name("country")))
                .getOptions()
                .get(0)
                .getText()
                .equals("すべての国"));
        browser.await(d -> d.findElement(By.id("status")).getText().equals("1 団体"));
        assertTrue(
                browser.driver
                        .findElement(By.id("q"))
                        .getAttribute("placeholder")
                        .contains("名称"),
                browser.driver.findElement(By.id("q")).getAttribute("placeholder"));
    }

    @Test
    void filter_countryWithCounts_narrowsResultsAndLivesInTheUrl() {
        open("/");
        WebElement country = browser.driver.findElement(By.name("country"));
        Select select = new Select(country);
        browser.await(
                d -> select.getOptions().stream().anyMatch(o -> o.getText().equals("Thailand (1)")));
        assertTrue(
                select.getOptions().stream().anyMatch(o -> o.getText().equals("Japan (3)")),
                select.getOptions().stream().map(WebElement::getText).collect(Collectors.joining(", ")));
        select.selectByValue("TH");
        // The URL changes before the filtered answer arrives: wait for the results themselves.
        awaitResults(List.of("Mekong Basin Development Foundation"));
        assertEquals("TH", query("country"));
        browser.await(
                d -> new Select(d.findElement(By.name("sector"))).getOptions().size() > 1);
        browser.screenshot("filter-country");
        // The sector filter names its codes: 31120 is "Agricultural development".
        assertTrue(new Select(browser.driver.findElement(By.name("sector")))
                .getOptions().stream().anyMatch(o -> o.getText().startsWith("Agricultural development")));
        assertTrue(browser.driver.findElement(By.id("chips")).getText().contains("Country: Thailand"));
        assertTrue(browser.driver
                .findElement(By.id("export-csv"))
                .getAttribute("href")
                .contains("country=TH"));

        // The same URL, opened afresh (a bookmark), shows the same page.
        String bookmark = browser.driver.getCurrentUrl();
        browser.driver.get(bookmark);
        awaitResults(List.of("Mekong Basin Development Foundation"));
        assertEquals(
                "TH",
                new Select(browser.driver.findElement(By.name("country")))
                        .getFirstSelectedOption()
                        .getAttribute("value"));
    }

    @Test
    void detail_jvc_showsEveryFieldProvenanceAndAConfirmedPartnership() {
        open("/");
        search("JVC");
        results().get(0).findElement(By.cssSelector("a")).click();
        browser.await(d -> "jp-janic/jvc".equals(query("org")));
        WebElement confirmed = browser.await(d -> d.findElement(By.cssSelector(".partnership.status-confirmed")));
        browser.await(d -> text(confirmed).contains("Mekong Basin Development Foundation"));
        browser.screenshot("detail-partnership");
        assertTrue(text(confirmed).contains("Mekong flood response 2026"), text(confirmed));
        assertTrue(text(confirmed).contains("Implementing"), "role named: " + text(confirmed));
        assertTrue(text(confirmed).contains("endorsed by th-ngocoord"), text(confirmed));
        WebElement announced = browser.driver.findElement(By.cssSelector(".partnership.status-announced"));
        assertTrue(text(announced).contains("awaiting endorsement by th-ngocoord"), text(announced));

        String page = browser.driver.findElement(By.id("detail-view")).getText();
        for (String field : List.of(
                "JP-JCN-3000020278670",
                "Cambodia (KH)",
                "National NGO (22)",
                "Human rights",
                "Japanese (ja)",
                "認定NPO法人",
                "1980",
                "https://www.example.org/jvc",
                "JVC")) {
            assertTrue(page.contains(field), field + " in " + page);
        }
        WebElement provenance = browser.driver.findElement(By.cssSelector(".provenance"));
        assertTrue(text(provenance).contains("Signature verified"), text(provenance));
        assertTrue(text(provenance).contains("Signed by jp-janic"), text(provenance));
        assertTrue(text(provenance).contains("ed25519:"), text(provenance));
        assertEquals("detail-title", browser.driver.switchTo().activeElement().getAttribute("id"));
    }

    @Test
    void injection_recordWithMarkupAndScript_isShownAsText() {
        open("/?q=" + java.net.URLEncoder.encode("img", StandardCharsets.UTF_8));
        awaitResults(List.of(WebFixture.INJECTION));
        results().get(0).findElement(By.cssSelector("a")).click();
        browser.await(d -> d.findElements(By.cssSelector(".description p")).size() > 0);
        browser.screenshot("injection-as-text");
        assertEquals(
                WebFixture.INJECTION,
                browser.driver
                        .findElement(By.cssSelector("#detail-title .name"))
                        .getText());
        assertEquals(
                WebFixture.INJECTION_DESCRIPTION,
                browser.driver.findElement(By.cssSelector(".description p")).getText());
        assertNull(browser.driver.executeScript("return window.__pwned === undefined ? null : window.__pwned;"));
        assertEquals(
                0L,
                browser.driver.executeScript(
                        "return document.querySelectorAll('main img, main script, main b, a[href^=javascript]').length;"));
    }

    @Test
    void keyboard_searchThenOpenAResult_worksWithoutAMouse() {
        open("/");
        WebElement box = browser.driver.findElement(By.id("q"));
        box.click();
        box.sendKeys("Shapla", Keys.ENTER);
        // Shapla's card, not the full list the page showed before the search answered.
        browser.await(d -> resultNames().size() == 1 && resultNames().get(0).contains("Shapla"));
        // From the search box, Tab moves through the form (and the map's few controls) to the first result.
        WebElement target = results().get(0).findElement(By.cssSelector("a"));
        for (int i = 0; i < 16 && !target.equals(browser.driver.switchTo().activeElement()); i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertEquals(target, browser.driver.switchTo().activeElement());
        target.sendKeys(Keys.ENTER);
        browser.await(d -> "jp-janic/shapla".equals(query("org")));
        browser.await(d -> "detail-title".equals(d.switchTo().activeElement().getAttribute("id")));
        browser.screenshot("keyboard-detail");
        browser.driver.navigate().back();
        browser.await(d -> query("org") == null && !resultNames().isEmpty());
    }

    @Test
    void everyView_underTheStrictPolicy_logsNoConsoleError() {
        open("/");
        // The console is really read: a probe error shows up.
        browser.driver.executeScript("console.error('probe');");
        assertTrue(browser.consoleErrors().stream().anyMatch(m -> m.contains("probe")));
        for (String path :
                List.of("/", "/?q=JVC&country=JP", "/?org=jp-janic%2Fjvc", "/?org=jp-janic%2Fevil", "/hubs")) {
            open(path);
            browser.await(d -> ((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript("return document.querySelector('.loading') === null"
                            + " && !document.getElementById('status').textContent.startsWith('Searching');"));
        }
        browser.screenshot("hubs-after-tour");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void phoneWidth_searchPage_fitsWithoutSideways() {
        browser.driver.get(node.server
                .baseUri()
                .resolve("/?q=%E3%83%9C%E3%83%A9%E3%83%B3%E3%83%86%E3%82%A3%E3%82%A2")
                .toString());
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.await(d -> !resultNames().isEmpty());
        browser.screenshot("phone-search");
        Object overflow = browser.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, overflow, "no horizontal scrolling at phone width");
    }

    @Test
    void hubs_page_listsHubsWithFingerprintsAndFollowState() {
        open("/hubs");
        WebElement table = browser.await(d -> d.findElement(By.cssSelector("table.hubs")));
        browser.screenshot("hubs");
        List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
        assertEquals("jp-janic", rows.get(0).getAttribute("data-hub"), "this node first");
        assertTrue(text(rows.get(0)).toLowerCase(java.util.Locale.ROOT).contains("this node"), text(rows.get(0)));
        String th = text(rows.get(1));
        assertTrue(th.contains("th-ngocoord"), th);
        assertTrue(
                th.contains(node.node
                        .keys()
                        .currentKey(org.tsunagu.protocol.HubId.of("th-ngocoord"))
                        .orElseThrow()
                        .fingerprint()),
                th);
        assertTrue(th.contains("#3"), "head seq: " + th);
        assertFalse(browser.driver.findElement(By.id("hubs-view")).getText().contains("Needs attention"));
    }
}
