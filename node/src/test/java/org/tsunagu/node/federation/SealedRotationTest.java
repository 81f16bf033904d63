package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.protocol.Envelope;

/**
 * Encryption key rotation between two real nodes (SPEC §6.10): th-hub publishes its X25519 key in its
 * version 2 profile, mm-hub seals to it, th-hub rotates; the next record is sealed to the new key (the
 * one in th-hub's latest profile), and th-hub still opens the record sealed to the old one, which it
 * keeps. A record sealed to "followers" is resolved to the hubs mm-hub follows or that follow it.
 */
class SealedRotationTest {
    @TempDir
    Path dir;

    @Test
    void rotate_newRecordsSealedToNewKey_oldRecordsStillOpen() throws Exception {
        try (TestNode origin = TestNode.start(dir.resolve("mm-hub"), "mm-hub");
                TestNode hub = TestNode.start(dir.resolve("th-hub"), "th-hub")) {
            TestClient.Reply early = hub.admin.post("/admin/v1/encryption-keys/rotate", "application/json", "");
            assertEquals(409, early.status(), "a version 1 log has no profile to name the key in: " + early.body());
            origin.adminPost("/admin/v1/protocol", "{\"version\":2}");
            hub.adminPost("/admin/v1/protocol", "{\"version\":2}");
            hub.follow(origin);
            origin.follow(hub);
            String first = hub.admin
                    .get("/admin/v1/encryption-keys")
                    .json()
                    .get("current")
                    .asText();
            awaitProfile(origin, hub, first);

            origin.adminPost("/admin/v1/organizations", record("old", "hubs", "[\"th-hub\"]"));
            assertEquals(first, sealedTo(origin, "th-hub"));

            JsonNode rotated = hub.adminPost("/admin/v1/encryption-keys/rotate", "");
            String second = rotated.get("current").asText();
            assertNotEquals(first, second);
            assertEquals(List.of(first, second), texts(rotated.get("keys")));
            for (Path key : List.of(keyFile(hub, 1), keyFile(hub, 2))) {
                assertEquals(
                        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)), key.toString());
                assertTrue(!Files.readString(key).contains(second), "a key file holds the private key only");
            }
            awaitProfile(origin, hub, second);

            origin.adminPost("/admin/v1/organizations", record("new", "hubs", "[\"th-hub\"]"));
            assertEquals(second, sealedTo(origin, "th-hub"));
            origin.adminPost("/admin/v1/organizations", record("all-followers", "hubs", "\"followers\""));
            assertEquals(second, sealedTo(origin, "th-hub"));

            long head = origin.head(origin);
            FederationFixtures.await(Duration.ofSeconds(90), "th-hub holds them", () -> hub.head(origin) == head);
            for (String id : List.of("old", "new", "all-followers")) {
                JsonNode o = hub.admin
                        .get("/v1/directory/organizations/mm-hub/" + id)
                        .json();
                assertTrue(o.get("sealed").get("opened").booleanValue(), id + ": " + o);
                assertEquals(
                        "Sealed detail of " + id,
                        o.get("record").get("description").asText());
            }
            LeakProbes.verify(hub);
        }
    }

    private static String record(String id, String member, String hubs) {
        return "{\"id\":\"" + id + "\",\"name\":\"Network " + id
                + "\",\"country\":\"MM\",\"description\":\"Sealed detail of " + id
                + "\",\"audience\":{\"kind\":\"listed\",\"" + member + "\":" + hubs + "}}";
    }

    /** Waits until {@code origin} holds {@code hub}'s profile naming {@code key}. */
    private static void awaitProfile(TestNode origin, TestNode hub, String key) {
        FederationFixtures.await(
                Duration.ofSeconds(90),
                "mm-hub holds th-hub's profile with " + key,
                () -> key.equals(origin.admin.get("/v1/directory/hubs").json().findValues("encryption_key").stream()
                        .map(JsonNode::asText)
                        .filter(key::equals)
                        .findFirst()
                        .orElse(null)));
    }

    /** The encryption key the origin's newest envelope is sealed to for {@code hub}. */
    private static String sealedTo(TestNode origin, String hub) {
        List<String> feed = origin.feed(origin.hub, origin.head(origin) - 1, 1);
        Envelope e = Envelope.parse(feed.get(0));
        for (JsonNode to : e.body().get("sealed").get("to")) {
            if (to.get("hub").asText().equals(hub)) {
                return to.get("key").asText();
            }
        }
        throw new AssertionError(hub + " is not a recipient of " + e);
    }

    private static Path keyFile(TestNode n, int number) {
        return n.node().config().dataDir().resolve("encryption-keys").resolve(String.format("%06d.key", number));
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
