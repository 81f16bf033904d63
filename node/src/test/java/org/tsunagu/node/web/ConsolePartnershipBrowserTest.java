package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.federation.OriginFilter;
import org.tsunagu.node.http.TestClient;

/**
 * A partnership across three real nodes, through two hubs' consoles: Japan's admin announces it with
 * parties picked from the federated directory, Thailand's editor finds it waiting for Thailand's
 * signature and endorses it, and the regional forum, which follows both, shows it confirmed. And one
 * sealed to the other party's hub with the form's audience picker, which the forum cannot read.
 */
class ConsolePartnershipBrowserTest {
    /** A sealed partnership's title: a word no other byte sequence of a node spells. */
    private static final String SECRET_TITLE = "Zorvaleth safe house referrals";

    @TempDir
    Path dir;

    private static void follow(TestNode follower, TestNode peer) {
        String peerUrl = peer.server.baseUri().toString();
        follower.node.federation().peers().add(peerUrl, null);
        peer.node.federation().peers().add(follower.server.baseUri().toString(), null);
        follower.node.federation().peers().follow(peerUrl, OriginFilter.all());
    }

    private static void account(TestNode node, String name, String role) {
        TestClient.Reply reply = node.admin.postJson(
                "/admin/v1/accounts",
                "{\"username\": \"" + name + "\", \"role\": \"" + role + "\", \"password\": \"" + name
                        + " has a long password\"}");
        assertEquals(201, reply.status(), reply.body());
    }

    private static String status(TestNode node, String globalId) {
        TestClient.Reply reply = node.anyone.get("/v1/directory/partnerships/" + globalId);
        return reply.status() == 200 ? reply.json().get("status").asText() : "absent";
    }

    private static void logIn(Browser browser, TestNode node, String name) {
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(node.server.baseUri().resolve("/admin?lang=en").toString());
        browser.await(d -> d.findElement(By.id("login-view")).isDisplayed());
        browser.driver.findElement(By.id("login-username")).sendKeys(name);
        browser.driver.findElement(By.id("login-password")).sendKeys(name + " has a long password");
        browser.driver.findElement(By.id("login-password")).submit();
        browser.await(d -> d.findElement(By.id("members-view")).isDisplayed());
    }

    private static void pick(Browser browser, String picker, String query, String globalId) {
        browser.driver.findElement(By.id(picker + "-q")).sendKeys(query);
        browser.click(By.xpath("//input[@id='" + picker + "-q']/following-sibling::button"));
        By choice = By.xpath("//ul[preceding-sibling::div/input[@id='" + picker + "-q']]//button[contains(., '("
                + globalId + ")')]");
        browser.await(d -> !d.findElements(choice).isEmpty());
        browser.click(choice);
        browser.await(d -> d.findElement(By.id(picker + "-chosen")).getText().contains(globalId));
    }

