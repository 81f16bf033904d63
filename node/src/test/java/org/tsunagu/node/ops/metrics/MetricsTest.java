package org.tsunagu.node.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.Await;
import org.tsunagu.node.admin.BundleResource;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.node.ops.MutableClock;
import org.tsunagu.node.ops.OpsNode;
import org.tsunagu.node.ops.StoreNode;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;

class MetricsTest {
    @TempDir
    Path tmp;

    private final TestHub hubA = new TestHub("jp-alpha", 1);
    private OpsNode node;

    @BeforeEach
    void setUp() {
        node = new OpsNode(tmp.resolve("node"), "th-metrics");
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    private String scrape() {
        TestClient.Reply reply = node.anonymous.get("/metrics");
        assertEquals(200, reply.status(), reply.body());
        assertTrue(
                reply.contentType().startsWith("text/plain")
                        && reply.contentType().contains("version=0.0.4"),
                reply.contentType());
        return reply.body();
    }

    /** The value of the sample {@code name{labels}} (labels in the exposition's order), or NaN. */
    static double sample(String exposition, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name + labels) + " (\\S+)$")
                .matcher(exposition);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    void metrics_afterRequests_httpLatenciesByRouteTemplateAndStatus() {
        node.anonymous.get("/v1/feeds");
        node.anonymous.get("/v1/directory/organizations/jp-alpha/org-1");
        node.anonymous.get("/no/such/path");

        String text = scrape();

        assertEquals(
                1,
                sample(
                        text,
                        "tsunagu_http_requests_seconds_count",
                        "{method=\"GET\",route=\"/v1/feeds\",status=\"200\"}"),
                text);
        assertTrue(text.contains("route=\"/v1/directory/organizations/{origin}/{id}\""), "templates, not raw paths");
        assertTrue(!text.contains("org-1"), "no raw ids in labels");
        assertEquals(
                1,
                sample(
                        text,
                        "tsunagu_http_requests_seconds_count",
                        "{method=\"GET\",route=\"unmatched\",status=\"404\"}"));
        assertTrue(
                text.contains(
                        "tsunagu_http_requests_seconds_bucket{method=\"GET\",route=\"/v1/feeds\",status=\"200\",le=\"0.005\"}"),
                text);
    }

    @Test
    void metrics_bundleImports_countedByResultAndReason() throws IOException {
        node.pin(hubA);
        List<Envelope> log = new ArrayList<>();
        log.add(hubA.profile());
        log.add(hubA.next(UpdateType.ORG_UPSERT, TestHub.org("org-1", "One", "JP")));
        byte[] bundle = StoreNode.bundleOf(tmp.resolve("carrier.db"), hubA, log);
        post(bundle);
        post(bundle);
        post(java.util.Arrays.copyOf(bundle, bundle.length / 2));

        String text = scrape();

        assertEquals(2, sample(text, "tsunagu_ingest_envelopes_total", "{result=\"applied\",via=\"bundle\"}"), text);
        assertEquals(2, sample(text, "tsunagu_ingest_envelopes_total", "{result=\"duplicate\",via=\"bundle\"}"));
        assertEquals(1, sample(text, "tsunagu_ingest_rejected_total", "{reason=\"TRUNCATED\",via=\"bundle\"}"));
        assertTrue(sample(text, "tsunagu_log_envelopes", "") >= 3, "own profile + A's two");
        assertEquals(2, sample(text, "tsunagu_log_origins", ""));
    }

