package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.federation.OriginFilter;
import org.tsunagu.node.http.TestClient;

/**
 * The staff console in real headless Chromium against real nodes, as hub staff use it: log in, add a
 * member with mistakes and fix them, import a spreadsheet with errors, approve a follow request, and
 * what an editor sees. Each page is checked with axe-core when it is available ({@link Axe}) and saved
 * as a screenshot in English, Japanese and Thai (target/screenshots/console-*.png).
 */
class ConsoleBrowserTest {
    private static final String ADMIN_PASSWORD = "aiko's long password";
    private static final String EDITOR_PASSWORD = "somchai's long password";

    @TempDir
    static Path dir;

    private static TestNode hub;
    private static TestNode forum;
    private static Browser browser;

    @BeforeAll
    static void start() {
        if (Browser.installed() || Browser.inCi()) {
            Browser.requireChromium();
            hub = TestNode.federating(dir.resolve("hub"), "jp-janic", "JP", UnaryOperator.identity());
            forum = TestNode.federating(dir.resolve("forum"), "ap-forum", "TH", UnaryOperator.identity());
            account(hub, "aiko", "admin", ADMIN_PASSWORD);
            account(hub, "somchai", "editor", EDITOR_PASSWORD);
            browser = Browser.start("en-US,en");
        }
    }

