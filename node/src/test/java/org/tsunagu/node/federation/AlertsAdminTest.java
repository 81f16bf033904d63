package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.node.federation.FederationFixtures.await;
import static org.tsunagu.node.federation.FederationFixtures.clientSigningWith;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/** {@code /admin/v1/alerts}: one list of every kind of alert, from the log and from federation. */
class AlertsAdminTest {
    @TempDir
    Path dir;

    private static List<String> kinds(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(a -> out.add(a.get("kind").asText()));
        return out;
    }

    @Test
    void alerts_everyKind_listedNewestFirstWithAcknowledge() {
        try (TestNode hub = TestNode.start(dir.resolve("hub"), "jp-hub");
                TestNode forum = TestNode.start(dir.resolve("forum"), "ap-forum")) {
            forum.follow(hub);
            hub.publishOrg("o1", "Org");
            await("synced", () -> forum.head(hub) == 2);
            String inbox = forum.url() + "/v1/inbox";

            // 1. A push signed by a key that is no peer's.
            PeerClient stranger = clientSigningWith(Ed25519KeyPair.generate(new SecureRandom()));
            assertTrue(assertFails(() -> stranger.push(inbox, List.of()).join()));
            // 2. A forged envelope of jp-hub, pushed by jp-hub's (real) key.
            Envelope head = Envelope.parse(hub.feed(hub.hub, 1, 1).get(0));
            Envelope forged = FederationFixtures.forgedAfter(head);
            clientSigningWith(hub.key())
                    .push(inbox, List.of(forged.canonicalJson()))
                    .join();
            // 3. jp-hub rotates its key; the forum follows the rotation.
            Ed25519KeyPair oldKey = hub.key();
            hub.adminPost("/admin/v1/keys/rotate", "{}");
            await("rotation arrives", () -> forum.head(hub) == 3);
            // 4. jp-hub equivocates at seq 3 with its old key (the key in force there).
            Envelope rotate = Envelope.parse(hub.feed(hub.hub, 2, 1).get(0));
            Envelope twin = FederationFixtures.orgAt(hub.hub, 3, rotate.prev(), "o1", "Other", oldKey);
            clientSigningWith(hub.key())
                    .push(inbox, List.of(twin.canonicalJson()))
                    .join();

            JsonNode items = forum.admin.get("/admin/v1/alerts").json().get("items");
            assertEquals(
                    List.of("equivocation", "key_rotation", "rejected", "refused"), kinds(items), items.toString());
            JsonNode equivocation = items.get(0);
            assertEquals("jp-hub", equivocation.get("origin").asText());
            assertEquals(3, equivocation.get("seq").asLong());
            assertEquals("jp-hub", equivocation.get("peer").asText(), "the peer that delivered the evidence");
            assertEquals(
                    twin.hash(), equivocation.get("details").get("conflicting").asText());
            assertEquals(
                    1.0,
                    forum.federation()
                            .metrics()
                            .counter("tsunagu.ingest.equivocations", "via", "push", "origin", "jp-hub")
                            .count(),
                    "the equivocation metric still counts");
            JsonNode rotation = items.get(1);
            assertEquals(
                    hub.key().publicKey().keyId().value(),
                    rotation.get("details").get("new_key").asText());
            JsonNode rejected = items.get(2);
            assertEquals("jp-hub", rejected.get("peer").asText());
            assertEquals("BAD_SIGNATURE", rejected.get("details").get("reason").asText());
            assertFalse(items.toString().contains("seed"), "no private material");

            // Acknowledge: stays listed, marked; an unknown id is a problem.
            long id = equivocation.get("id").asLong();
            TestClient.Reply ack = forum.admin.postJson("/admin/v1/alerts/" + id + "/acknowledge", "");
            assertEquals(200, ack.status(), ack.body());
            assertTrue(ack.json().has("acknowledged_at"));
            JsonNode again = forum.admin.get("/admin/v1/alerts").json().get("items");
            assertTrue(again.get(0).has("acknowledged_at"));
            assertFalse(again.get(1).has("acknowledged_at"));
            TestClient.Reply missing = forum.admin.postJson("/admin/v1/alerts/999999/acknowledge", "");
            assertEquals(404, missing.status());
            assertTrue(missing.contentType().startsWith("application/problem+json"), missing.contentType());

            JsonNode onlyRejected =
                    forum.admin.get("/admin/v1/alerts?kind=rejected").json().get("items");
            assertEquals(List.of("rejected"), kinds(onlyRejected));
            // The hub's own rotation is listed on the hub.
            assertEquals(
                    List.of("key_rotation"),
                    kinds(hub.admin.get("/admin/v1/alerts").json().get("items")));
        }
    }

    private static boolean assertFails(Runnable r) {
        try {
            r.run();
            return false;
        } catch (CompletionException e) {
            return e.getCause() instanceof PeerException;
        }
    }
}
