package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.node.federation.FederationFixtures.await;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.protocol.KeyId;

/**
 * SPEC §8 first contact (issue #11 case 1): a new node follows a hub that rotated its key twice,
 * directly, over the admin API as an operator would.
 */
class FirstContactTest {
    @TempDir
    Path dir;

    @Test
    void follow_hubThatRotatedTwice_verifiesFromSeqOneAndSyncs() {
        try (TestNode jp = TestNode.start(dir.resolve("jp"), "jp-hub");
                TestNode fresh = TestNode.start(dir.resolve("fresh"), "mm-hub")) {
            jp.publishOrg("o1", "Before any rotation");
            jp.adminPost("/admin/v1/keys/rotate", "{}");
            jp.publishOrg("o2", "Between the rotations");
            jp.adminPost("/admin/v1/keys/rotate", "{}");
            jp.publishOrg("o3", "After both rotations");
            KeyId now = jp.key().publicKey().keyId();
            long head = jp.head(jp);
            assertEquals(6, head);

            TestClient.Reply added = fresh.admin.postJson(
                    "/admin/v1/peers", "{\"url\":\"" + jp.url() + "\",\"expect_key\":\"" + now.value() + "\"}");
            assertEquals(201, added.status(), added.body());
            assertEquals(now.value(), added.json().get("key").asText());
            // The hub side knows the newcomer, so its follow request is accepted at once.
            jp.federation().peers().add(fresh.url(), null);
            TestClient.Reply follow =
                    fresh.admin.postJson("/admin/v1/subscriptions", "{\"peer\":\"jp-hub\",\"origins\":[\"*\"]}");
            assertEquals(201, follow.status(), follow.body());
            await("the whole rotated log", () -> fresh.head(jp) == head);
            assertEquals(now, fresh.currentKey(jp.hub).orElseThrow());
            assertEquals(3, fresh.node().keys().history(jp.hub).size());
            assertEquals(0, fresh.federation().alerts().list("rejected", 10).size(), "nothing refused on the way");

            // Later pushes, signed by the current key, arrive without a gap.
            jp.publishOrg("o4", "Pushed after first contact");
            await("the push after first contact", () -> fresh.head(jp) == head + 1);
            assertTrue(fresh.node().directory().organization(jp.hub, "o2").isPresent());
        }
    }

    @Test
    void addPeer_expectKeyOfARetiredKey_conflictAndNothingPinned() {
        try (TestNode jp = TestNode.start(dir.resolve("jp"), "jp-hub");
                TestNode fresh = TestNode.start(dir.resolve("fresh"), "mm-hub")) {
            KeyId old = jp.key().publicKey().keyId();
            jp.adminPost("/admin/v1/keys/rotate", "{}");
            TestClient.Reply r = fresh.admin.postJson(
                    "/admin/v1/peers", "{\"url\":\"" + jp.url() + "\",\"expect_key\":\"" + old.value() + "\"}");
            assertEquals(409, r.status(), r.body());
            assertTrue(r.contentType().startsWith("application/problem+json"));
            assertEquals(
                    "$.expect_key", r.json().get("errors").get(0).get("path").asText(), r.body());
            assertTrue(fresh.currentKey(jp.hub).isEmpty());
            assertEquals(0, fresh.head(jp));
        }
    }
}
