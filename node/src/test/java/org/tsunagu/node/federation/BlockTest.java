package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.node.federation.FederationFixtures.await;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;

/**
 * Blocking (issue #11 case 3) on real nodes: jp-hub's records reach the forum only through th-hub, a
 * relay. The forum blocks jp-hub: its records vanish and nothing more of it is taken, by any path, until
 * the block is lifted; a peer can be unpinned.
 */
class BlockTest {
    @TempDir
    Path dir;

    private static int found(TestNode node, String query) {
        TestClient.Reply r = node.admin.get("/v1/directory/organizations?" + query);
        assertEquals(200, r.status(), r.body());
        return r.json().get("items").size();
    }

    @Test
    void block_originArrivingThroughARelay_recordsVanishAndNothingMoreIsTaken() {
        try (TestNode jp = TestNode.start(dir.resolve("jp"), "jp-hub");
                TestNode th = TestNode.start(dir.resolve("th"), "th-hub");
                TestNode forum = TestNode.start(dir.resolve("forum"), "ap-forum")) {
            th.follow(jp);
            forum.follow(th);
            jp.publishOrg("kyoto", "Kyoto Relief");
            await("jp's record relayed to the forum", () -> forum.head(jp) == 2);
            assertEquals(1, found(forum, "q=kyoto"));

            TestClient.Reply blocked =
                    forum.admin.postJson("/admin/v1/blocks", "{\"hub\":\"jp-hub\",\"reason\":\"spam\"}");
            assertEquals(201, blocked.status(), blocked.body());
            assertEquals(0, found(forum, "q=kyoto"));
            assertEquals(0, found(forum, "hub=jp-hub"));
            assertFalse(forum.admin.get("/v1/directory/export.csv").body().contains("Kyoto"));
            assertFalse(forum.admin.get("/v1/directory/hubs").body().contains("jp-hub"));
            assertEquals(2, forum.head(jp), "the log is kept: the admin did not ask to purge it");

            jp.publishOrg("osaka", "Osaka Aid");
            await("th holds jp's new record", () -> th.head(jp) == 3);
            forum.federation().pullFrom(th.hub);
            assertEquals(2, forum.head(jp), "refused through the relay");
            assertEquals(0, found(forum, "q=osaka"));

            TestClient.Reply unblocked = forum.admin.delete("/admin/v1/blocks/jp-hub");
            assertEquals(204, unblocked.status(), unblocked.body());
            assertEquals(1, found(forum, "q=kyoto"), "the kept log's records come back");
            forum.federation().pullNow();
            await("pulls bring the rest", () -> forum.head(jp) == 3);
            assertEquals(1, found(forum, "q=osaka"));

            TestClient.Reply purged =
                    forum.admin.postJson("/admin/v1/blocks", "{\"hub\":\"jp-hub\",\"purge_log\":true}");
            assertEquals(201, purged.status(), purged.body());
            assertTrue(purged.json().get("purged").asBoolean());
            assertEquals(0, forum.head(jp), "purged: the log is gone too");
            assertEquals(0, found(forum, "q=kyoto"));
        }
    }

    @Test
    void blockAndUnpin_badInput_problemAndNothingChanged() {
        try (TestNode jp = TestNode.start(dir.resolve("jp"), "jp-hub");
                TestNode forum = TestNode.start(dir.resolve("forum"), "ap-forum")) {
            forum.follow(jp);
            jp.publishOrg("kyoto", "Kyoto Relief");
            await("synced", () -> forum.head(jp) == 2);
            for (String[] bad : new String[][] {
                {"{\"hub\":\"ap-forum\"}", "409"}, {"{\"hub\":\"xx-nobody\"}", "404"}, {"{\"hub\":\"Not A Hub\"}", "4"}
            }) {
                TestClient.Reply r = forum.admin.postJson("/admin/v1/blocks", bad[0]);
                assertTrue(String.valueOf(r.status()).startsWith(bad[1]), bad[0] + " -> " + r.status());
                assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            }
            assertEquals(
                    0, forum.admin.get("/admin/v1/blocks").json().get("items").size());
            assertEquals(404, forum.admin.delete("/admin/v1/blocks/jp-hub").status());
            assertEquals(404, forum.admin.delete("/admin/v1/peers/xx-nobody").status());
            assertEquals(1, found(forum, "q=kyoto"));

            assertEquals(204, forum.admin.delete("/admin/v1/peers/jp-hub").status());
            assertEquals(
                    0, forum.admin.get("/admin/v1/peers").json().get("items").size());
            assertEquals(
                    0,
                    forum.admin
                            .get("/admin/v1/subscriptions")
                            .json()
                            .get("items")
                            .size());
            assertEquals(404, forum.admin.delete("/admin/v1/peers/jp-hub").status());
            assertEquals(1, found(forum, "q=kyoto"), "unpinning keeps what was received");
        }
    }
}