    @Test
    void partnership_announcedOnJapanEndorsedOnThailand_confirmedOnTheForum() {
        Browser.requireChromium();
        try (TestNode jp = TestNode.federating(dir.resolve("jp"), "jp-janic", "JP", UnaryOperator.identity());
                TestNode th = TestNode.federating(dir.resolve("th"), "th-ngocoord", "TH", UnaryOperator.identity());
                TestNode forum = TestNode.federating(dir.resolve("forum"), "ap-forum", "TH", UnaryOperator.identity());
                Browser browser = Browser.start("en-US,en")) {
            follow(jp, th);
            follow(th, jp);
            follow(forum, jp);
            follow(forum, th);
            account(jp, "aiko", "admin");
            account(th, "somchai", "editor");
            assertEquals(
                    201,
                    jp.admin
                            .postJson(
                                    "/admin/v1/organizations",
                                    "{\"id\": \"jvc\", \"name\": \"Japan International Volunteer Center\", \"country\": \"JP\"}")
                            .status());
            assertEquals(
                    201,
                    th.admin
                            .postJson(
                                    "/admin/v1/organizations",
                                    "{\"id\": \"mekong\", \"name\": \"Mekong Basin Foundation\", \"country\": \"TH\"}")
                            .status());
            browser.await(d -> jp.anyone
                            .get("/v1/directory/organizations/th-ngocoord/mekong")
                            .status()
                    == 200);

            logIn(browser, jp, "aiko");
            browser.driver.get(
                    jp.server.baseUri().resolve("/admin?lang=en#partnerships").toString());
            browser.await(d -> d.findElement(By.id("announce")).isDisplayed());
            browser.driver.findElement(By.id("p-id")).sendKeys("flood-2026");
            browser.driver.findElement(By.id("p-title")).sendKeys("Mekong flood response 2026");
            pick(browser, "p-a", "Volunteer", "jp-janic/jvc");
            pick(browser, "p-b", "Mekong", "th-ngocoord/mekong");
            browser.driver.findElement(By.id("announce")).submit();
            browser.await(d -> !d.findElement(By.id("flash")).getText().isEmpty()
                    || !d.findElement(By.id("p-errors")).getText().isEmpty());
            assertEquals(
                    "Announced jp-janic/flood-2026.",
                    browser.driver.findElement(By.id("flash")).getText(),
                    browser.driver.findElement(By.id("p-errors")).getText());
            Axe.check(browser.driver, "partnerships after announcing");
            browser.screenshot("console-partnership-announced-en");
            assertEquals("announced", status(jp, "jp-janic/flood-2026"));

            browser.await(d -> !"absent".equals(status(th, "jp-janic/flood-2026")));
            logIn(browser, th, "somchai");
            browser.driver.get(
                    th.server.baseUri().resolve("/admin?lang=th#partnerships").toString());
            By endorse = By.xpath("//section[@id='partnerships-view']//tr[td[2]='jp-janic/flood-2026']//button");
            browser.await(d -> !d.findElements(endorse).isEmpty());
            browser.screenshot("console-partnership-waiting-th");
            browser.click(endorse);
            browser.await(d -> "confirmed".equals(status(th, "jp-janic/flood-2026")));
            browser.await(d -> "confirmed".equals(status(forum, "jp-janic/flood-2026")));
            browser.await(d -> "confirmed".equals(status(jp, "jp-janic/flood-2026")));
        }
    }

