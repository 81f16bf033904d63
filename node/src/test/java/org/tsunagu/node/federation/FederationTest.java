package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.node.federation.FederationFixtures.await;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.protocol.KeyId;

/** Several real nodes on loopback ports exchanging their logs. */
class FederationTest {
    @TempDir
    Path dir;

    private TestNode node(String hub) {
        return TestNode.start(dir.resolve(hub), hub);
    }

    @Test
    void follow_pinnedPeer_pullsHistoryThenReceivesPushes() {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            hub.publishOrg("o1", "First");
            forum.follow(hub);
            await("history pulled", () -> forum.head(hub) == 2);
            for (int i = 2; i <= 20; i++) {
                hub.publishOrg("o" + i, "Org " + i);
            }
            await("pushes arrived", () -> forum.head(hub) == 21);
            assertEquals("active", hub.federation().subscribers().list().get(0).status());
            assertEquals(hub.log().feed(hub.hub, 0, 100), forum.log().feed(hub.hub, 0, 100));
        }
    }

    @Test
    void restart_followerDownWhileHubPublishes_catchesUpFully() {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            forum.follow(hub);
            await("first sync", () -> forum.head(hub) == 1);
            forum.stop();
            for (int i = 1; i <= 300; i++) {
                hub.publishOrg("o" + i, "Org " + i);
            }
            forum.start();
            await("caught up after restart", () -> forum.head(hub) == 301);
            hub.publishOrg("late", "Late");
            await("push resumes", () -> forum.head(hub) == 302);
        }
    }

    @Test
    void relay_forumFollowsRelayHub_receivesThirdOriginWithItsSignatures() {
        try (TestNode origin = node("th-origin");
                TestNode relay = node("jp-relay");
                TestNode forum = node("ap-forum")) {
            relay.follow(origin);
            forum.follow(relay);
            origin.publishOrg("t1", "Thai org");
            await("relayed", () -> forum.head(origin) == 2);
            origin.publishOrg("t2", "Thai org 2");
            await("relayed push", () -> forum.head(origin) == 3);
            // Byte-identical envelopes: the origin's signatures travelled intact through the relay.
            assertEquals(origin.log().feed(origin.hub, 0, 10), forum.log().feed(origin.hub, 0, 10));
            assertEquals(origin.log().currentKey(origin.hub), forum.log().currentKey(origin.hub));
        }
    }

    @Test
    void rotate_hubRotatesKey_followersAcceptNewKeyAndRepinAccepted() {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            forum.follow(hub);
            hub.publishOrg("o1", "Before");
            await("before rotation", () -> forum.head(hub) == 2);
            hub.rotate();
            hub.publishOrg("o2", "After");
            await("after rotation", () -> forum.head(hub) == 4);
            KeyId newKey = hub.log().key().publicKey().keyId();
            assertEquals(newKey, forum.log().currentKey(hub.hub).orElseThrow());
            // Re-adding the peer with its new key is accepted: the key.rotate chain links it.
            assertEquals(
                    newKey.value(),
                    forum.federation().peers().add(hub.url(), newKey.value()).key());
        }
    }

    @Test
    void addPeer_keyOtherThanExpected_refusedWith409() {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            String other = forum.log().key().publicKey().keyId().value();
            FederationException e = assertThrows(
                    FederationException.class, () -> forum.federation().peers().add(hub.url(), other));
            assertEquals(409, e.status());
            assertTrue(forum.federation().peers().list().isEmpty());
        }
    }

    @Test
    void subscribe_unpinnedFollowerRefusedByAdmin_getsNoPushes() {
        try (TestNode hub = node("jp-hub");
                TestNode stranger = node("xx-stranger")) {
            stranger.federation().peers().add(hub.url(), null);
            stranger.federation().peers().follow(hub.url(), OriginFilter.all());
            assertEquals("pending", hub.federation().subscribers().list().get(0).status());
            hub.federation().subscribers().refuse("xx-stranger");
            hub.publishOrg("o1", "Org");
            PeerService.SubscriptionView again = stranger.federation().peers().follow("jp-hub", OriginFilter.all());
            assertEquals("refused", again.status());
            assertNull(hub.federation().subscribers().list().get(0).lastDeliveryAt());
        }
    }

    @Test
    void unfollow_follower_isForgottenByPeer() {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            forum.follow(hub);
            forum.federation().peers().unfollow("jp-hub");
            assertTrue(hub.federation().subscribers().list().isEmpty());
            assertTrue(forum.federation().peers().subscriptions().isEmpty());
        }
    }
}
