package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.log.Alert;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.KeySource;
import org.tsunagu.node.log.SealedBodies;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.seal.EncryptionKeyPair;

/**
 * A sealed record on a node that cannot open it, in real headless Chromium (issue #13): the listed
 * one's page shows its name and "details shared with named hubs only" and none of its sealed text;
 * the unlisted one has no page and no search result. One of them names this very hub with a key it
 * does not hold (a lost key): the envelope is kept, the page shows the notice, and a {@code sealed}
 * alert tells the admin, rather than the ingest failing.
 */
class SealedPageBrowserTest {
    private static final String SECRET = "Plindervaxt";

    @TempDir
    Path dir;

    @Test
    void detailPage_sealedRecordNotOpenedHere_showsNoticeAndNoSealedText() {
        Browser.requireChromium();
        try (TestNode node = TestNode.start(dir, "jp-janic", "JP");
                Browser browser = Browser.start("en-US,en")) {
            TestHub mm = new TestHub("mm-hub", 77);
            node.node.keys().pin(mm.id, mm.key.publicKey().keyId(), KeySource.PEER_PINNED);
            SecureRandom random = new SecureRandom();
            EncryptionKeyPair elsewhere = EncryptionKeyPair.generate(random);
            EncryptionKeyPair lost = EncryptionKeyPair.generate(random);
            Envelope profile = mm.profile();
            // seq 2: listed, sealed to this hub under a key it never held; seq 3: unlisted, to another hub.
            Envelope listed = mm.nextV2(
                    UpdateType.ORG_UPSERT, sealed(2, "kayin", true, Map.of(HubId.of("jp-janic"), lost), random));
            Envelope unlisted = mm.nextV2(
                    UpdateType.ORG_UPSERT, sealed(3, "c0ffee", false, Map.of(HubId.of("th-hub"), elsewhere), random));
            IngestReport report = node.node.ingestor().ingest(List.of(profile, listed, unlisted));
            assertTrue(report.clean(), report.toString());
            List<Alert> alerts = node.node.alerts().list("sealed", 10);
            assertEquals(1, alerts.size(), alerts.toString());
            assertTrue(
                    alerts.get(0).message().contains("$.body.sealed.to[0].key"),
                    alerts.get(0).message());

            browser.driver.get(
                    node.server.baseUri().resolve("/?org=mm-hub/kayin").toString());
            String page = browser.await(d -> {
                String text = d.findElement(By.id("detail-view")).getText();
                return text.contains("Kayin Women Network") ? text : null;
            });
            browser.screenshot("detail-sealed");
            assertTrue(page.contains("details shared with named hubs only"), page);
            assertFalse(page.contains(SECRET), page);
            String html = browser.driver.getPageSource();
            assertFalse(html.contains(SECRET) || html.contains("Shan Legal"), "the page source holds no sealed text");

            browser.driver.get(node.server.baseUri().resolve("/?q=Kayin").toString());
            String results = browser.await(d -> {
                String text = d.findElement(By.id("results")).getText();
                return text.contains("Kayin") ? text : null;
            });
            assertTrue(results.contains("details shared with named hubs only"), results);
            browser.driver.get(
                    node.server.baseUri().resolve("/?org=mm-hub/c0ffee").toString());
            browser.await(d -> !d.findElement(By.id("detail-view")).getText().isBlank());
            assertFalse(browser.driver.getPageSource().contains("Shan Legal"), "the unlisted record has no page");
        }
    }

    /** A sealed org.upsert body as the origin makes it at {@code seq} (name and country clear if listed). */
    private static ObjectNode sealed(
            long seq, String id, boolean listed, Map<HubId, EncryptionKeyPair> to, SecureRandom random) {
        ObjectNode clear = TestHub.JSON.createObjectNode().put("id", id);
        ObjectNode part = TestHub.JSON.createObjectNode();
        if (listed) {
            clear.put("name", "Kayin Women Network").put("country", "MM");
            part.put("description", SECRET + " staff work underground");
        } else {
            part.put("name", "Shan Legal Aid Circle").put("country", "MM");
        }
        part.putArray("sectors").add("15160");
        return SealedBodies.seal(HubId.of("mm-hub"), seq, clear, part, to, random);
    }
}
