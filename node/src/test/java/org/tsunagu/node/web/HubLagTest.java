package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.federation.FederationConfig;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.log.KeySource;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.LogChain;
import org.tsunagu.protocol.UpdateType;

/**
 * The hubs page's lag in updates, with two real nodes: jp-forum follows jp-janic, which also relays
 * th-ngocoord's log. The forum learns no origin on its own (pinned keys only), so it sees th-ngocoord's
 * advertised head in jp-janic's feeds before it may pull that log: behind, then up to date.
 */
class HubLagTest {
    @TempDir
    Path dir;

    private TestNode janic;
    private TestNode forum;
    private TestHub thai;

    @BeforeEach
    void start() {
        janic = TestNode.federating(dir.resolve("janic"), "jp-janic", "JP", FederationConfig::quick);
        janic.node.publisher().publish(UpdateType.ORG_UPSERT, TestHub.org("jvc", "JVC", "JP"));
        janic.node.publisher().publish(UpdateType.ORG_UPSERT, TestHub.org("shapla", "Shapla Neer", "JP"));
        thai = new TestHub("th-ngocoord", 42);
        janic.node.keys().pin(thai.id, thai.key.publicKey().keyId(), KeySource.PEER_PINNED);
        IngestReport report = new Ingestor(janic.node.database(), Clock.systemUTC(), origin -> false)
                .ingest(List.of(
                        thai.profile(),
                        thai.next(UpdateType.ORG_UPSERT, TestHub.org("mekong", "Mekong", "TH")),
                        thai.next(UpdateType.ORG_UPSERT, TestHub.org("isaan", "Isaan", "TH"))));
        assertTrue(report.clean(), report.toString());
        // Pulls only when asked (no periodic pull races the test), and no origin learned on sight.
        forum = TestNode.federating(
                dir.resolve("forum"),
                "jp-forum",
                "JP",
                c -> c.quick().with(Duration.ofHours(1), Duration.ofSeconds(5), true, false));
    }

    @AfterEach
    void stop() {
        if (forum != null) {
            forum.close();
        }
        if (janic != null) {
            janic.close();
        }
    }

    @Test
    void hubStatus_followingAPeer_behindByWhatItAdvertisesThenUpToDate() {
        follow();
        await("the forum holds jp-janic's log", () -> head(forum, janic.hub()) == 3);
        assertEquals(0, lag("jp-janic").get("updates").asLong(), "profile and two records held");

        // The forum now trusts th-ngocoord's key: jp-janic said it holds 3 of its updates, the forum 0.
        forum.node.keys().pin(thai.id, thai.key.publicKey().keyId(), KeySource.PEER_PINNED);
        assertEquals(3, lag("th-ngocoord").get("updates").asLong(), hubStatus().toString());
        assertEquals("relayed", hub("th-ngocoord").at("/follow/status").asText(), "followed through jp-janic");
        // The page says so (where a browser is installed; in CI always).
        Browser browser = Browser.installed() || Browser.inCi() ? Browser.start("en-US,en") : null;
        try {
            if (browser != null) {
                browser.driver.get(forum.server.baseUri().resolve("/hubs").toString());
                assertEquals("3 updates behind", lagCell(browser, "th-ngocoord").split(", ")[0]);
                assertEquals("up to date", lagCell(browser, "jp-janic").split(", ")[0]);
                browser.screenshot("hubs-lag-behind");
            }

            follow(); // following again pulls at once
            await("the forum holds th-ngocoord's log", () -> head(forum, thai.id) == 3);
            assertEquals(0, lag("th-ngocoord").get("updates").asLong());
            if (browser != null) {
                browser.driver.get(
                        forum.server.baseUri().resolve("/hubs?lang=ja").toString());
                String cell = lagCell(browser, "th-ngocoord");
                assertTrue(cell.startsWith("最新"), cell);
                browser.screenshot("hubs-lag-up-to-date-ja");
            }
        } finally {
            if (browser != null) {
                browser.close();
            }
        }
    }

    private void follow() {
        TestClient.Reply reply = forum.admin.postJson(
                "/admin/v1/subscriptions", "{\"peer\": \"" + janic.server.baseUri() + "\", \"origins\": [\"*\"]}");
        assertTrue(reply.status() / 100 == 2, reply.status() + " " + reply.body());
    }

    private JsonNode hubStatus() {
        TestClient.Reply reply = forum.anyone.get("/v1/directory/hub-status");
        assertEquals(200, reply.status(), reply.body());
        return reply.json().get("items");
    }

    private JsonNode lag(String hub) {
        return hub(hub).get("lag");
    }

    private JsonNode hub(String hub) {
        for (JsonNode h : hubStatus()) {
            if (h.get("hub").asText().equals(hub)) {
                return h;
            }
        }
        throw new AssertionError(hub + " is not on the hubs page: " + hubStatus());
    }

    private static String lagCell(Browser browser, String hub) {
        WebElement cell = browser.await(d -> d.findElement(By.cssSelector("tr[data-hub='" + hub + "'] td.lag")));
        return cell.getText().strip();
    }

    private static long head(TestNode node, HubId origin) {
        Optional<LogChain.Head> head = node.node.log().head(origin);
        return head.map(LogChain.Head::seq).orElse(0L);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
