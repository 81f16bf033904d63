package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.node.federation.FederationFixtures.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;

/**
 * Follow requests on real nodes (issue #11 cases 4 and 5): a request from a hub nobody pinned waits
 * visibly (an alert, a metric), the admin approves or refuses it over the admin API, and a refused
 * follower is told, shows it, and stops being served.
 */
class FollowRequestTest {
    @TempDir
    Path dir;

    private static String status(TestNode follower, TestNode hub) {
        for (JsonNode s : follower.admin.get("/admin/v1/subscriptions").json().get("items")) {
            if (s.get("hub").asText().equals(hub.hub.value())) {
                return s.get("status").asText();
            }
        }
        return "none";
    }

    private static double pendingMetric(TestNode node) {
        String text = node.admin.get("/metrics").body();
        Matcher m = Pattern.compile("(?m)^tsunagu_follow_requests_pending(?:\\{[^}]*\\})? (\\S+)$")
                .matcher(text);
        assertTrue(m.find(), "tsunagu_follow_requests_pending in /metrics");
        return Double.parseDouble(m.group(1));
    }

    @Test
    void followRequest_unknownHub_alertAndMetricUntilApproved() {
        try (TestNode hub = TestNode.start(dir.resolve("hub"), "jp-hub");
                TestNode forum = TestNode.start(dir.resolve("forum"), "ap-forum")) {
            hub.publishOrg("o1", "Before the request");
            forum.federation().peers().follow(hub.url(), OriginFilter.all());
            assertEquals("pending", status(forum, hub));
            JsonNode alerts =
                    hub.admin.get("/admin/v1/alerts?kind=follow_request").json().get("items");
            assertEquals(1, alerts.size());
            assertEquals("ap-forum", alerts.get(0).get("peer").asText());
            assertTrue(alerts.get(0).get("message").asText().contains("/admin/v1/subscribers/ap-forum/approve"));
            assertEquals(1.0, pendingMetric(hub));

            TestClient.Reply approved = hub.admin.postJson("/admin/v1/subscribers/ap-forum/approve", "");
            assertEquals(200, approved.status(), approved.body());
            assertEquals(0.0, pendingMetric(hub));
            await("the approved follower syncs", () -> forum.head(hub) == 2 && "active".equals(status(forum, hub)));
            assertEquals(
                    1,
                    hub.admin
                            .get("/admin/v1/alerts?kind=follow_request")
                            .json()
                            .get("items")
                            .size(),
                    "asking again while pending or active raises no second alert");
        }
    }

    /** The follow-request alerts as the admin sees them: hub → acknowledged (true) or open (false). */
    private static java.util.Map<String, Boolean> followAlerts(TestNode node) {
        java.util.Map<String, Boolean> out = new java.util.TreeMap<>();
        for (JsonNode a : node.admin
                .get("/admin/v1/alerts?kind=follow_request&limit=1000")
                .json()
                .get("items")) {
            out.put(a.get("peer").asText(), a.has("acknowledged_at"));
        }
        return out;
    }

    /**
     * Issue 10, attack 5: strangers' follow requests expire unanswered, and their alerts go with them, so
     * the alert view stays bounded; a request the admin decided on keeps its alert, acknowledged.
     */
    @Test
    void followRequest_expiredOrDecided_alertClosed() {
        org.tsunagu.node.settings.Settings settings = org.tsunagu.node.settings.Settings.defaults()
                .with(org.tsunagu.node.settings.Settings.PENDING_SUBSCRIBER_EXPIRY, java.time.Duration.ofSeconds(5));
        try (TestNode hub = new TestNode(dir.resolve("hub"), "jp-hub", c -> c, settings).start()) {
            for (String stranger : java.util.List.of("xx-approved", "xx-a", "xx-b", "xx-c")) {
                String answer = FederationFixtures.clientSigningWith(
                                org.tsunagu.protocol.sign.Ed25519KeyPair.generate(new java.security.SecureRandom()))
                        .subscribe(
                                hub.url(),
                                org.tsunagu.protocol.HubId.of(stranger),
                                "http://127.0.0.1:9/" + stranger,
                                OriginFilter.all());
                assertEquals("pending", answer);
                if (stranger.equals("xx-approved")) {
                    TestClient.Reply approved = hub.admin.postJson("/admin/v1/subscribers/xx-approved/approve", "");
                    assertEquals(200, approved.status(), approved.body());
                }
            }
            assertEquals(
                    java.util.Map.of("xx-approved", true, "xx-a", false, "xx-b", false, "xx-c", false),
                    followAlerts(hub));

            // Listing the subscribers expires what is due: the three unanswered requests and their alerts.
            // The rows and the alerts are closed one after the other (a periodic expiry may be between
            // the two when the list is read), so wait for both.
            await(
                    java.time.Duration.ofSeconds(30),
                    "the unanswered requests and their alerts expired",
                    () -> hub.admin
                                            .get("/admin/v1/subscribers")
                                            .json()
                                            .get("items")
                                            .size()
                                    == 1
                            && followAlerts(hub).equals(java.util.Map.of("xx-approved", true)));
            assertEquals(0, hub.admin.get("/admin/v1/alerts").json().get("open").asInt());
        }
    }

    @Test
    void refuse_approvedFollower_isToldAndNoLongerServed() {
        try (TestNode hub = TestNode.start(dir.resolve("hub"), "jp-hub");
                TestNode forum = TestNode.start(dir.resolve("forum"), "ap-forum")) {
            forum.follow(hub);
            hub.publishOrg("o1", "Shared while approved");
            await("approved follower syncs", () -> forum.head(hub) == 2);

            TestClient.Reply refused = hub.admin.postJson("/admin/v1/subscribers/ap-forum/refuse", "");
            assertEquals(200, refused.status(), refused.body());
            assertEquals("refused", refused.json().get("status").asText());
            await("the follower's side shows refused", () -> "refused".equals(status(forum, hub)));

            hub.publishOrg("o2", "After the refusal");
            // Pulls from the refusing hub stop, and nothing is pushed to a refused subscriber.
            assertEquals(0, forum.federation().pullFrom(hub.hub).accepted());
            assertEquals(2, forum.head(hub));
            assertEquals("refused", hub.federation().subscribers().list().get(0).status());
            // Asking again does not undo the admin's decision.
            forum.federation().peers().follow(hub.url(), OriginFilter.all());
            assertEquals("refused", status(forum, hub));
        }
    }
}
