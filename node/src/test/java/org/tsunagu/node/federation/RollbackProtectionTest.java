package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.node.federation.FederationFixtures.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.Main;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.settings.Settings;

/**
 * Rollback protection (issue #11 case 2, "restoring an older backup makes the hub equivocate against
 * itself") on real nodes over loopback: a restored hub catches up on its own log from its followers
 * before it signs, admin writes answer 503 while it cannot, and a hub that lost its disk is rebuilt
 * from a follower with {@code init --recover-from}.
 */
class RollbackProtectionTest {
    @TempDir
    Path dir;

    private TestNode node(String hub) {
        return new TestNode(dir.resolve(hub), hub, c -> c).start();
    }

    /** The node in {@code hub}'s folder, started with the rollback check skipped (rollback_check=false). */
    private TestNode startSkippingCheck(String hub) {
        return new TestNode(dir.resolve(hub), hub, c -> c, Settings.defaults().with(Settings.ROLLBACK_CHECK, false))
                .start();
    }

    private static String org(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"Org " + id + "\",\"country\":\"JP\"}";
    }

    /** The CLI in this JVM, as an admin runs it; fails the test on a non-zero exit. */
    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, status, String.join(" ", args) + ": " + out + err);
        return out.toString();
    }

    /** POSTs an organisation until it is accepted; every refusal meanwhile must be the check's 503. */
    private static JsonNode writeWhenAllowed(TestNode hub, String id) {
        java.util.concurrent.atomic.AtomicReference<JsonNode> written =
                new java.util.concurrent.atomic.AtomicReference<>();
        await(Duration.ofSeconds(30), "writes allowed", () -> {
            TestClient.Reply r = hub.admin.postJson("/admin/v1/organizations", org(id));
            if (r.status() == 201) {
                written.set(r.json());
                return true;
            }
            assertEquals(503, r.status(), r.body());
            return false;
        });
        return written.get();
    }

    @Test
    void restore_olderBackupThenWrite_continuesFromFollowersWithNoHalt() {
        try (TestNode hub = node("jp-hub");
                TestNode th = node("th-hub");
                TestNode forum = node("ap-forum")) {
            th.follow(hub);
            forum.follow(hub);
            hub.adminPost("/admin/v1/organizations", org("o1"));
            long n = hub.head(hub);
            await("followers at N", () -> th.head(hub) == n && forum.head(hub) == n);
            Path backup = dir.resolve("jp-hub-at-N.db");
            cli("backup", "--data", dir.resolve("jp-hub").toString(), "--out", backup.toString());

            JsonNode lost = hub.adminPost("/admin/v1/organizations", org("after-backup"));
            assertEquals(n + 1, lost.path("seq").asLong(), lost.toString());
            await("followers at N+1", () -> th.head(hub) == n + 1 && forum.head(hub) == n + 1);

            hub.stop();
            String said = cli("restore", "--data", dir.resolve("jp-hub").toString(), "--force", backup.toString());
            assertTrue(said.contains("in a federation"), said);
            assertTrue(Files.exists(dir.resolve("jp-hub").resolve(RollbackGuard.RESTORED_MARKER)));
            hub.start();

            JsonNode next = writeWhenAllowed(hub, "after-restore");
            assertEquals(n + 2, next.path("seq").asLong(), "the hub continued from the followers' N+1: " + next);
            await("every node at N+2", () -> th.head(hub) == n + 2 && forum.head(hub) == n + 2);
            assertEquals(n + 2, hub.head(hub));
            for (TestNode node : new TestNode[] {hub, th, forum}) {
                assertEquals(0, node.equivocations(hub.hub), node.hub + " halted jp-hub");
                assertEquals(hub.feed(hub.hub, 0, 100), node.feed(hub.hub, 0, 100), node.hub + "'s copy");
            }
            // The envelope signed after the backup was pulled back and is in the directory again.
            assertTrue(
                    hub.node().directory().organization(hub.hub, "after-backup").isPresent());
            assertFalse(Files.exists(dir.resolve("jp-hub").resolve(RollbackGuard.RESTORED_MARKER)));
        }
    }

    @Test
    void adminWrite_holderDown_answers503UntilItAnswersOrTheAdminOverrides() throws Exception {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            forum.follow(hub);
            hub.adminPost("/admin/v1/organizations", org("o1"));
            await("synced", () -> forum.head(hub) == 2);
            forum.stop();
            hub.stop();
            hub.start();
            await("the check gave up on ap-forum for now", () -> {
                String why = hub.federation().rollback().reason();
                return why != null && why.contains("ap-forum");
            });

            TestClient.Reply refused = hub.admin.postJson("/admin/v1/organizations", org("o2"));
            assertEquals(503, refused.status(), refused.body());
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
            assertTrue(refused.json().path("detail").asText().contains("ap-forum"), refused.body());
            assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
            TestClient.Reply rotate = hub.admin.postJson("/admin/v1/keys/rotate", "{}");
            assertEquals(503, rotate.status(), rotate.body());
            assertFalse(Files.exists(dir.resolve("jp-hub").resolve("node.key.next")), "no key was made");
            assertEquals(2, hub.head(hub), "nothing was signed");
            // What a script waits on before it writes: /healthz says writes wait, without naming peers.
            TestClient.Reply health = new TestClient(hub.base(), null).get("/healthz");
            assertEquals(200, health.status(), health.body());
            assertEquals("waiting", health.json().path("writes").asText(), health.body());
            assertFalse(health.body().contains("ap-forum"), health.body());

            // The holder comes back: the check passes by itself.
            forum.start();
            await(
                    "/healthz says writes are allowed",
                    () -> "allowed"
                            .equals(new TestClient(hub.base(), null)
                                    .get("/healthz")
                                    .json()
                                    .path("writes")
                                    .asText()));
            JsonNode written = writeWhenAllowed(hub, "o2");
            assertEquals(3, written.path("seq").asLong());
            await("forum has it", () -> forum.head(hub) == 3);

            // Down again; the admin overrides the check for one start and writes at once.
            forum.stop();
            hub.stop();
            try (TestNode overridden = startSkippingCheck("jp-hub")) {
                assertTrue(overridden.federation().rollback().writable());
                // (This node listens on another port, so it signed a new profile on start.)
                long before = overridden.head(overridden.hub);
                TestClient.Reply ok = overridden.admin.postJson("/admin/v1/organizations", org("o3"));
                assertEquals(201, ok.status(), ok.body());
                assertEquals(before + 1, ok.json().path("seq").asLong());
            }
        }
    }

    @Test
    void adminWrite_followerHangs_answers503WithWhy() {
        com.github.tomakehurst.wiremock.WireMockServer hanging = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options()
                        .dynamicPort());
        hanging.start();
        try (TestNode hub = node("jp-hub")) {
            hanging.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                            com.github.tomakehurst.wiremock.client.WireMock.anyUrl())
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"feeds\":[]}")
                            .withFixedDelay(10_000)));
            // A follower that accepts connections and never answers.
            new SubscriberStore(hub.node().database(), java.time.Clock.systemUTC())
                    .put(
                            org.tsunagu.protocol.HubId.of("zz-hangs"),
                            org.tsunagu.protocol.sign.Ed25519KeyPair.generate(new java.security.SecureRandom())
                                    .publicKey()
                                    .keyId(),
                            hanging.baseUrl() + "/v1/inbox",
                            OriginFilter.all(),
                            SubscriberStore.Status.ACTIVE,
                            Map.of());
            hub.stop();
            hub.start();
            await("the check gave up on zz-hangs for now", () -> {
                String why = hub.federation().rollback().reason();
                return why != null && why.contains("zz-hangs");
            });
            TestClient.Reply refused = hub.admin.postJson("/admin/v1/organizations", org("o1"));
            assertEquals(503, refused.status(), refused.body());
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
            assertTrue(refused.json().path("detail").asText().contains("zz-hangs"), refused.body());
            assertEquals(1, hub.head(hub), "nothing was signed");
        } finally {
            hanging.stop();
        }
    }

    @Test
    void initRecoverFrom_lostDisk_rebuildsFromFollowerAndContinuesChain() throws IOException {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            forum.follow(hub);
            hub.adminPost("/admin/v1/organizations", org("o1"));
            hub.adminPost("/admin/v1/keys/rotate", "{}"); // recovery follows the log's key rotations
            hub.adminPost("/admin/v1/organizations", org("o2"));
            long n = hub.head(hub);
            await("forum has all", () -> forum.head(hub) == n);

            hub.stop();
            Path saved = dir.resolve("saved-node.key");
            Files.copy(dir.resolve("jp-hub").resolve("node.key"), saved);
            deleteTree(dir.resolve("jp-hub")); // the disk is lost; the key was kept

            String said = cli(
                    "init",
                    "--data",
                    dir.resolve("jp-hub").toString(),
                    "--recover-from",
                    forum.url(),
                    "--key",
                    saved.toString());
            assertTrue(said.contains("up to seq " + n), said);
            hub.start();
            assertEquals(n, hub.head(hub));
            assertTrue(hub.node().directory().organization(hub.hub, "o2").isPresent(), "directory rebuilt");

            JsonNode next = writeWhenAllowed(hub, "o3");
            assertEquals(n + 1, next.path("seq").asLong(), next.toString());
            await("forum follows on", () -> forum.head(hub) == n + 1);
            assertEquals(0, forum.equivocations(hub.hub));
            assertEquals(hub.feed(hub.hub, 0, 100), forum.feed(hub.hub, 0, 100));
        }
    }

    @Test
    void adminWrite_newNodeWithNoPeers_acceptedAtOnce() {
        try (TestNode hub = node("jp-hub")) {
            assertTrue(hub.federation().rollback().writable());
            TestClient.Reply r = hub.admin.postJson("/admin/v1/organizations", org("o1"));
            assertEquals(201, r.status(), r.body());
        }
    }

    @Test
    void restore_backupNamingNoHolder_waitsUntilTheAdminOverrides() {
        try (TestNode hub = node("jp-hub")) {
            Path backup = dir.resolve("b.db");
            cli("backup", "--data", dir.resolve("jp-hub").toString(), "--out", backup.toString());
            hub.stop();
            cli("restore", "--data", dir.resolve("jp-hub").toString(), "--force", backup.toString());
            hub.start();
            TestClient.Reply refused = hub.admin.postJson("/admin/v1/organizations", org("o1"));
            assertEquals(503, refused.status(), refused.body());
            assertTrue(refused.json().path("detail").asText().contains("restored"), refused.body());
            hub.stop();
            try (TestNode overridden = startSkippingCheck("jp-hub")) {
                assertEquals(
                        201,
                        overridden
                                .admin
                                .postJson("/admin/v1/organizations", org("o1"))
                                .status());
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
