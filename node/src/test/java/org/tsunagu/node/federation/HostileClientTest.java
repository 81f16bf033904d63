package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.settings.Settings;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * The attacks of issue 10 that need nothing but network access, each run against a real node (Grizzly
 * on 127.0.0.1, attackers on other loopback addresses) at a scaled-down size: the health check and a
 * directory search must keep answering within {@link AttackProbe#BUDGET} throughout, and what strangers
 * leave behind must stay bounded.
 */
class HostileClientTest {
    @TempDir
    Path dir;

    /** A small node: 8 workers, so that a handful of slow uploads would hold them all. */
    private static Settings small() {
        return Settings.defaults()
                .with(Settings.WORKER_THREADS, 8)
                .with(Settings.PEER_BODY_SLOTS, 2)
                .with(Settings.STRANGER_BODY_SLOTS, 2)
                .with(Settings.PEER_BODY_DEADLINE, Duration.ofSeconds(2));
    }

    private TestNode node(String hub, Settings settings) {
        return new TestNode(dir.resolve(hub), hub, c -> c, settings).start();
    }

    private static int port(TestNode node) {
        return URI.create(node.url()).getPort();
    }

    private static void assertWithinBudget(AttackProbe probe) {
        assertTrue(probe.failures().isEmpty(), probe.summary());
        assertTrue(probe.worst().compareTo(AttackProbe.BUDGET) <= 0, probe.summary());
    }

    /**
     * Attack 1: three times as many slow uploads as worker threads, to the inbox from four addresses
     * (half unsigned, half signed with fresh keys) and to /v1/subscriptions from one, each declaring a
     * body and sending a byte every 200 ms. Each is refused (401 unsigned, 503 no slot, 408 too slow)
     * while the health check and the directory keep answering.
     */
    @Test
    void slowUploads_threeTimesTheWorkers_healthAndSearchAnswerWithinBudget() throws Exception {
        try (TestNode node = node("jp-hub", small())) {
            List<SlowUploader> attackers = new ArrayList<>();
            AttackProbe probe = new AttackProbe(node.url());
            try {
                for (int i = 0; i < 16; i++) {
                    attackers.add(new SlowUploader(
                            port(node),
                            "127.0.0." + (2 + i % 4),
                            "/v1/inbox",
                            PeerClient.NDJSON,
                            100_000,
                            i % 2 == 0,
                            Duration.ofMillis(200)));
                }
                for (int i = 0; i < 8; i++) {
                    attackers.add(new SlowUploader(
                            port(node),
                            "127.0.0.6",
                            "/v1/subscriptions",
                            "application/json",
                            16_000,
                            true,
                            Duration.ofMillis(200)));
                }
                probe.awaitProbes(40);
            } finally {
                probe.close();
            }
            assertWithinBudget(probe);
            for (SlowUploader a : attackers) {
                String status = a.status().get(30, TimeUnit.SECONDS);
                assertTrue(status.matches("HTTP/1\\.1 (401|408|503) .*"), status);
                a.close();
            }
        }
    }

    private static PeerClient stranger() {
        return FederationFixtures.clientSigningWith(Ed25519KeyPair.generate(new SecureRandom()));
    }

    /**
     * Attack 2: jp-alpha follows the forum one way (its key is not pinned there) and was approved; a
     * stranger then asks to follow as jp-alpha with its own key and inbox. Its request is kept apart: the
     * follower's key, inbox and status stay, and the real jp-alpha can still end its subscription.
     */
    @Test
    void subscriptionHijack_strangerNamesAnUnpinnedFollower_followerKeptAndCanStillLeave() {
        try (TestNode forum = node("ap-forum", Settings.defaults())) {
            Ed25519KeyPair alphaKey = Ed25519KeyPair.generate(new SecureRandom());
            PeerClient alpha = FederationFixtures.clientSigningWith(alphaKey);
            HubId jp = HubId.of("jp-alpha");
            String realInbox = "http://127.0.0.1:9/alpha/v1/inbox";
            assertEquals("pending", alpha.subscribe(forum.url(), jp, realInbox, OriginFilter.all()));
            forum.federation().subscribers().approve("jp-alpha");

            String hijack =
                    stranger().subscribe(forum.url(), jp, "http://127.0.0.1:9/evil/v1/inbox", OriginFilter.all());

            assertEquals("pending", hijack, "the stranger's request waits for an admin");
            SubscriberService.SubscriberView follower = forum.federation().subscribers().list().stream()
                    .filter(v -> v.hub().equals("jp-alpha") && v.status().equals("active"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("jp-alpha's subscription was displaced"));
            assertEquals(alphaKey.publicKey().keyId().fingerprint(), follower.fingerprint());
            assertEquals(realInbox, follower.inbox());
            alpha.unsubscribe(forum.url(), jp);
            assertTrue(
                    forum.federation().subscribers().list().stream()
                            .noneMatch(v ->
                                    v.hub().equals("jp-alpha") && v.status().equals("active")),
                    "jp-alpha's own DELETE ended its subscription");
        }
    }

    /** Attack 5 (subscriptions): a flood of requests from fresh keys leaves at most the cap pending. */
    @Test
    void strangerSubscriptions_floodOfFreshKeys_pendingRequestsCapped() {
        try (TestNode forum = node("ap-forum", Settings.defaults().with(Settings.MAX_PENDING_SUBSCRIBERS, 5))) {
            int refused = 0;
            for (int i = 0; i < 12; i++) {
                try {
                    stranger()
                            .subscribe(
                                    forum.url(), HubId.of("xx-s" + i), "http://127.0.0.1:9/s" + i, OriginFilter.all());
                } catch (PeerException e) {
                    assertEquals(503, e.status(), e.getMessage());
                    refused++;
                }
            }
            assertEquals(7, refused);
            assertEquals(5, forum.federation().subscribers().list().size());
        }
    }
}