    @BeforeEach
    void needsChromium() {
        Browser.requireChromium();
        browser.driver.manage().deleteAllCookies();
        browser.driver.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (forum != null) {
            forum.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private static void account(TestNode node, String name, String role, String password) {
        TestClient.Reply reply = node.admin.postJson(
                "/admin/v1/accounts",
                "{\"username\": \"" + name + "\", \"role\": \"" + role + "\", \"password\": \"" + password + "\"}");
        assertEquals(201, reply.status(), reply.body());
    }

    private void open(String pathAndQuery) {
        browser.driver.get(hub.server.baseUri().resolve(pathAndQuery).toString());
        browser.await(d -> "1".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    private void login(String name, String password) {
        open("/admin?lang=en");
        browser.await(d -> byId("login-view").isDisplayed());
        byId("login-username").clear();
        byId("login-username").sendKeys(name);
        byId("login-password").sendKeys(password);
        byId("login-password").submit();
    }

    private void loggedIn(String name, String password) {
        login(name, password);
        browser.await(d ->
                byId("members-view").isDisplayed() && byId("who-name").getText().equals(name));
    }

    /** Shows {@code view} in each language, checks it with axe-core and saves a screenshot of each. */
    private void everyLanguage(String view, String readyId) {
        for (String lang : List.of("en", "ja", "th")) {
            open("/admin?lang=" + lang + "#" + view);
            browser.await(d -> byId(readyId).isDisplayed());
            browser.await(
                    d -> d.findElement(By.tagName("html")).getAttribute("lang").equals(lang));
            Axe.check(browser.driver, "console " + view + " (" + lang + ")");
            browser.screenshot("console-" + view + "-" + lang);
        }
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        open("/admin?lang=en#" + view);
        browser.await(d -> byId(readyId).isDisplayed());
        long overflow = (Long) browser.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertTrue(overflow <= 0, view + " scrolls sideways at 390 px by " + overflow + " px");
        browser.screenshot("console-" + view + "-390px");
        browser.driver.manage().window().setSize(new Dimension(1280, 900));
    }

    /** Console errors but the HTTP errors the flows cause on purpose (401, 403, 422 answers). */
    private static List<String> scriptErrors() {
        return browser.consoleErrors().stream()
                .filter(m -> !m.contains("Failed to load resource: the server responded with a status of"))
                .toList();
    }

    @Test
    void login_wrongThenRight_genericMessageThenMembers() {
        login("aiko", "not the password");
        browser.await(d -> !byId("login-error").getText().isEmpty());
        assertEquals("Wrong user name or password.", byId("login-error").getText());
        Axe.check(browser.driver, "console login");
        browser.screenshot("console-login-en");
        login("nobody", "not the password");
        browser.await(d -> !byId("login-error").getText().isEmpty());
        assertEquals("Wrong user name or password.", byId("login-error").getText());

        loggedIn("aiko", ADMIN_PASSWORD);
        String page = browser.driver.getPageSource();
        assertFalse(page.contains(hub.token), "the bearer token is never on a console page");
        assertFalse(page.contains("argon2"), "nor a password hash");
        for (String lang : List.of("ja", "th")) {
            browser.driver.manage().deleteAllCookies();
            open("/admin?lang=" + lang);
            browser.await(d -> byId("login-view").isDisplayed());
            browser.screenshot("console-login-" + lang);
        }
        assertEquals(List.of(), scriptErrors());
    }

    @Test
    void addMember_withMistakes_errorsBesideFieldsThenFixedAndSigned() {
        loggedIn("aiko", ADMIN_PASSWORD);
        byId("member-add").click();
        browser.await(d -> byId("member-form").isDisplayed());
        byId("f-id").sendKeys("shapla");
        byId("f-name").sendKeys("Shapla Neer");
        byId("f-names-ja").sendKeys("シャプラニール");
        byId("f-country").sendKeys("Japan");
        byId("f-website").sendKeys("www shapla example");
        byId("member-form").submit();
        browser.await(d -> !byId("f-website-error").getText().isEmpty());
        assertFalse(byId("f-country-error").getText().isEmpty(), "the country's error is beside the country");
        assertEquals("true", byId("f-website").getAttribute("aria-invalid"));
        assertEquals("", byId("f-name-error").getText(), "a right field has no error");
        assertEquals(
                404,
                hub.anyone.get("/v1/directory/organizations/jp-janic/shapla").status());
        for (String lang : List.of("en")) {
            Axe.check(browser.driver, "member form with errors");
            browser.screenshot("console-member-errors-" + lang);
        }

        byId("f-country").clear();
        byId("f-country").sendKeys("JP");
        byId("f-website").clear();
        byId("f-website").sendKeys("https://shapla.example.org/");
        byId("member-form").submit();
        browser.await(d -> byId("flash").getText().startsWith("Saved and signed: jp-janic/shapla"));
        JsonNode stored =
                hub.anyone.get("/v1/directory/organizations/jp-janic/shapla").json();
        assertEquals("シャプラニール", stored.at("/record/names/ja").asText());
        browser.await(
                d -> d.findElements(By.cssSelector("#members-table tbody tr")).size() == 1);

        // Edit keeps what the form does not show (alternate names set through the API).
        hub.admin.putJson(
                "/admin/v1/organizations/shapla",
                "{\"id\": \"shapla\", \"name\": \"Shapla Neer\", \"country\": \"JP\", \"alternate_names\": [\"SN\"]}");
        open("/admin?lang=en#members");
        browser.await(
                d -> d.findElements(By.cssSelector("#members-table tbody tr")).size() == 1);
        browser.click(By.cssSelector("#members-table tbody tr button.secondary"));
        browser.await(d -> byId("member-form").isDisplayed());
        byId("f-description").sendKeys("Bangladesh and Nepal");
        byId("member-form").submit();
        browser.await(d -> byId("flash").getText().startsWith("Saved and signed"));
        stored = hub.anyone.get("/v1/directory/organizations/jp-janic/shapla").json();
        assertEquals("Bangladesh and Nepal", stored.at("/record/description").asText());
        assertEquals("SN", stored.at("/record/alternate_names/0").asText());

        JsonNode audit = hub.admin.get("/admin/v1/audit").json();
        assertEquals("token", audit.get(1).get("actor").asText());
        assertEquals("aiko", audit.get(0).get("actor").asText());
        assertEquals(
                "PUT /admin/v1/organizations/shapla", audit.get(0).get("action").asText());
        everyLanguage("members", "members-view");
        assertEquals(List.of(), scriptErrors());
    }

    @Test
    void importSpreadsheet_withErrors_tableOfLineColumnMessage_thenPartial() throws IOException {
        Path csv = dir.resolve("members.csv");
        Files.writeString(
                csv,
                "id,name,country,website\n"
                        + "alpha,Alpha Foundation,JP,https://alpha.example.org/\n"
                        + "beta,,JP,\n"
                        + "gamma,Gamma Network,JPN,\n");
        loggedIn("aiko", ADMIN_PASSWORD);
        open("/admin?lang=en#import");
        browser.await(d -> byId("import-view").isDisplayed());
        byId("import-file").sendKeys(csv.toAbsolutePath().toString());
        byId("import-form").submit();
        browser.await(
                d -> !d.findElements(By.cssSelector("#import-result tbody tr")).isEmpty());
        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#import-result tbody tr"));
        assertEquals(2, rows.size());
        assertEquals("3", rows.get(0).findElements(By.tagName("td")).get(0).getText());
        assertEquals("name", rows.get(0).findElements(By.tagName("td")).get(1).getText());
        assertEquals("4", rows.get(1).findElements(By.tagName("td")).get(0).getText());
        assertEquals(
                "country", rows.get(1).findElements(By.tagName("td")).get(1).getText());
        assertTrue(byId("import-result").getText().contains("Nothing was imported"));
        assertEquals(
                404,
                hub.anyone.get("/v1/directory/organizations/jp-janic/alpha").status());
        Axe.check(browser.driver, "import errors");
        browser.screenshot("console-import-errors-en");

        byId("import-partial").click();
        byId("import-form").submit();
        browser.await(d -> byId("import-result").getText().contains("1 created"));
        assertEquals(
                200,
                hub.anyone.get("/v1/directory/organizations/jp-janic/alpha").status());
        assertEquals(
                2,
                browser.driver
                        .findElements(By.cssSelector("#import-result tbody tr"))
                        .size());
        everyLanguage("import", "import-view");
    }

    @Test
    void followRequest_approvedInTheConsole_followerIsServed() {
        forum.node.federation().peers().follow(hub.server.baseUri().toString(), OriginFilter.all());
        loggedIn("aiko", ADMIN_PASSWORD);
        open("/admin?lang=en#federation");
        By approve = By.xpath("//section[@id='federation-view']//tr[td[1]='ap-forum']//button[.='Approve']");
        browser.await(d -> !d.findElements(approve).isEmpty());
        Axe.check(browser.driver, "federation");
        browser.click(approve);
        browser.await(d -> byId("flash").getText().equals("Done."));
        JsonNode subscribers = hub.admin.get("/admin/v1/subscribers").json().get("items");
        assertTrue(
                List.of("approved", "active")
                        .contains(subscribers.get(0).get("status").asText()),
                subscribers.toString());

        // Follow by URL shows the peer's fingerprint to read aloud, and follows it.
        byId("follow-url").sendKeys(forum.server.baseUri().toString());
        byId("follow-form").submit();
        browser.await(d -> !d.findElements(By.id("peer-fingerprint")).isEmpty());
        assertEquals(
                forum.key.publicKey().keyId().fingerprint(),
                byId("peer-fingerprint").getText());
        everyLanguage("federation", "federation-view");
        everyLanguage("accounts", "accounts-view");
        everyLanguage("audit", "audit-view");
        everyLanguage("partnerships", "partnerships-view");
        everyLanguage("erasures", "erasures-view");
        everyLanguage("operations", "operations-view");
        assertFalse(browser.driver.getPageSource().contains(hub.token), "operations shows no token");
        assertFalse(browser.driver.getPageSource().contains("private"), "nor any private key");
    }

    @Test
    void editor_seesNoAdminSections_andTheServerRefusesThem() {
        loggedIn("somchai", EDITOR_PASSWORD);
        assertFalse(byId("nav")
                .findElement(By.cssSelector("a[data-view='federation']"))
                .isDisplayed());
        assertFalse(byId("nav")
                .findElement(By.cssSelector("a[data-view='accounts']"))
                .isDisplayed());
        assertTrue(
                byId("nav").findElement(By.cssSelector("a[data-view='import']")).isDisplayed());
        open("/admin?lang=en#federation");
        browser.await(d -> byId("members-view").isDisplayed());
        assertFalse(byId("federation-view").isDisplayed(), "an editor asking for #federation gets members");
        Object status = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/admin/session').then(r => r.json()).then(me => fetch('/admin/v1/blocks', {method: 'POST',"
                + " headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf},"
                + " body: JSON.stringify({hub: 'ap-forum'})})).then(r => done(r.status));");
        assertEquals(403L, status);
        browser.screenshot("console-editor-en");

        byId("logout").click();
        browser.await(d -> byId("login-view").isDisplayed());
        assertEquals(401, hub.anyone.get("/admin/v1/blocks").status());
    }
}
