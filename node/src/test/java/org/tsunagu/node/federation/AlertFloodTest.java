package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.node.federation.FederationFixtures.await;
import static org.tsunagu.node.federation.FederationFixtures.clientSigningWith;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Issue 10, attack 5 (alerts): a thousand pushes signed by fresh keys, and unsigned ones, from one
 * address used to add a thousand alerts and bury the one equivocation under them. Now they are counted
 * on one alert per address and reason, the equivocation stays first in the default list, and the rest
 * can be acknowledged in one request.
 */
class AlertFloodTest {
    private static final int STRANGERS = 1_000;

    @TempDir
    Path dir;

    @Test
    void strangerPushes_thousandFreshKeys_fewCountedAlertsAndEquivocationFirst() throws Exception {
        try (TestNode hub = TestNode.start(dir.resolve("hub"), "jp-hub");
                TestNode forum = TestNode.start(dir.resolve("forum"), "ap-forum")) {
            forum.follow(hub);
            hub.publishOrg("o1", "Org");
            await("synced", () -> forum.head(hub) == 2);
            String inbox = forum.url() + "/v1/inbox";

            // jp-hub signs a second, different seq 2: the forum halts it and raises an equivocation.
            Envelope two = Envelope.parse(hub.feed(hub.hub, 1, 1).get(0));
            Envelope twin = FederationFixtures.orgAt(hub.hub, 2, two.prev(), "o1", "Other", hub.key());
            clientSigningWith(hub.key())
                    .push(inbox, List.of(twin.canonicalJson()))
                    .join();
            await("equivocation recorded", () -> forum.equivocations(hub.hub) == 1);

            // The flood: every push signed by a key made for it, then unsigned ones.
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            int refused = 0;
            for (int i = 0; i < STRANGERS; i++) {
                Ed25519KeyPair key = Ed25519KeyPair.generate(new SecureRandom());
                PeerClient stranger = new PeerClient(
                        http,
                        new RequestSigning(() -> key, Clock.systemUTC(), Duration.ofMinutes(5)),
                        Duration.ofSeconds(10));
                try {
                    stranger.push(inbox, List.of()).join();
                } catch (CompletionException e) {
                    assertEquals(403, ((PeerException) e.getCause()).status(), e.getMessage());
                    refused++;
                }
            }
            assertEquals(STRANGERS, refused);
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(inbox))
                                .header("Content-Type", PeerClient.NDJSON)
                                .POST(HttpRequest.BodyPublishers.ofString("\n"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(401, r.statusCode(), r.body());
            }

            JsonNode all = forum.admin
                    .get("/admin/v1/alerts?order=newest&limit=1000")
                    .json()
                    .get("items");
            assertTrue(all.size() <= 5, "a handful of rows, not one per request: " + all.size());
            long pushes = 0;
            long unsigned = 0;
            for (JsonNode a : all) {
                if (a.get("kind").asText().equals("refused")) {
                    assertEquals("127.0.0.1", a.get("address").asText(), a.toString());
                    if (a.get("message").asText().contains("not signed by a peer")) {
                        pushes += a.get("count").asLong();
                        assertTrue(a.get("details").has("last_key"), a.toString());
                    } else if (a.get("message").asText().contains("signature does not verify")) {
                        unsigned += a.get("count").asLong();
                    }
                    assertTrue(a.has("last_seen_at"), a.toString());
                }
            }
            assertEquals(STRANGERS, pushes, all.toString());
            assertEquals(50, unsigned, all.toString());

            // The default view: the equivocation first, however many other alerts came after it.
            JsonNode view = forum.admin.get("/admin/v1/alerts").json();
            assertEquals("equivocation", view.get("items").get(0).get("kind").asText(), view.toString());

            // Bulk acknowledge: every refusal at once; the equivocation stays open.
            TestClient.Reply ack = forum.admin.postJson("/admin/v1/alerts/acknowledge", "{\"kind\":\"refused\"}");
            assertEquals(200, ack.status(), ack.body());
            assertTrue(ack.json().get("acknowledged").asInt() >= 2, ack.body());
            JsonNode after = forum.admin.get("/admin/v1/alerts").json();
            JsonNode first = after.get("items").get(0);
            assertEquals("equivocation", first.get("kind").asText());
            assertNull(first.get("acknowledged_at"), first.toString());
            for (JsonNode a : after.get("items")) {
                if (a.get("kind").asText().equals("refused")) {
                    assertTrue(a.has("acknowledged_at"), a.toString());
                }
            }
            // ... and through an id: everything up to the equivocation's.
            long equivocationId = first.get("id").asLong();
            TestClient.Reply through =
                    forum.admin.postJson("/admin/v1/alerts/acknowledge", "{\"through\":" + equivocationId + "}");
            assertEquals(200, through.status(), through.body());
            assertTrue(forum.admin
                    .get("/admin/v1/alerts")
                    .json()
                    .get("items")
                    .get(0)
                    .has("acknowledged_at"));
            TestClient.Reply bad = forum.admin.postJson("/admin/v1/alerts/acknowledge", "{\"through\":0}");
            assertEquals(422, bad.status(), bad.body());
            assertEquals(
                    "$.through", bad.json().get("errors").get(0).get("path").asText());
        }
    }
}
