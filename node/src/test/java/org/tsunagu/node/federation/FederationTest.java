package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.node.federation.FederationFixtures.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.protocol.HubId;

/** Several real nodes, built as Main builds them, on loopback ports exchanging their logs. */
class FederationTest {
    @TempDir
    Path dir;

    private TestNode node(String hub) {
        return TestNode.start(dir.resolve(hub), hub);
    }

    @Test
    void follow_pinnedPeer_pullsHistoryThenReceivesPushesOfAdminWrites() {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            hub.publishOrg("o1", "First");
            forum.follow(hub);
            await("history pulled", () -> forum.head(hub) == 2);
            for (int i = 2; i <= 20; i++) {
                // Through the admin API: the response filter wakes the pusher, nothing else does.
                hub.adminPost(
                        "/admin/v1/organizations",
                        FederationFixtures.org("o" + i, "Org " + i).toString());
            }
            await("pushes arrived", () -> forum.head(hub) == 21);
            assertEquals("active", hub.federation().subscribers().list().get(0).status());
            assertEquals(hub.feed(hub.hub, 0, 100), forum.feed(hub.hub, 0, 100));
            JsonNode found =
                    forum.admin.get("/v1/directory/organizations/jp-hub/o20").json();
            assertEquals("Org 20", found.get("record").get("name").asText());
            // The hubs page shows the follow as federation sees it.
            JsonNode hubs = forum.admin.get("/v1/directory/hub-status").json();
            JsonNode followed = null;
            for (JsonNode h : hubs.get("items")) {
                if ("jp-hub".equals(h.path("hub").asText())) {
                    followed = h;
                }
            }
            org.junit.jupiter.api.Assertions.assertNotNull(followed, hubs.toString());
            assertEquals("active", followed.path("follow").path("status").asText(), hubs.toString());
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
            assertEquals(hub.feed(hub.hub, 0, 400), forum.feed(hub.hub, 0, 400));
            // The outage is one alert on the hub, however many pushes were retried.
            JsonNode peerAlerts =
                    hub.admin.get("/admin/v1/alerts?kind=peer").json().get("items");
            assertEquals(1, peerAlerts.size(), peerAlerts.toString());
            assertEquals("ap-forum", peerAlerts.get(0).get("peer").asText());
        }
    }

    /**
     * SPEC §10.1: a subscription request announces a pull. A follower that was down re-confirms when it
     * pulls, and the hub moves its pushes on to the heads it holds then, so the backlog the follower
     * is pulling is not pushed to it a second time (issue 14: a restart's catch-up travelled twice).
     */
    @Test
    void reconfirm_followerAsksAgainAfterAnOutage_hubPushesOnFromItsHeadsNotTheBacklog() {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            forum.follow(hub);
            await("first sync", () -> forum.head(hub) == 1);
            PeerClient asForum = FederationFixtures.clientSigningWith(forum.key());
            String inbox = forum.url() + "/v1/inbox";
            forum.stop();
            for (int i = 1; i <= 50; i++) {
                hub.publishOrg("o" + i, "Org " + i);
            }
            assertEquals(1, pushedTo(hub, "ap-forum", "jp-hub"), "the pushes failed while the forum was down");
            SubscriptionStore.Status answer =
                    asForum.askToFollow(hub.url(), HubId.of("ap-forum"), inbox, OriginFilter.all());
            assertEquals(SubscriptionStore.Status.ACTIVE, answer);
            assertEquals(51, pushedTo(hub, "ap-forum", "jp-hub"), "pushes go on from the hub's heads");
            forum.start();
            await("caught up by pull", () -> forum.head(hub) == 51);
            hub.publishOrg("late", "Late");
            await("pushes go on", () -> forum.head(hub) == 52);
            assertEquals(hub.feed(hub.hub, 0, 100), forum.feed(hub.hub, 0, 100));
        }
    }

    /**
     * The push that a re-confirming follower's request lifts the backoff for is woken only after the
     * follower's pushes moved on to the hub's heads: woken before, its round could read the outbox first
     * and send the restarted follower the backlog it was pulling (one catch-up in three at 1,000 did).
     * The hub's own subscriber service over its database, with the push retry recorded.
     */
    @Test
    void reconfirm_pushRetriedOnlyAfterThePushesMovedOn() {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            forum.follow(hub);
            await("first sync", () -> forum.head(hub) == 1);
            var forumKey = forum.key().publicKey().keyId();
            forum.stop();
            for (int i = 1; i <= 20; i++) {
                hub.publishOrg("o" + i, "Org " + i);
            }
            await("a push failed", () -> !"0".equals(subscriberColumn(hub, "ap-forum", "failures")));
            var n = hub.node();
            List<Long> pushedFromAtRetry = new ArrayList<>();
            SubscriberService service = new SubscriberService(
                    FederationConfig.defaults(hub.hub, hub::url),
                    new NodeLog(n.log(), n.keys(), n.ingestor(), (path, report) -> {}, erased -> {}),
                    new SubscriberStore(n.database(), Clock.systemUTC()),
                    new Alerts(n.alerts(), new SimpleMeterRegistry()),
                    () -> {},
                    subscriber -> pushedFromAtRetry.add(pushedTo(hub, subscriber.value(), "jp-hub")));
            JsonNode body = new ObjectMapper()
                    .valueToTree(Map.of(
                            "hub",
                            "ap-forum",
                            "inbox",
                            subscriberColumn(hub, "ap-forum", "inbox"),
                            "origins",
                            List.of("*")));
            assertEquals("active", service.request(forumKey, body, true, null));
            assertEquals(List.of(21L), pushedFromAtRetry);
        }
    }

    /** {@code column} of {@code subscriber}'s row on {@code hub} (as text; null when it has none). */
    private static String subscriberColumn(TestNode hub, String subscriber, String column) {
        return hub.node().database().read(c -> {
            try (var ps = c.prepareStatement("SELECT " + column + " FROM fed_subscribers WHERE hub = ?")) {
                ps.setString(1, subscriber);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /**
     * At rest the pusher reads the outboxes once per safety round (20 polls), not at every poll (20 ms
     * here), and a write still goes out at once: it wakes the pusher.
     */
    @Test
    void rest_pusherReadsItsOutboxesOncePerSafetyRound_aWriteStillGoesOutAtOnce() {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            forum.follow(hub);
            await("first sync", () -> forum.head(hub) == 1);
            Pusher pusher = hub.federation().pusher();
            long before = pusher.rounds();
            long t0 = System.nanoTime();
            await("three more rounds", () -> pusher.rounds() >= before + 3);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            // Polling every 20 ms, three rounds at every poll take 60 ms; at rest they take two safety
            // rounds of 400 ms at least (the forum's re-confirmation every 2 s may wake one more).
            assertTrue(millis >= 300, "three outbox rounds in " + millis + " ms at rest");
            hub.publishOrg("o1", "Org");
            await("pushed", () -> forum.head(hub) == 2);
        }
    }

    /**
     * A subscriber that takes this hub's own origin alone has its outbox read only when that origin
     * grows, not on every envelope the hub takes from its other peers (issue 14: in a full mesh each
     * one made a round read some 60 outboxes for nothing), and still gets the hub's next write at once.
     */
    @Test
    void push_subscriberOfOneOrigin_outboxNotReadWhileOthersGrow_ownWriteStillPushed() {
        try (TestNode other = node("th-other");
                TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            hub.follow(other);
            forum.federation().peers().add(hub.url(), null);
            hub.federation().peers().add(forum.url(), null);
            forum.federation().peers().follow(hub.url(), new OriginFilter(List.of("jp-hub")));
            await("forum holds the hub's log", () -> forum.head(hub) == 1);
            await("hub holds the other's log", () -> hub.head(other) == 1);
            Pusher pusher = hub.federation().pusher();
            long rounds = pusher.rounds();
            await("a round since", () -> pusher.rounds() > rounds);
            long reads = pusher.outboxReads();
            for (int i = 0; i < 5; i++) {
                other.publishOrg("o" + i, "Org " + i);
            }
            await("hub took the other's writes", () -> hub.head(other) == 6);
            long after = pusher.rounds();
            await("rounds after them", () -> pusher.rounds() > after + 1);
            assertEquals(reads, pusher.outboxReads(), "outbox reads while only another origin grew");
            assertEquals(0, forum.head(other), "the forum takes the hub's own origin alone");
            hub.publishOrg("mine", "Mine");
            await("the hub's own write pushed", () -> forum.head(hub) == 2);
            assertTrue(pusher.outboxReads() > reads);
        }
    }

    /**
     * A push whose end never comes (its completion lost, as once under heap exhaustion) held the
     * subscriber's one place in flight for good: no later write reached it. It is given up after twice
     * the request deadline and sent again; the lost push's late end changes nothing.
     */
    @Test
    void push_whoseEndNeverComes_isGivenUpAfterTheDeadlineAndSentAgain() {
        try (TestNode hub = hubWithOneSecondDeadline();
                TestNode forum = forumPullingOnlyWhenItFollows()) {
            forum.follow(hub);
            await("first sync", () -> forum.head(hub) == 1);
            List<CompletableFuture<JsonNode>> lost = new CopyOnWriteArrayList<>();
            List<Long> sentAt = new CopyOnWriteArrayList<>();
            hub.federation().pusher().interceptSends(real -> (inbox, lines) -> {
                sentAt.add(System.nanoTime());
                if (lost.isEmpty()) {
                    CompletableFuture<JsonNode> never = new CompletableFuture<>();
                    lost.add(never);
                    return never;
                }
                return real.push(inbox, lines);
            });
            hub.publishOrg("o1", "Org");
            // Sent again even when the forum's start-up pull happened to fetch o1 meanwhile: the hub's
            // outbox only moves on a push that ended well.
            await("sent again", () -> sentAt.size() >= 2);
            long millis = (sentAt.get(1) - sentAt.get(0)) / 1_000_000;
            assertTrue(millis >= 2_000, "given up after " + millis + " ms, before twice the 1 s deadline");
            await("taken", () -> forum.head(hub) == 2);
            assertEquals(1, lost.size());
            // The lost push ending late (here as failed) neither counts a failure nor frees the place of
            // the push in flight.
            lost.get(0).completeExceptionally(new java.io.IOException("late"));
            int before = sentAt.size();
            hub.publishOrg("o2", "Org 2");
            await("the next write pushed", () -> sentAt.size() > before && forum.head(hub) == 3);
            assertEquals(0, hub.federation().subscribers().list().get(0).failures());
        }
    }

    /**
     * A half-open circuit's probe that the subscriber answered busy (503) counted as neither a failure
     * nor a success, so the probe never ended and the circuit stayed open: no later write was pushed to
     * that subscriber until it pulled (in a region run with hourly pulls, 6 of 60 hubs were left hundreds
     * of envelopes short). A busy answer now closes the circuit: the subscriber is up.
     */
    @Test
    void push_circuitProbeAnsweredBusy_pushesResume() {
        pushesAfterCircuitProbe("busy", () -> CompletableFuture.failedFuture(new PeerException("busy", 503)));
    }

    /** The same for a half-open circuit's probe whose end never comes: given up, it counts as failed. */
    @Test
    void push_circuitProbeNeverEnds_givenUpAndPushesResume() {
        pushesAfterCircuitProbe("lost", CompletableFuture::new);
    }

    /**
     * The hub's pushes to a forum fail until its circuit opens, the half-open probe ends as {@code probe}
     * makes it end, then pushes go through: a later write must reach the forum, which pulls only when it
     * follows.
     */
    private void pushesAfterCircuitProbe(String probeName, Supplier<CompletableFuture<JsonNode>> probe) {
        try (TestNode hub = hubWithOneSecondDeadline();
                TestNode forum = forumPullingOnlyWhenItFollows()) {
            forum.follow(hub);
            await("first sync", () -> forum.head(hub) == 1);
            // TestNode runs FederationConfig.quick(): the circuit opens after this many failures.
            int threshold = FederationConfig.defaults(HubId.of("jp-hub"), () -> "")
                    .quick()
                    .breakerThreshold();
            List<String> sends = new CopyOnWriteArrayList<>();
            hub.federation().pusher().interceptSends(real -> (inbox, lines) -> {
                int n = sends.size() + 1;
                if (n <= threshold) {
                    sends.add("refused");
                    return CompletableFuture.failedFuture(new java.net.ConnectException("connection refused"));
                }
                if (n == threshold + 1) {
                    sends.add(probeName);
                    return probe.get();
                }
                sends.add("sent");
                return real.push(inbox, lines);
            });
            // Writes until the probe has gone out: one the forum lacks is kept in the outbox, since a pull
            // the follow started may still fetch one (and re-confirming, move the outbox past it).
            int[] written = {0};
            await("the circuit's probe sent", () -> {
                if (sends.size() > threshold) {
                    return true;
                }
                if (forum.head(hub) > written[0]) {
                    written[0]++;
                    hub.publishOrg("o" + written[0], "Org " + written[0]);
                }
                return false;
            });
            // Long after the follow: only a push brings this one.
            hub.publishOrg("after-probe", "After the probe");
            long last = hub.head(hub);
            await(Duration.ofSeconds(30), "pushed after the " + probeName + " probe", () -> forum.head(hub) == last);
            assertEquals(java.util.Collections.nCopies(threshold, "refused"), sends.subList(0, threshold));
            assertEquals(probeName, sends.get(threshold));
            assertEquals("sent", sends.get(sends.size() - 1));
        }
    }

    /** A hub whose requests end after 1 s, so a lost push is given up after 2 s (twice the deadline). */
    private TestNode hubWithOneSecondDeadline() {
        PeerLimits oneSecond = FederationFixtures.limitsWith(
                Duration.ofSeconds(1), PeerLimits.defaults().pageBytes());
        return new TestNode(dir.resolve("jp-hub"), "jp-hub", c -> c.withLimits(oneSecond)).start();
    }

    /** Pulls hourly, so in a test only when it follows: whatever reaches it later was pushed. */
    private TestNode forumPullingOnlyWhenItFollows() {
        return new TestNode(
                        dir.resolve("ap-forum"),
                        "ap-forum",
                        c -> c.with(Duration.ofHours(1), c.requestTimeout(), true, true))
                .start();
    }

    /** Where {@code hub}'s pushes of {@code origin} to {@code subscriber} stand (its outbox). */
    private static long pushedTo(TestNode hub, String subscriber, String origin) {
        return hub.node().database().read(c -> {
            try (var ps = c.prepareStatement("SELECT delivered FROM fed_outbox WHERE subscriber = ? AND origin = ?")) {
                ps.setString(1, subscriber);
                ps.setString(2, origin);
                try (var rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Test
    void relay_forumFollowsRelayOnly_learnsThirdOriginFromItsProfileWithSignaturesIntact() {
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
            assertEquals(origin.feed(origin.hub, 0, 10), forum.feed(origin.hub, 0, 10));
            assertEquals(origin.currentKey(origin.hub), forum.currentKey(origin.hub));
            JsonNode learned = keyOf(forum, "th-origin");
            assertEquals("learned_from_profile", learned.get("source").asText());
            assertEquals(1, learned.get("from_seq").asLong());
            assertEquals("peer_pinned", keyOf(forum, "jp-relay").get("source").asText());
            // First sight is shown to the admin, with the fingerprint to compare out of band.
            JsonNode alerts =
                    forum.admin.get("/admin/v1/alerts?kind=key_learned").json().get("items");
            assertEquals(1, alerts.size(), alerts.toString());
            assertEquals("th-origin", alerts.get(0).get("origin").asText());
            assertTrue(alerts.get(0)
                    .get("message")
                    .asText()
                    .contains(learned.get("fingerprint").asText()));
        }
    }

    @Test
    void relay_policyPinnedOnly_thirdOriginRefusedUntilAnAdminPinsIt() {
        try (TestNode origin = node("th-origin");
                TestNode relay = node("jp-relay");
                TestNode forum =
                        new TestNode(dir.resolve("forum"), "ap-forum", c -> c.withLearnOrigins(false)).start()) {
            relay.follow(origin);
            origin.publishOrg("t1", "Thai org");
            await("at the relay", () -> relay.head(origin) == 2);
            forum.follow(relay);
            relay.publishOrg("j1", "Japanese org");
            await("relay's own log arrives", () -> forum.head(relay) == 2);
            forum.federation().pullNow();
            await("relay's own log pulled again", () -> forum.head(relay) == 2);
            assertEquals(0, forum.head(origin));
            forum.federation()
                    .peers()
                    .add(origin.url(), origin.key().publicKey().keyId().value());
            forum.federation().pullNow();
            await("pinned origin arrives through the relay", () -> forum.head(origin) == 2);
            assertEquals("peer_pinned", keyOf(forum, "th-origin").get("source").asText());
        }
    }

    private static JsonNode keyOf(TestNode n, String hub) {
        for (JsonNode k : n.admin.get("/admin/v1/keys").json().get("items")) {
            if (k.get("hub").asText().equals(hub) && k.get("to_seq") == null) {
                return k;
            }
        }
        throw new AssertionError("no current key of " + hub);
    }

    @Test
    void addPeer_keyOtherThanExpected_refusedWith409() {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            String other = forum.key().publicKey().keyId().value();
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
            assertEquals("pending", followStatus(stranger, "jp-hub"));
            hub.adminPost("/admin/v1/subscribers/xx-stranger/refuse", "");
            // The follower learns it at its next pull, which asks again while the request is pending.
            stranger.federation().pullNow();
            await("refusal seen by the follower", () -> "refused".equals(followStatus(stranger, "jp-hub")));
            hub.publishOrg("o1", "Org");
            PeerService.SubscriptionView again = stranger.federation().peers().follow("jp-hub", OriginFilter.all());
            assertEquals("refused", again.status());
            // No push was ever delivered to the refused follower. (Feeds are public, so it may
            // still pull what any reader can: its head is not a measure of pushes.)
            assertNull(hub.federation().subscribers().list().get(0).lastDeliveryAt());
        }
    }

    @Test
    void subscribe_pendingFollowerApprovedByAdmin_followerSeesActiveAndGetsPushes() {
        try (TestNode hub = node("jp-hub");
                TestNode stranger = node("xx-stranger")) {
            stranger.federation().peers().add(hub.url(), null);
            stranger.federation().peers().follow(hub.url(), OriginFilter.all());
            assertEquals("pending", followStatus(stranger, "jp-hub"));
            hub.adminPost("/admin/v1/subscribers/xx-stranger/approve", "");
            hub.publishOrg("o1", "Org");
            await("approval seen by the follower", () -> "active".equals(followStatus(stranger, "jp-hub")));
            await("pushes arrive", () -> stranger.head(hub) == 2);
        }
    }

    private static String followStatus(TestNode follower, String hub) {
        return follower.federation().peers().subscriptions().stream()
                .filter(s -> s.hub().equals(hub))
                .map(PeerService.SubscriptionView::status)
                .findFirst()
                .orElse(null);
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
