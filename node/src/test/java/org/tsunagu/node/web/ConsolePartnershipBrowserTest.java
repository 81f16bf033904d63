package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.federation.OriginFilter;
import org.tsunagu.node.http.TestClient;

/**
 * A partnership across three real nodes, through two hubs' consoles: Japan's admin announces it with
 * parties picked from the federated directory, Thailand's editor finds it waiting for Thailand's
 * signature and endorses it, and the regional forum, which follows both, shows it confirmed.
 */
class ConsolePartnershipBrowserTest {
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
        browser.driver
                .findElement(By.xpath("//input[@id='" + picker + "-q']/following-sibling::button"))
                .click();
        By choice = By.xpath("//ul[preceding-sibling::div/input[@id='" + picker + "-q']]//button[contains(., '("
                + globalId + ")')]");
        browser.await(d -> !d.findElements(choice).isEmpty());
        browser.driver.findElement(choice).click();
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
            browser.driver.findElement(endorse).click();
            browser.await(d -> "confirmed".equals(status(th, "jp-janic/flood-2026")));
            browser.await(d -> "confirmed".equals(status(forum, "jp-janic/flood-2026")));
            browser.await(d -> "confirmed".equals(status(jp, "jp-janic/flood-2026")));
        }
    }
}