    private void post(byte[] bundle) {
        node.admin.send(node.admin
                .request("/admin/v1/bundles")
                .header("Content-Type", BundleResource.GZIP)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bundle)));
    }

    @Test
    void metrics_databaseSizeEquivocationsAndAlerts_present() {
        String text = scrape();
        assertTrue(sample(text, "tsunagu_database_size_bytes", "") > 0, text);
        assertEquals(0, sample(text, "tsunagu_equivocations", ""));
        assertEquals(0, sample(text, "tsunagu_origins_halted", ""));
        assertEquals(0, sample(text, "tsunagu_alerts_open", ""));
        assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics too");
    }

    @Test
    void metrics_activeSubscriber_outboxDepthAndOldestAgePerPeer() {
        node.pin(hubA);
        node.node.database().inTransaction(c -> {
            federationTables(c);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO fed_subscribers (hub, key, inbox, origins, status, created_at, updated_at) "
                            + "VALUES (?, ?, ?, '[\"*\"]', 'active', ?, ?)")) {
                ps.setString(1, "ph-follower");
                ps.setString(2, hubA.key.publicKey().keyId().value());
                ps.setString(3, "http://127.0.0.1:9/v1/inbox");
                ps.setString(4, "2026-01-01T00:00:00Z");
                ps.setString(5, "2026-01-01T00:00:00Z");
                ps.executeUpdate();
            }
            return null;
        });
        for (int i = 0; i < 3; i++) {
            node.node.publisher().publish(UpdateType.ORG_UPSERT, TestHub.org("o" + i, "Org " + i, "TH"));
        }

        String text = scrape();

        // The hub.profile published at init and three organisations, none delivered yet.
        assertEquals(4, sample(text, "tsunagu_outbox_depth", "{peer=\"ph-follower\"}"), text);
        assertTrue(sample(text, "tsunagu_outbox_oldest_age_seconds", "{peer=\"ph-follower\"}") >= 0);
    }

    /**
     * Federation's tables, from its migration, while the node's migration list does not include it yet
     * (the gauges read them as federation's outbox defines them).
     */
    private static void federationTables(java.sql.Connection c) throws java.sql.SQLException {
        try (java.sql.ResultSet rs =
                c.createStatement().executeQuery("SELECT 1 FROM sqlite_schema WHERE name = 'fed_subscribers'")) {
            if (rs.next()) {
                return;
            }
        }
        String script;
        try (java.io.InputStream in = MetricsTest.class.getResourceAsStream("/db/V050__federation.sql")) {
            script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        for (String statement : sql.toString().split(";\\s*\n")) {
            if (!statement.isBlank()) {
                c.createStatement().execute(statement);
            }
        }
    }

    @Test
    void metrics_afterFollowingAPeer_pullLagPerOriginAndPulledEnvelopes() throws Exception {
        try (OpsNode peer = new OpsNode(tmp.resolve("peer"), "jp-peer")) {
            peer.node.publisher().publish(UpdateType.ORG_UPSERT, TestHub.org("o1", "One", "JP"));
            TestClient.Reply follow = node.admin.postJson(
                    "/admin/v1/subscriptions", "{\"peer\":\"" + peer.server.baseUri() + "\",\"origins\":[\"*\"]}");
            assertTrue(follow.status() / 100 == 2, follow.body());

            Await.until(Duration.ofSeconds(10), "caught up by pull", () -> caughtUpByPull(scrape()));
            String text = scrape();

            assertEquals(0, sample(text, "tsunagu_pull_lag_envelopes", "{origin=\"jp-peer\"}"), text);
            assertTrue(
                    sample(text, "tsunagu_ingest_envelopes_total", "{result=\"applied\",via=\"pull\"}") >= 2,
                    "the peer's profile and o1, pulled: " + text);
            assertEquals(
                    2, node.node.log().head(HubId.of("jp-peer")).orElseThrow().seq(), "caught up: profile + o1");
        }
    }

    /** The peer advertises a third hub's feed too; this node follows only the peer's own records. */
    @Test
    void metrics_peerAdvertisesAnUnfollowedOrigin_noPullLagForIt() throws Exception {
        try (OpsNode peer = new OpsNode(tmp.resolve("peer2"), "jp-peer")) {
            peer.node.publisher().publish(UpdateType.ORG_UPSERT, TestHub.org("o1", "One", "JP"));
            TestHub other = new TestHub("th-other", 77);
            peer.pin(other);
            new org.tsunagu.node.log.Ingestor(peer.node.database(), peer.node.clock(), o -> true)
                    .ingest(java.util.List.of(other.profile()));
            assertTrue(peer.node.log().head(other.id).isPresent(), "the peer holds th-other");
            TestClient.Reply follow = node.admin.postJson(
                    "/admin/v1/subscriptions",
                    "{\"peer\":\"" + peer.server.baseUri() + "\",\"origins\":[\"jp-peer\"]}");
            assertTrue(follow.status() / 100 == 2, follow.body());

            Await.until(Duration.ofSeconds(10), "caught up by pull", () -> caughtUpByPull(scrape()));
            String text = scrape();
            assertTrue(caughtUpByPull(text), text);
            assertFalse(text.contains("origin=\"th-other\""), text);
        }
    }

    private static boolean caughtUpByPull(String text) {
        return sample(text, "tsunagu_pull_lag_envelopes", "{origin=\"jp-peer\"}") == 0
                && sample(text, "tsunagu_ingest_envelopes_total", "{result=\"applied\",via=\"pull\"}") >= 2;
    }

    @Test
    void pullLag_peerAheadThenCaughtUp_envelopesAndSecondsBehind() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
        Map<HubId, Long> local = new java.util.concurrent.ConcurrentHashMap<>(Map.of(hubA.id, 11L));
        NodeMetrics metrics = new NodeMetrics(node.node.database(), o -> local.getOrDefault(o, 0L), clock);

        metrics.pullLag().observed(HubId.of("jp-peer"), Map.of(hubA.id, 20L));
        clock.advance(Duration.ofSeconds(30));
        String behind = metrics.scrape();
        local.put(hubA.id, 20L);
        String caughtUp = metrics.scrape();

        assertEquals(9, sample(behind, "tsunagu_pull_lag_envelopes", "{origin=\"jp-alpha\"}"), behind);
        assertEquals(30, sample(behind, "tsunagu_pull_lag_seconds", "{origin=\"jp-alpha\"}"));
        assertEquals(0, sample(caughtUp, "tsunagu_pull_lag_envelopes", "{origin=\"jp-alpha\"}"));
        assertEquals(0, sample(caughtUp, "tsunagu_pull_lag_seconds", "{origin=\"jp-alpha\"}"));
    }
}
