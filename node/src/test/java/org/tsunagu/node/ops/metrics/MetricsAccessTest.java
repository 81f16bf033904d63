package org.tsunagu.node.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.ops.OpsNode;
import org.tsunagu.node.settings.Settings;

/** Where /metrics is served as the admin chooses, the build_info gauge, and route labels. */
class MetricsAccessTest {
    @TempDir
    Path tmp;

    @Test
    void metrics_default_publicWithBuildInfoAndSingleSlashRoutes() {
        try (OpsNode node = new OpsNode(tmp.resolve("n"), "jp-metrics")) {
            assertEquals(200, node.anonymous.get("/hubs").status());
            assertEquals(200, node.anonymous.get("/").status());
            String text = node.anonymous.get("/metrics").body();
            assertTrue(
                    text.matches(
                            "(?s).*\\ntsunagu_build_info\\{java_version=\"[^\"]+\",version=\"[^\"]+\"} 1(\\.0)?\\n.*"),
                    text);
            assertTrue(text.contains("route=\"/hubs\""), text);
            assertTrue(text.contains("route=\"/\""), text);
            assertFalse(text.contains("route=\"//"), "no doubled slashes in route labels");
        }
    }

    @Test
    void metrics_tokenAccess_needsTheAdminToken() {
        Settings settings = Settings.defaults().with(Settings.METRICS_ACCESS, MetricsAccess.parse("token"));
        try (OpsNode node = new OpsNode(tmp.resolve("n"), "jp-metrics", null, settings)) {
            TestClient.Reply anonymous = node.anonymous.get("/metrics");
            assertEquals(401, anonymous.status());
            assertTrue(anonymous.contentType().startsWith("application/problem+json"), anonymous.contentType());
            assertFalse(anonymous.body().contains(node.token), "the token never appears in an answer");
            TestClient.Reply admin = node.admin.get("/metrics");
            assertEquals(200, admin.status());
            assertTrue(admin.body().contains("tsunagu_build_info"), admin.body());
        }
    }

    @Test
    void metrics_separatePort_onlyThereAndClosedWithTheNode() {
        Settings settings = Settings.defaults().with(Settings.METRICS_ACCESS, MetricsAccess.parse("127.0.0.1:0"));
        ApiServer metrics;
        try (OpsNode node = new OpsNode(tmp.resolve("n"), "jp-metrics", null, settings)) {
            assertEquals(404, node.anonymous.get("/metrics").status(), "not on the public port");
            assertEquals(1, node.server.attached().size());
            metrics = node.server.attached().get(0);
            TestClient scraper = new TestClient(metrics.baseUri(), null);
            TestClient.Reply reply = scraper.get("/metrics");
            assertEquals(200, reply.status());
            assertTrue(reply.body().contains("tsunagu_build_info"), reply.body());
            assertEquals(404, scraper.get("/v1/feeds").status(), "the metrics listener serves nothing else");
        }
        TestClient after = new TestClient(metrics.baseUri(), null);
        assertThrows(RuntimeException.class, () -> after.get("/metrics"), "closed with the node");
    }

    @Test
    void parse_accessValues_roundTripAndBadOnesNamed() {
        assertEquals(MetricsAccess.PUBLIC, MetricsAccess.parse("public"));
        assertEquals("token", MetricsAccess.parse("token").format());
        MetricsAccess separate = MetricsAccess.parse("[::1]:9464");
        assertEquals("::1", separate.host());
        assertEquals(9464, separate.port());
        assertEquals("[::1]:9464", separate.format());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> MetricsAccess.parse("open"));
        assertTrue(bad.getMessage().contains("\"open\""), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MetricsAccess.parse("127.0.0.1:70000"));
    }
}
