package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tsunagu.node.federation.FederationFixtures.await;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;

/**
 * A partnership co-signed across two hubs and seen by a forum: announced by X everywhere, endorsed by Y,
 * confirmed everywhere, retracted by X, retracted everywhere. Each step is an admin call on one hub and
 * travels by push.
 */
class PartnershipFederationTest {
    @TempDir
    Path dir;

    private static String status(TestNode n, String partnership) {
        TestClient.Reply r = n.admin.get("/v1/directory/partnerships/" + partnership);
        return r.status() == 200 ? r.json().get("status").asText() : "absent";
    }

    private static void awaitEverywhere(List<TestNode> nodes, String partnership, String status) {
        for (TestNode n : nodes) {
            await(partnership + " " + status + " at " + n.hub, () -> status.equals(status(n, partnership)));
        }
    }

    @Test
    void partnership_announceEndorseRetract_statusFollowsOnEveryNode() {
        try (TestNode x = TestNode.start(dir.resolve("x"), "jp-hub");
                TestNode y = TestNode.start(dir.resolve("y"), "th-hub");
                TestNode forum = TestNode.start(dir.resolve("f"), "ap-forum")) {
            x.follow(y);
            y.follow(x);
            forum.follow(x);
            forum.follow(y);
            x.adminPost(
                    "/admin/v1/organizations",
                    FederationFixtures.org("pwj", "PWJ").toString());
            y.adminPost("/admin/v1/organizations", "{\"id\":\"relief\",\"name\":\"Relief\",\"country\":\"TH\"}");
            await("Y's organisation at X", () -> x.head(y) == 2);
            List<TestNode> all = List.of(x, y, forum);

            x.adminPost(
                    "/admin/v1/partnerships",
                    "{\"id\":\"border\",\"kind\":\"joint_response\",\"title\":\"Border response\",\"parties\":["
                            + "{\"organization\":\"jp-hub/pwj\",\"hub\":\"jp-hub\"},"
                            + "{\"organization\":\"th-hub/relief\",\"hub\":\"th-hub\"}]}");
            awaitEverywhere(all, "jp-hub/border", "announced");

            y.adminPost("/admin/v1/partnerships/jp-hub/border/endorse", "");
            awaitEverywhere(all, "jp-hub/border", "confirmed");

            x.adminPost("/admin/v1/partnerships/jp-hub/border/retract", "{\"reason\":\"ended\"}");
            awaitEverywhere(all, "jp-hub/border", "retracted");
            assertEquals(x.feed(x.hub, 0, 10), forum.feed(x.hub, 0, 10));
            assertEquals(y.feed(y.hub, 0, 10), forum.feed(y.hub, 0, 10));
        }
    }
}
