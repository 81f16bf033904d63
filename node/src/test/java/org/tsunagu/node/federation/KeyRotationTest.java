package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.node.federation.FederationFixtures.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.home.KeyFile;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.log.HubKey;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.KeyId;

/** {@code POST /admin/v1/keys/rotate} on a real hub, followed by a real forum. */
class KeyRotationTest {
    @TempDir
    Path dir;

    private void rotateAndFollow(boolean keepOld) {
        try (TestNode hub = TestNode.start(dir.resolve("hub"), "jp-hub");
                TestNode forum = TestNode.start(dir.resolve("forum"), "ap-forum")) {
            forum.follow(hub);
            hub.publishOrg("o1", "Before");
            await("before rotation", () -> forum.head(hub) == 2);
            KeyId oldKey = hub.key().publicKey().keyId();

            JsonNode rotation = hub.adminPost("/admin/v1/keys/rotate", "{\"keep_old_key\":" + keepOld + "}");
            KeyId newKey = hub.key().publicKey().keyId();
            assertNotEquals(oldKey, newKey);
            assertEquals(3, rotation.get("seq").asLong());
            assertEquals(newKey.value(), rotation.get("new_key").asText());
            assertFalse(rotation.toString().contains("seed"), "no private material in the answer");
            // node.key holds the new key; the old private key is archived or gone, as asked.
            assertEquals(
                    newKey,
                    KeyFile.read(dir.resolve("hub/node.key")).publicKey().keyId());
            assertEquals(keepOld, Files.exists(dir.resolve("hub/node.key.retired-3")));
            assertFalse(Files.exists(dir.resolve("hub/node.key.next")));

            hub.adminPost(
                    "/admin/v1/organizations",
                    FederationFixtures.org("o2", "After").toString());
            await("after rotation", () -> forum.head(hub) == 4);
            // The first push after the rotation is signed by the new key and carries the key.rotate
            // that introduces it: accepted at once, not refused as coming from a stranger.
            assertEquals(
                    0.0,
                    forum.federation()
                            .metrics()
                            .counter("tsunagu_federation_refused_total", "what", "push")
                            .count());
            assertEquals(0, hub.federation().subscribers().list().get(0).failures());
            assertEquals(newKey, forum.currentKey(hub.hub).orElseThrow());
            List<HubKey> history = forum.node().keys().history(hub.hub);
            assertEquals(2, history.size());
            assertEquals(oldKey, history.get(0).key());
            assertEquals(3L, history.get(0).toSeq());
            assertEquals(4L, history.get(1).fromSeq());
            // Every envelope still verifies with the key the ring holds for its seq.
            for (String line : forum.feed(hub.hub, 0, 10)) {
                Envelope e = Envelope.parse(line);
                e.verifySignature(forum.node().keys().keyFor(hub.hub, e.seq()).orElseThrow());
            }
            // Requests are now signed by the new key, which the forum learned from the log.
            assertEquals(
                    newKey.value(),
                    forum.federation().peers().add(hub.url(), newKey.value()).key());
            hub.stop();
            hub.start();
            hub.publishOrg("o3", "After restart");
            await("after restart", () -> forum.head(hub) == 5);
        }
    }

    @Test
    void rotate_deletingOldKey_followersAcceptNewKeyFromNextSeq() {
        rotateAndFollow(false);
    }

    @Test
    void rotate_keepingOldKey_oldPrivateKeyArchived() {
        rotateAndFollow(true);
    }

    @Test
    void recover_crashAfterRotateBeforeRename_usesTheKeyTheLogNames() throws Exception {
        Path hubDir = dir.resolve("hub");
        try (TestNode hub = TestNode.start(hubDir, "jp-hub")) {
            hub.adminPost("/admin/v1/keys/rotate", "{}");
            KeyId rotated = hub.key().publicKey().keyId();
            hub.stop();
            // Simulate the crash: the new key is still in node.key.next, node.key is the old one.
            Path keyFile = hubDir.resolve("node.key");
            Files.move(keyFile, hubDir.resolve("node.key.next"));
            KeyFile.write(keyFile, org.tsunagu.protocol.sign.Ed25519KeyPair.generate(new java.security.SecureRandom()));
            hub.start();
            assertEquals(rotated, hub.key().publicKey().keyId());
            assertTrue(hub.publishOrg("o1", "Signed by the rotated key").key().equals(rotated));
        }
    }

    @ParameterizedTest(name = "keep_old_key={0}")
    @ValueSource(booleans = {true, false})
    void rotate_nodeWithoutKeyFile_rotatesAndStoresTheKeys(boolean keepOld) {
        // org.tsunagu.node.TestNode holds its key in memory only: there is no node.key.
        try (org.tsunagu.node.TestNode node = org.tsunagu.node.TestNode.start(dir.resolve("mem"), "jp-hub", "JP")) {
            Path keyFile = node.node.config().keyFile();
            assertFalse(Files.exists(keyFile));
            TestClient.Reply r = node.admin.postJson("/admin/v1/keys/rotate", "{\"keep_old_key\":" + keepOld + "}");
            assertEquals(200, r.status(), r.body());
            KeyId newKey = new KeyId(r.json().get("new_key").asText());
            assertEquals(2, r.json().get("seq").asLong());
            assertFalse(r.json().has("warning"), r.body());
            assertEquals(newKey, KeyFile.read(keyFile).publicKey().keyId(), "the new key is stored");
            Path retired = keyFile.resolveSibling("node.key.retired-2");
            assertEquals(keepOld, Files.exists(retired));
            if (keepOld) {
                assertEquals(
                        node.key.publicKey().keyId(),
                        KeyFile.read(retired).publicKey().keyId());
            }
            assertFalse(Files.exists(keyFile.resolveSibling("node.key.next")));
            TestClient.Reply org = node.admin.postJson(
                    "/admin/v1/organizations",
                    FederationFixtures.org("o1", "After").toString());
            assertEquals(201, org.status(), org.body());
            assertEquals(
                    newKey,
                    node.node.log().envelope(node.hub(), 3).orElseThrow().key());
        }
    }

    @Test
    void rotate_keyFileHoldsAnotherKey_problem409AndNothingRotated() throws Exception {
        try (TestNode hub = TestNode.start(dir.resolve("hub"), "jp-hub")) {
            KeyId signing = hub.key().publicKey().keyId();
            Path keyFile = dir.resolve("hub/node.key");
            Files.delete(keyFile);
            KeyFile.write(keyFile, org.tsunagu.protocol.sign.Ed25519KeyPair.generate(new java.security.SecureRandom()));
            long head = hub.head(hub.hub);

            TestClient.Reply r = hub.admin.postJson("/admin/v1/keys/rotate", "{}");
            assertEquals(409, r.status(), r.body());
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            assertTrue(r.json().get("detail").asText().contains("node.key holds key"), r.body());
            assertEquals(head, hub.head(hub.hub), "no key.rotate was signed");
            assertEquals(signing, hub.key().publicKey().keyId());
            assertFalse(Files.exists(dir.resolve("hub/node.key.next")));
        }
    }
}
