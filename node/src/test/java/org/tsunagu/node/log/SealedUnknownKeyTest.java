package org.tsunagu.node.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.seal.EncryptionKeyPair;

/**
 * Issue 13's bad input "an unknown encryption key raises an alert, not a crash", on a real node over
 * HTTP: a record sealed to this hub under an X25519 key it never held (lost, or never its own) is
 * stored as signed, relayed in its feed, shown as "details shared with named hubs only", and reported
 * by one {@code sealed} alert naming where; the origin is not halted, so its next envelope applies.
 */
class SealedUnknownKeyTest {
    private static final String SECRET = "Brindlequastor";

    @TempDir
    Path dir;

    @Test
    void ingest_sealedToThisHubUnderUnknownKey_keptRelayedAndAlerted() {
        try (TestNode node = TestNode.start(dir, "jp-janic", "JP")) {
            TestHub mm = new TestHub("mm-hub", 78);
            node.node.keys().pin(mm.id, mm.key.publicKey().keyId(), KeySource.PEER_PINNED);
            SecureRandom random = new SecureRandom();
            EncryptionKeyPair unknown = EncryptionKeyPair.generate(random);
            ObjectNode clear = TestHub.JSON
                    .createObjectNode()
                    .put("id", "kayin")
                    .put("name", "Kayin Women Network")
                    .put("country", "MM");
            ObjectNode part = TestHub.JSON.createObjectNode().put("description", SECRET + " staff work underground");
            Envelope profile = mm.profile();
            Envelope sealed = mm.nextV2(
                    UpdateType.ORG_UPSERT,
                    SealedBodies.seal(mm.id, 2, clear, part, Map.of(node.hub(), unknown), random));
            IngestReport report = node.node.ingestor().ingest(List.of(profile, sealed));
            assertTrue(report.clean(), report.toString());

            JsonNode alerts =
                    node.admin.get("/admin/v1/alerts?kind=sealed").json().get("items");
            assertEquals(1, alerts.size(), alerts.toString());
            JsonNode alert = alerts.get(0);
            assertEquals("mm-hub", alert.get("origin").asText());
            assertEquals(2, alert.get("seq").longValue());
            assertTrue(alert.get("message").asText().contains("$.body.sealed.to[0].key"), alert.toString());
            assertFalse(alert.toString().contains(SECRET), "the alert holds nothing sealed");

            JsonNode shown =
                    node.admin.get("/v1/directory/organizations/mm-hub/kayin").json();
            assertFalse(shown.get("sealed").get("opened").booleanValue(), shown.toString());
            assertEquals(
                    "details shared with named hubs only",
                    shown.get("sealed").get("notice").asText());
            TestClient.Reply feed =
                    node.admin.send(node.admin.request("/v1/feeds/mm-hub").header("Tsunagu-Versions", "1, 2"));
            assertEquals(200, feed.status(), feed.body());
            assertTrue(feed.body().contains("\"sealed\":{\"ct\":"), "relayed as signed");
            assertFalse(feed.body().contains(SECRET));

            // Not a crash, nor a halt: the origin's next envelope applies, and the node still answers.
            Envelope after = mm.nextV2(UpdateType.ORG_UPSERT, TestHub.org("after", "After Network", "MM"));
            IngestReport next = node.node.ingestor().ingest(List.of(after));
            assertTrue(next.clean(), next.toString());
            assertEquals(
                    1,
                    node.admin
                            .get("/v1/directory/organizations?q=After")
                            .json()
                            .get("items")
                            .size());
            assertEquals(200, node.anyone.get("/healthz").status());
        }
    }
}
