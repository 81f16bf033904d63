package org.tsunagu.node.federation;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * SPEC §10.4 from the sending side: a subscriber that did not declare protocol version 2 (an older
 * node, played by WireMock as its inbox) is pushed the version 1 envelopes of a log and nothing from
 * the first version 2 envelope on, and the sending node's admin is told once, naming it.
 */
class VersionOnePeerTest {
    @TempDir
    Path dir;

    @Test
    void push_subscriberWithoutVersion2_getsVersion1OnlyAndAdminIsAlerted() throws Exception {
        WireMockServer inbox =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        inbox.start();
        try (TestNode origin = TestNode.start(dir.resolve("origin"), "mm-hub")) {
            inbox.stubFor(post(urlPathEqualTo("/v1/inbox"))
                    .willReturn(okJson("{\"accepted\":[],\"duplicates\":[],\"rejected\":[]}")));
            Ed25519KeyPair oldNode = TestHub.keyPair(41);
            // A subscription request as a version 1 node sends it: signed, without Tsunagu-Versions.
            byte[] body = ("{\"hub\":\"xx-old\",\"inbox\":\"" + inbox.baseUrl() + "/v1/inbox\",\"origins\":[\"*\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            URI target = URI.create(origin.url() + "/v1/subscriptions");
            HttpRequest.Builder request = HttpRequest.newBuilder(target)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            Map<String, String> signature = new RequestSigning(() -> oldNode, Clock.systemUTC(), Duration.ofMinutes(5))
                    .sign("POST", target, body);
            signature.forEach(request::header);
            HttpResponse<String> asked =
                    HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, asked.statusCode(), asked.body());
            origin.federation().subscribers().approve("xx-old");

            origin.adminPost(
                    "/admin/v1/organizations",
                    FederationFixtures.org("v1org", "Before").toString());
            FederationFixtures.await(
                    Duration.ofSeconds(60),
                    "the version 1 envelope is pushed",
                    () -> pushed(inbox).contains("v1org"));
            origin.adminPost("/admin/v1/protocol", "{\"version\":2}");
            origin.adminPost(
                    "/admin/v1/organizations",
                    FederationFixtures.org("v2org", "After").toString());
            FederationFixtures.await(Duration.ofSeconds(60), "the admin is told", () -> alertNaming(origin, "xx-old"));

            // An erase cannot reach it either: the origin shows it as the node that has not complied.
            origin.adminPost("/admin/v1/organizations/v1org/erase", "");
            JsonNode erasure =
                    origin.admin.get("/admin/v1/erasures").json().get("items").get(0);
            assertEquals(
                    "erased on 0 of 1 nodes; waiting for xx-old",
                    erasure.get("summary").asText());
            assertEquals(
                    "xx-old", erasure.get("waiting_since").get(0).get("hub").asText());
            assertEquals(1.0, metric(origin, "tsunagu_erasures_waiting"));
            // The hubs page flags it too: a row of its own (the origin holds no profile of xx-old) whose alert
            // names the erase in the origin's log.
            JsonNode row = null;
            for (JsonNode h :
                    origin.admin.get("/v1/directory/hub-status").json().get("items")) {
                if ("xx-old".equals(h.get("hub").asText())) {
                    row = h;
                }
            }
            assertNotNull(row, "xx-old on the hubs page");
            assertEquals(1, row.get("alerts").size(), row.toString());
            JsonNode flagged = row.get("alerts").get(0);
            assertEquals("erasure_waiting", flagged.get("kind").asText(), row.toString());
            assertEquals(erasure.get("seq").longValue(), flagged.get("seq").longValue(), row.toString());

            String all = pushed(inbox);
            assertFalse(all.contains("\"v\":2"), all);
            assertFalse(all.contains("v2org"), all);
        } finally {
            inbox.stop();
        }
    }

    private static double metric(TestNode n, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$")
                .matcher(n.admin.get("/metrics").body());
        if (!m.find()) {
            throw new AssertionError(name + " is not in /metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    private static String pushed(WireMockServer inbox) {
        StringBuilder out = new StringBuilder();
        for (ServeEvent e : inbox.getAllServeEvents()) {
            out.append(e.getRequest().getBodyAsString()).append('\n');
        }
        return out.toString();
    }

    private static boolean alertNaming(TestNode origin, String hub) {
        for (JsonNode a : origin.admin.get("/admin/v1/alerts?kind=peer").json().get("items")) {
            if (a.path("peer").asText().equals(hub)
                    && a.path("message").asText().contains("version 2")) {
                return true;
            }
        }
        return false;
    }
}