    /**
     * Sealed from the console (SPEC §6.5, §6.10): Japan's admin announces a partnership sealed to the
     * other party's hub with the form's audience picker; the forum, which follows Japan and is no
     * recipient, holds it by id and kind only. Editing brings the kind back, and re-announcing keeps it
     * sealed (the server would refuse a re-announcement that named no audience).
     */
    @Test
    void partnership_sealedToTheOtherPartysHub_forumSeesNoPartiesAndEditKeepsItSealed() {
        Browser.requireChromium();
        try (TestNode jp = TestNode.federating(dir.resolve("jp"), "jp-janic", "JP", UnaryOperator.identity());
                TestNode th = TestNode.federating(dir.resolve("th"), "th-ngocoord", "TH", UnaryOperator.identity());
                TestNode forum = TestNode.federating(dir.resolve("forum"), "ap-forum", "TH", UnaryOperator.identity());
                Browser browser = Browser.start("en-US,en")) {
            jp.adminPost("/admin/v1/protocol", "{\"version\":2}");
            th.adminPost("/admin/v1/protocol", "{\"version\":2}");
            follow(jp, th);
            follow(th, jp);
            follow(forum, jp);
            account(jp, "aiko", "admin");
            jp.adminPost(
                    "/admin/v1/organizations", "{\"id\": \"jvc\", \"name\": \"Japan Volunteer\", \"country\": \"JP\"}");
            th.adminPost(
                    "/admin/v1/organizations", "{\"id\": \"mekong\", \"name\": \"Mekong Basin\", \"country\": \"TH\"}");
            // The picker offers th-ngocoord once Japan holds its version 2 profile (with its encryption key).
            browser.await(d -> jp.anyone
                            .get("/v1/directory/organizations/th-ngocoord/mekong")
                            .status()
                    == 200);
            browser.await(d -> jp.anyone.get("/v1/directory/hubs").body().contains("encryption_key"));

            logIn(browser, jp, "aiko");
            browser.driver.get(
                    jp.server.baseUri().resolve("/admin?lang=en#partnerships").toString());
            browser.await(d -> d.findElement(By.id("announce")).isDisplayed());
            assertTrue(byId(browser, "p-aud-public").isSelected(), "public unless staff choose otherwise");
            byId(browser, "p-id").sendKeys("safe-2026");
            byId(browser, "p-title").sendKeys(SECRET_TITLE);
            pick(browser, "p-a", "Volunteer", "jp-janic/jvc");
            pick(browser, "p-b", "Mekong", "th-ngocoord/mekong");
            byId(browser, "p-aud-listed").sendKeys(Keys.SPACE);
            browser.await(d -> byId(browser, "p-aud-hubs-box").isDisplayed());
            byId(browser, "p-aud-named").sendKeys(Keys.SPACE);
            browser.await(d -> !d.findElements(By.id("p-aud-hub-th-ngocoord")).isEmpty());
            Axe.check(browser.driver, "partnership form with the audience picker");
            browser.screenshot("console-partnership-sealed-en");
            // No hub ticked: the server's field error is shown beside the picker, and nothing is announced.
            byId(browser, "announce").submit();
            browser.await(d -> !byId(browser, "p-f-audience-error").getText().isEmpty());
            assertTrue(
                    byId(browser, "p-f-audience-error").getText().contains("hub"),
                    byId(browser, "p-f-audience-error").getText());
            assertEquals("absent", status(jp, "jp-janic/safe-2026"));

            byId(browser, "p-aud-hub-th-ngocoord").sendKeys(Keys.SPACE);
            byId(browser, "announce").submit();
            browser.await(d -> byId(browser, "flash").getText().equals("Announced jp-janic/safe-2026."));
            JsonNode announced = jp.admin
                    .get("/v1/directory/partnerships/jp-janic/safe-2026")
                    .json();
            assertEquals("listed", announced.at("/sealed/audience").asText(), announced.toString());
            long announcedSeq = jp.head(jp);
            assertSealedOnTheForum(browser, jp, forum);

            // Editing: the kind comes back, the hubs are chosen again (here: followers, th-ngocoord among them).
            By edit = By.xpath("//section[@id='partnerships-view']//tr[td[2]='jp-janic/safe-2026']"
                    + "//button[.='Edit (re-announce)']");
            browser.await(d -> !d.findElements(edit).isEmpty());
            browser.click(edit);
            browser.await(d -> byId(browser, "p-submit").getText().startsWith("Re-announce"));
            assertTrue(byId(browser, "p-aud-listed").isSelected());
            assertFalse(byId(browser, "p-aud-public").isSelected());
            byId(browser, "p-aud-followers").sendKeys(Keys.SPACE);
            byId(browser, "announce").submit();
            browser.await(d -> byId(browser, "flash").getText().startsWith("Re-announced jp-janic/safe-2026"));
            assertEquals(announcedSeq + 1, jp.head(jp), "one new announcement");
            JsonNode edited = jp.admin
                    .get("/v1/directory/partnerships/jp-janic/safe-2026")
                    .json();
            assertEquals("listed", edited.at("/sealed/audience").asText(), edited.toString());
            assertSealedOnTheForum(browser, jp, forum);
        }
    }

    /** The forum holds Japan's log up to its head, and reads the partnership by id and kind only. */
    private static void assertSealedOnTheForum(Browser browser, TestNode jp, TestNode forum) {
        long head = jp.head(jp);
        browser.await(d -> forum.head(jp) >= head);
        TestClient.Reply reply = forum.anyone.get("/v1/directory/partnerships/jp-janic/safe-2026");
        assertEquals(200, reply.status(), reply.body());
        JsonNode record = reply.json().get("record");
        assertFalse(record.has("parties"), reply.body());
        assertFalse(record.has("title"), reply.body());
        assertFalse(reply.body().contains(SECRET_TITLE.split(" ")[0]), reply.body());
        assertFalse(reply.body().contains("mekong"), reply.body());
    }

    private static WebElement byId(Browser browser, String id) {
        return browser.driver.findElement(By.id(id));
    }
}
