package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.federation.Strangers;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.node.ops.bundle.BundleManifest;
import org.tsunagu.node.ops.bundle.BundleWriter;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * The admin API's remaining tasks done in the console, in real headless Chromium against two real
 * nodes, in the order a new hub meets them: Operations (move to protocol version 2, rotate the
 * encryption key, import another hub's bundle, download a backup), following a hub with the key its
 * admin gave (a wrong one pins nothing) and a member sealed to it (the audience picker, its 422 beside
 * the picker), a hub halted by a bundle carrying a second version of one of its updates (both versions
 * side by side, one kept, the hub followed again), then Federation (forget a follow request, unfollow,
 * replace a peer's key, acknowledge alerts of a kind, block with a reason and the log dropped,
 * unblock, unpin). Some steps are done by keyboard only. Each page is checked with axe-core
 * ({@link Axe}) and saved as screenshots in English, Japanese and Thai.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleAdminTasksBrowserTest {
    private static final String PASSWORD = "naoko's long password";

    @TempDir
    static Path dir;

    private static TestNode hub;
    private static TestNode forum;
    private static Browser browser;

    @BeforeAll
    static void start() {
        if (Browser.installed() || Browser.inCi()) {
            Browser.requireChromium();
            hub = TestNode.federating(dir.resolve("hub"), "jp-hub", "JP", UnaryOperator.identity());
            forum = TestNode.federating(dir.resolve("forum"), "th-forum", "TH", UnaryOperator.identity());
            TestClient.Reply reply = hub.admin.postJson(
                    "/admin/v1/accounts",
                    "{\"username\": \"naoko\", \"role\": \"admin\", \"password\": \"" + PASSWORD + "\"}");
            assertEquals(201, reply.status(), reply.body());
            browser = Browser.start("en-US,en");
        }
    }

    @BeforeEach
    void needsChromium() {
        Browser.requireChromium();
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

    private static WebElement byId(String id) {
        return browser.driver.findElement(By.id(id));
    }

    private static void open(String pathAndQuery) {
        browser.driver.get(hub.server.baseUri().resolve(pathAndQuery).toString());
        browser.await(d -> "1".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    /** Opens {@code view} logged in (logging in first when the session is gone). */
    private static void show(String view, String lang) {
        open("/admin?lang=" + lang + "#" + view);
        if (byId("login-view").isDisplayed()) {
            byId("login-username").sendKeys("naoko");
            byId("login-password").sendKeys(PASSWORD);
            byId("login-password").submit();
        }
        browser.await(d -> byId(view + "-view").isDisplayed());
    }

    private static By button(String view, String rowText, String label) {
        return By.xpath("//section[@id='" + view + "-view']//tr[td[1]='" + rowText + "']//button[.='" + label + "']");
    }

    /** Presses a button by keyboard: focus and Enter, as a keyboard user does. */
    private static void press(By target) {
        browser.await(d -> !d.findElements(target).isEmpty());
        browser.driver.findElement(target).sendKeys(Keys.ENTER);
    }

    private static void flashIs(String text) {
        browser.await(d -> byId("flash").getText().equals(text));
    }

    private static void everyLanguage(String view) {
        for (String lang : List.of("en", "ja", "th")) {
            show(view, lang);
            browser.await(
                    d -> d.findElement(By.tagName("html")).getAttribute("lang").equals(lang));
            Axe.check(browser.driver, "console " + view + " (" + lang + ")");
            browser.screenshot("console-tasks-" + view + "-" + lang);
        }
    }

    private static List<String> scriptErrors() {
        return browser.consoleErrors().stream()
                .filter(m -> !m.contains("Failed to load resource: the server responded with a status of"))
                .toList();
    }

    @Test
    @Order(1)
    void operations_version2_encryptionKeyRotated_bundleImported_backupDownloaded() throws Exception {
        assertEquals(
                201,
                forum.admin
                        .postJson(
                                "/admin/v1/organizations",
                                "{\"id\": \"mekong\", \"name\": \"Mekong Forum\", \"country\": \"TH\"}")
                        .status());
        show("operations", "en");
        Axe.check(browser.driver, "console operations at version 1");
        assertEquals(
                "This hub signs in protocol version 1.",
                byId("protocol-version").getText());
        By move = By.xpath("//button[.='Move to version 2 (erasable bodies, for good)']");
        press(move);
        browser.await(d ->
                d.findElement(By.xpath("//button[.='Click again to confirm']")).isDisplayed());
        assertEquals(
                1, hub.admin.get("/admin/v1/protocol").json().get("version").asInt(), "one press asks again");
        press(By.xpath("//button[.='Click again to confirm']"));
        flashIs("This hub now signs in protocol version 2.");
        assertEquals(
                2, hub.admin.get("/admin/v1/protocol").json().get("version").asInt());
        browser.await(d -> byId("protocol-version").getText().equals("This hub signs in protocol version 2."));

        String before =
                hub.admin.get("/admin/v1/encryption-keys").json().get("current").asText();
        browser.await(d -> byId("encryption-key-list").getText().contains(before));
        press(By.xpath("//button[.='Rotate the encryption key']"));
        press(By.xpath("//section[@id='encryption-keys']//button[.='Click again to confirm']"));
        browser.await(d -> byId("flash").getText().startsWith("New encryption key: "));
        String after =
                hub.admin.get("/admin/v1/encryption-keys").json().get("current").asText();
        assertNotEquals(before, after);
        assertEquals("New encryption key: " + after, byId("flash").getText());
        String newest = after;
        browser.await(d -> byId("encryption-key-list").getText().contains(newest));
        List<WebElement> listed = byId("encryption-key-list").findElements(By.tagName("li"));
        assertEquals(2, listed.size(), "the old key is kept to open older records");
        assertTrue(listed.get(0).getText().startsWith(after)
                && listed.get(0).getText().endsWith("current"));

        // Another hub's bundle, carried on a USB stick, imported by upload.
        HttpResponse<byte[]> bundle = HttpClient.newHttpClient()
                .send(forum.admin.request("/admin/v1/bundles").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, bundle.statusCode());
        Path file = dir.resolve("th-forum.ndjson.gz");
        Files.write(file, bundle.body());
        byId("bundle-file").sendKeys(file.toAbsolutePath().toString());
        byId("bundle-form").submit();
        browser.await(d -> byId("bundle-form").getText().contains("Imported:"));
        assertEquals(
                200,
                hub.anyone.get("/v1/directory/organizations/th-forum/mekong").status());

        // The backup link answers the database (the browser's own session, no token).
        assertEquals("/admin/v1/backup", byId("backup-link").getAttribute("pathname"));
        Object backup = browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/admin/v1/backup').then(r => r.arrayBuffer().then(b => done(r.status + ' ' + b.byteLength)));");
        String[] got = String.valueOf(backup).split(" ");
        assertEquals("200", got[0]);
        assertTrue(Long.parseLong(got[1]) > 4096, "a database file: " + backup);
        everyLanguage("operations");
        assertFalse(browser.driver.getPageSource().contains(hub.token));
        assertEquals(List.of(), scriptErrors());
    }

    @Test
    @Order(2)
    void followWithTheKeyGiven_wrongKeyPinsNothing_thenMemberSealedToThatHubWithThePicker() {
        assertEquals(
                200,
                forum.admin.postJson("/admin/v1/protocol", "{\"version\": 2}").status());
        // Follow th-forum by URL with the key its admin gave: first a key that is not its own.
        show("federation", "en");
        byId("follow-url").sendKeys(forum.server.baseUri().toString());
        String wrong =
                Ed25519KeyPair.generate(new SecureRandom()).publicKey().keyId().value();
        byId("follow-key").sendKeys(wrong);
        byId("follow-form").submit();
        browser.await(d -> !byId("follow-key-error").getText().isEmpty());
        String theirs = forum.key().publicKey().keyId().fingerprint();
        assertTrue(
                byId("follow-key-error").getText().contains(theirs)
                        && byId("follow-key-error").getText().contains("nothing was pinned"),
                "the server's problem beside the field: "
                        + byId("follow-key-error").getText());
        assertEquals("true", byId("follow-key").getAttribute("aria-invalid"));
        assertTrue(
                browser.driver.findElements(By.id("peer-fingerprint")).isEmpty(), "no fingerprint offered to follow");
        assertFalse(hub.admin.get("/admin/v1/peers").body().contains("th-forum"), "nothing pinned");
        Axe.check(browser.driver, "follow form with a wrong key");
        browser.screenshot("console-tasks-follow-wrong-key-en");

        byId("follow-key").clear();
        byId("follow-key").sendKeys(forum.key().publicKey().keyId().value());
        byId("follow-form").submit();
        browser.await(d -> !d.findElements(By.id("peer-fingerprint")).isEmpty());
        assertEquals("", byId("follow-key-error").getText());
        assertEquals(theirs, byId("peer-fingerprint").getText());
        assertEquals(
                "th-forum serves the key you were given; it is pinned. Its fingerprint:",
                byId("peer-compare").getText());
        assertTrue(hub.admin.get("/admin/v1/peers").body().contains(theirs), "pinned with that key");
        press(By.xpath("//button[.='Follow this hub']"));
        flashIs("Following th-forum.");
        browser.await(d -> {
            for (JsonNode known : hub.anyone.get("/v1/directory/hubs").json().get("items")) {
                if (known.path("hub").asText().equals("th-forum")
                        && known.at("/profile/encryption_key").isTextual()) {
                    return true;
                }
            }
            return false;
        });

        show("members", "en");
        byId("member-add").click();
        browser.await(d -> byId("member-form").isDisplayed());
        assertTrue(byId("aud-public").isSelected(), "a new record is public unless staff choose otherwise");
        assertFalse(byId("aud-hubs-box").isDisplayed());
        byId("f-id").sendKeys("shelter");
        byId("f-name").sendKeys("Women's Shelter Network");
        byId("f-country").sendKeys("JP");
        byId("f-description").sendKeys("Safe house addresses");
        byId("aud-unlisted").sendKeys(Keys.SPACE);
        browser.await(d -> byId("aud-hubs-box").isDisplayed());
        byId("aud-named").sendKeys(Keys.SPACE);
        browser.await(d -> !d.findElements(By.id("aud-hub-th-forum")).isEmpty());
        Axe.check(browser.driver, "member form with the audience picker");
        byId("member-form").submit();
        browser.await(d -> !byId("f-audience-error").getText().isEmpty());
        assertTrue(
                byId("f-audience-error").getText().contains("hub"),
                byId("f-audience-error").getText());
        assertEquals(
                404,
                hub.anyone.get("/v1/directory/organizations/jp-hub/shelter").status());
        browser.screenshot("console-tasks-audience-error-en");

        byId("aud-hub-th-forum").sendKeys(Keys.SPACE);
        byId("member-form").submit();
        browser.await(d -> byId("flash").getText().startsWith("Saved and signed: jp-hub/shelter"));
        JsonNode stored =
                hub.admin.get("/v1/directory/organizations/jp-hub/shelter").json();
        assertEquals("unlisted", stored.at("/sealed/audience").asText(), stored.toString());
        By row = By.xpath("//table[@id='members-table']//tr[td[2]='shelter']");
        browser.await(d -> !d.findElements(row).isEmpty());
        assertEquals(
                "named hubs only; only the id public",
                browser.driver
                        .findElement(row)
                        .findElements(By.tagName("td"))
                        .get(3)
                        .getText());

        // Editing keeps it sealed: the kind comes back, the hubs are chosen again.
        browser.await(d -> {
            d.findElement(row).findElement(By.xpath(".//button[.='Edit']")).click();
            return true;
        });
        browser.await(d -> byId("member-form").isDisplayed());
        assertTrue(byId("aud-unlisted").isSelected());
        assertFalse(byId("aud-public").isSelected());
        byId("aud-followers").sendKeys(Keys.SPACE);
        byId("member-form").submit();
        browser.await(d -> byId("flash").getText().startsWith("Saved and signed"));
        stored = hub.admin.get("/v1/directory/organizations/jp-hub/shelter").json();
        assertEquals("unlisted", stored.at("/sealed/audience").asText(), stored.toString());
        assertEquals(List.of(), scriptErrors());
    }

    @Test
    @Order(3)
    void haltedOrigin_bothVersionsSideBySide_heldVersionKept_originFollowedAgain() throws Exception {
        // jp-hub follows th-forum (the test before) and holds its log; th-forum's seq 2 is Mekong Forum.
        browser.await(d -> {
            hub.federation().pullNow();
            return hub.head(forum) == forum.head(forum);
        });
        Envelope held = Envelope.parse(hub.feed(forum.hub, 1, 1).get(0));
        assertEquals("Mekong Forum", held.body().get("name").asText());
        // A second version of that update, signed by th-forum's key, carried in a bundle.
        Envelope twin = Envelope.sign(
                forum.hub,
                2,
                held.prev(),
                Instant.now(),
                UpdateType.ORG_UPSERT,
                TestHub.json("{\"id\": \"mekong\", \"name\": \"Mekong Forum (second version)\", \"country\": \"TH\"}"),
                forum.key());
        Path file = dir.resolve("twin.ndjson.gz");
        try (BundleWriter out = new BundleWriter(
                Files.newOutputStream(file),
                BundleManifest.of(
                        Instant.now(), List.of(new BundleManifest.OriginRange(forum.hub, 2, 2, twin.hash()))))) {
            out.write(twin.canonicalJson());
        }

        show("operations", "en");
        browser.await(d -> byId("no-halts").getText().equals("No hub is halted."));
        byId("bundle-file").sendKeys(file.toAbsolutePath().toString());
        byId("bundle-form").submit();
        browser.await(d -> byId("bundle-form").getText().contains("EQUIVOCATION"));
        // The import that halted the origin shows the halt at once, without reloading the page.
        By row = By.xpath("//div[@id='halts']//tr[td[1]='th-forum']");
        browser.await(d -> !d.findElements(row).isEmpty());
        assertEquals(1, hub.admin.get("/admin/v1/halts").json().get("items").size());
        List<WebElement> cells = browser.driver.findElement(row).findElements(By.tagName("td"));
        assertEquals("2", cells.get(1).getText());
        assertTrue(
                cells.get(2).getText().startsWith(held.hash().substring(0, 19))
                        && cells.get(2).getText().contains("Mekong Forum"),
                "the held version: " + cells.get(2).getText());
        assertTrue(
                cells.get(3).getText().startsWith(twin.hash().substring(0, 19))
                        && cells.get(3).getText().contains("Mekong Forum (second version)"),
                "the other version: " + cells.get(3).getText());
        assertFalse(cells.get(2).getText().contains("second version"));
        Axe.check(browser.driver, "operations with a halted origin");
        browser.driver.executeScript("arguments[0].scrollIntoView()", byId("halts-title"));
        browser.screenshot("console-tasks-halted-en");

        press(By.xpath("//div[@id='halts']//tr[td[1]='th-forum']//button[.='Keep the held version']"));
        press(By.xpath("//div[@id='halts']//tr[td[1]='th-forum']//button[.='Click again to confirm']"));
        flashIs("th-forum resumed on the version kept.");
        browser.await(d -> !d.findElements(By.id("no-halts")).isEmpty());
        assertEquals(0, hub.admin.get("/admin/v1/halts").json().get("items").size());
        JsonNode decision = hub.admin
                .get("/admin/v1/alerts?kind=halt_resolved")
                .json()
                .get("items")
                .get(0);
        assertEquals(held.hash(), decision.at("/details/kept").asText(), decision.toString());
        assertEquals(
                "Mekong Forum",
                hub.anyone
                        .get("/v1/directory/organizations/th-forum/mekong")
                        .json()
                        .at("/record/name")
                        .asText());

        // Followed again: th-forum's next update reaches jp-hub.
        assertEquals(
                201,
                forum.admin
                        .postJson(
                                "/admin/v1/organizations",
                                "{\"id\": \"after-halt\", \"name\": \"After the decision\", \"country\": \"TH\"}")
                        .status());
        browser.await(d -> {
            hub.federation().pullNow();
            return hub.anyone
                            .get("/v1/directory/organizations/th-forum/after-halt")
                            .status()
                    == 200;
        });
        assertEquals(forum.head(forum), hub.head(forum));
        assertTrue(hub.admin.get("/admin/v1/subscriptions").body().contains("th-forum"));
        assertEquals(List.of(), scriptErrors());
    }

    @Test
    @Order(4)
    void federation_forgetRequest_unfollow_replaceKey_acknowledge_blockWithReason_unblock_unpin() {
        hub.node.federation().peers().add(forum.server.baseUri().toString(), null); // the same key: a no-op
        if (hub.admin.get("/admin/v1/subscriptions").json().get("items").isEmpty()) {
            hub.admin.postJson("/admin/v1/subscriptions", "{\"peer\": \"th-forum\", \"origins\": [\"*\"]}");
        }
        // A hub nobody here knows asked once to follow this one and went away: its request is forgotten.
        assertEquals("pending", Strangers.askToFollow(hub.url(), "xx-gone"));
        show("federation", "en");
        press(button("federation", "xx-gone", "Forget"));
        flashIs("Done.");
        // Its row is gone (the follow_request alert stays in the alerts, decided).
        browser.await(d -> d.findElements(By.xpath("//section[@id='federation-view']//tr[td[1]='xx-gone']"))
                .isEmpty());
        assertFalse(
                hub.admin.get("/admin/v1/subscribers").body().contains("xx-gone"),
                "the request is gone from GET /admin/v1/subscribers");

        show("federation", "ja");
        browser.await(
                d -> !d.findElements(button("federation", "th-forum", "フォロー解除")).isEmpty());
        String state = browser.driver
                .findElement(
                        By.xpath("//section[@id='federation-view']//tr[td[1]='th-forum'][.//button[.='フォロー解除']]/td[2]"))
                .getText();
        assertTrue(List.of("有効", "承認待ち", "失敗中").contains(state), "status word in Japanese: " + state);

        show("federation", "en");
        press(button("federation", "th-forum", "Unfollow"));
        flashIs("Done.");
        assertTrue(hub.admin.get("/admin/v1/subscriptions").json().get("items").isEmpty());

        // A stolen key: th-forum's admin reads its new key out; a wrong one changes nothing.
        Ed25519KeyPair stolen = Ed25519KeyPair.generate(new SecureRandom());
        String fresh = stolen.publicKey().keyId().value();
        byId("replace-key").sendKeys("ed25519:not-a-key");
        byId("replace-key").sendKeys(Keys.ENTER);
        browser.await(d -> !byId("replace-errors").getText().isEmpty());
        assertFalse(hub.admin.get("/admin/v1/keys").body().contains(fresh));
        byId("replace-key").clear();
        byId("replace-key").sendKeys(fresh);
        byId("replace-key").sendKeys(Keys.ENTER);
        flashIs("Replaced the key of th-forum.");
        assertTrue(hub.admin.get("/admin/v1/keys").body().contains(fresh));
        String replaced = stolen.publicKey().keyId().fingerprint();
        browser.await(d -> byId("federation-view").getText().contains(replaced));

        // The key_replaced alert, and every other of its kind, acknowledged at once.
        browser.await(d -> !d.findElements(By.id("ack-kind")).isEmpty()
                && byId("ack-kind").getText().contains("key replaced"));
        new org.openqa.selenium.support.ui.Select(byId("ack-kind")).selectByVisibleText("key replaced");
        byId("ack-kind-form").submit();
        flashIs("Done.");
        for (JsonNode alert : hub.admin.get("/admin/v1/alerts").json().get("items")) {
            if (alert.get("kind").asText().equals("key_replaced")) {
                assertTrue(alert.has("acknowledged_at"), alert.toString());
            }
        }

        // Block from the pinned hubs' row: the form is filled, the reason typed, the log dropped.
        press(button("federation", "th-forum", "Block"));
        browser.await(d -> "th-forum".equals(byId("block-hub").getAttribute("value")));
        byId("block-reason").sendKeys("spam records");
        byId("block-purge").sendKeys(Keys.SPACE);
        byId("block-reason").sendKeys(Keys.ENTER);
        flashIs("Blocked th-forum.");
        JsonNode block = hub.admin.get("/admin/v1/blocks").json().get("items").get(0);
        assertEquals("spam records", block.get("reason").asText());
        assertTrue(block.get("purged").asBoolean(), block.toString());
        browser.await(d ->
                !d.findElements(button("federation", "th-forum", "Unblock")).isEmpty());
        Axe.check(browser.driver, "federation with a block");
        browser.screenshot("console-tasks-blocked-en");
        press(button("federation", "th-forum", "Unblock"));
        flashIs("Done.");
        assertTrue(hub.admin.get("/admin/v1/blocks").json().get("items").isEmpty());

        // Unpin asks once more.
        browser.await(
                d -> !d.findElements(button("federation", "th-forum", "Unpin")).isEmpty());
        press(button("federation", "th-forum", "Unpin"));
        press(button("federation", "th-forum", "Click again to confirm"));
        flashIs("Unpinned th-forum.");
        assertTrue(hub.admin.get("/admin/v1/peers").json().get("items").isEmpty());
        everyLanguage("federation");
        assertEquals(List.of(), scriptErrors());
    }

    @Test
    @Order(5)
    void members_deletedWithReasonAndErased_partnershipReannouncedAndRetracted() {
        for (String id : List.of("alpha", "beta", "gamma")) {
            assertEquals(
                    201,
                    hub.admin
                            .postJson(
                                    "/admin/v1/organizations",
                                    "{\"id\": \"" + id + "\", \"name\": \"Org " + id + "\", \"country\": \"JP\"}")
                            .status());
        }
        assertEquals(
                201,
                hub.admin
                        .postJson(
                                "/admin/v1/partnerships",
                                "{\"id\": \"p1\", \"kind\": \"mou\", \"title\": \"First title\", \"parties\":"
                                        + " [{\"organization\": \"jp-hub/beta\"}, {\"organization\": \"jp-hub/gamma\"}]}")
                        .status());

        show("partnerships", "en");
        By row = By.xpath("//section[@id='partnerships-view']//tr[td[2]='jp-hub/p1']");
        press(By.xpath("//section[@id='partnerships-view']//tr[td[2]='jp-hub/p1']//button[.='Edit (re-announce)']"));
        browser.await(d -> byId("announce-title").getText().equals("Re-announce jp-hub/p1"));
        assertEquals("true", byId("p-id").getAttribute("readonly"));
        assertEquals("jp-hub/beta", byId("p-a").getAttribute("value"));
        byId("p-title").clear();
        byId("p-title").sendKeys("Second title");
        byId("announce").submit();
        flashIs("Re-announced jp-hub/p1: the parties' hubs sign it again.");
        JsonNode p1 = hub.anyone.get("/v1/directory/partnerships/jp-hub/p1").json();
        assertEquals("Second title", p1.at("/record/title").asText(), p1.toString());
        assertEquals(2, p1.at("/record/parties").size());

        browser.await(d -> !d.findElements(row).isEmpty());
        press(By.xpath("//section[@id='partnerships-view']//tr[td[2]='jp-hub/p1']//button[.='Retract']"));
        browser.await(d -> !d.findElements(By.cssSelector("#partnerships-view input.reason"))
                .isEmpty());
        WebElement reason = browser.driver.findElement(By.cssSelector("#partnerships-view input.reason"));
        reason.sendKeys("signed by mistake");
        reason.sendKeys(Keys.ENTER);
        flashIs("Retracted jp-hub/p1.");
        assertEquals(
                "retracted",
                hub.anyone
                        .get("/v1/directory/partnerships/jp-hub/p1")
                        .json()
                        .get("status")
                        .asText());

        show("members", "en");
        By alpha = By.xpath("//table[@id='members-table']//tr[td[2]='alpha']//button[.='Delete']");
        press(alpha);
        browser.await(d ->
                !d.findElements(By.cssSelector("#members-table input.reason")).isEmpty());
        browser.driver
                .findElement(By.cssSelector("#members-table input.reason"))
                .sendKeys("merged into beta", Keys.ENTER);
        flashIs("Deleted alpha.");
        assertEquals(
                404, hub.anyone.get("/v1/directory/organizations/jp-hub/alpha").status());
        JsonNode audit = hub.admin.get("/admin/v1/audit").json().get(0);
        assertEquals("DELETE /admin/v1/organizations/alpha", audit.get("action").asText(), audit.toString());

        press(By.xpath("//table[@id='members-table']//tr[td[2]='gamma']//button[.='Erase everywhere']"));
        press(By.xpath("//table[@id='members-table']//tr[td[2]='gamma']//button[.='Confirm erasure']"));
        flashIs("Erased gamma: every node drops it.");
        assertEquals(
                404, hub.anyone.get("/v1/directory/organizations/jp-hub/gamma").status());
        show("erasures", "en");
        browser.await(d -> byId("erasures-view").getText().contains("gamma"));
        assertEquals(List.of(), scriptErrors());
    }

    @Test
    @Order(6)
    void accounts_createdAndDeleted_auditNamesWho_hubKeyRotated() {
        show("accounts", "en");
        byId("a-username").sendKeys("kenji");
        new org.openqa.selenium.support.ui.Select(byId("a-role")).selectByValue("editor");
        byId("a-password").sendKeys("kenji's long password");
        byId("account-form").submit();
        flashIs("Created kenji.");
        assertTrue(hub.admin.get("/admin/v1/accounts").body().contains("kenji"));
        press(button("accounts", "kenji", "Delete"));
        flashIs("Done.");
        assertFalse(hub.admin.get("/admin/v1/accounts").body().contains("kenji"));
        show("audit", "en");
        browser.await(d -> byId("audit-view").getText().contains("DELETE /admin/v1/accounts/kenji"));

        String before = hub.anyone
                .get("/.well-known/tsunagu")
                .json()
                .get("key_fingerprint")
                .asText();
        show("operations", "en");
        press(By.xpath("//button[.='Rotate the hub key']"));
        press(By.xpath("//section[@aria-labelledby='ops-keys']//button[.='Click again to confirm']"));
        browser.await(d -> byId("flash").getText().startsWith("New key fingerprint: "));
        String after = hub.anyone
                .get("/.well-known/tsunagu")
                .json()
                .get("key_fingerprint")
                .asText();
        assertNotEquals(before, after);
        assertEquals("New key fingerprint: " + after, byId("flash").getText());
        assertFalse(browser.driver.getPageSource().contains("private"), "no private key reaches the page");
        assertEquals(List.of(), scriptErrors());
    }
}
