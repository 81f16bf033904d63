package org.tsunagu.node.federation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.node.federation.FederationFixtures.await;
import static org.tsunagu.node.federation.FederationFixtures.clientSigningWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.log.Alert;
import org.tsunagu.node.settings.Settings;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/** Peers that fail, hang, send garbage, forge, replay or equivocate: each refused without harm. */
class HostilePeerTest {
    @TempDir
    Path dir;

    private TestNode node(String hub) {
        return TestNode.start(dir.resolve(hub), hub);
    }

    private static PeerException pushFails(PeerClient client, String inbox, List<String> lines) {
        CompletionException e = assertThrows(
                CompletionException.class, () -> client.push(inbox, lines).join());
        return assertInstanceOf(PeerException.class, e.getCause());
    }

    private static boolean hasAlert(TestNode n, String kind) {
        return n.federation().alerts().list(100).stream().anyMatch(a -> a.kind().equals(kind));
    }

    @Test
    void inbox_pushSignedByUnknownKey_refused403AndAlerted() {
        try (TestNode forum = node("ap-forum")) {
            PeerClient stranger = clientSigningWith(Ed25519KeyPair.generate(new SecureRandom()));
            PeerException e = pushFails(stranger, forum.url() + "/v1/inbox", List.of());
            assertEquals(403, e.status());
            assertTrue(hasAlert(forum, "refused"));
        }
    }

    @Test
    void inbox_signatureOverOtherBody_refused401() throws Exception {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            forum.follow(hub);
            // Signs an empty object while sending the real envelope: the digest no longer matches.
            RequestSigning real = new RequestSigning(hub::key, Clock.systemUTC(), Duration.ofMinutes(5));
            URI inbox = URI.create(forum.url() + "/v1/inbox");
            HttpRequest.Builder req = HttpRequest.newBuilder(inbox)
                    .header("Content-Type", PeerClient.NDJSON)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            hub.feed(hub.hub, 0, 1).get(0) + "\n"));
            real.sign("POST", inbox, "{}".getBytes(StandardCharsets.UTF_8)).forEach(req::header);
            HttpResponse<String> answer = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(req.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, answer.statusCode());
        }
    }

    @Test
    void inbox_garbageLine_problem400AndNothingStored() {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            forum.follow(hub);
            await("synced", () -> forum.head(hub) == 1);
            hub.publishOrg("o1", "Org");
            String good = hub.feed(hub.hub, 1, 1).get(0);
            PeerException e =
                    pushFails(clientSigningWith(hub.key()), forum.url() + "/v1/inbox", List.of(good, "{not json"));
            assertEquals(400, e.status());
            assertTrue(hasAlert(forum, "refused"));
        }
    }

    @Test
    void inbox_replayedAndForeignKeyEnvelopes_duplicatesIgnoredForgeryRejected() {
        try (TestNode hub = node("jp-hub");
                TestNode forum = node("ap-forum")) {
            forum.follow(hub);
            hub.publishOrg("o1", "Org");
            await("synced", () -> forum.head(hub) == 2);
            Envelope head = Envelope.parse(hub.feed(hub.hub, 1, 1).get(0));
            Envelope forged = FederationFixtures.forgedAfter(head);
            JsonNode report = clientSigningWith(hub.key())
                    .push(
                            forum.url() + "/v1/inbox",
                            List.of(hub.feed(hub.hub, 0, 1).get(0), head.canonicalJson(), forged.canonicalJson()))
                    .join();
            assertEquals(2, report.get("duplicates").asInt());
            assertEquals(
                    "BAD_SIGNATURE", report.get("rejected").get(0).get("reason").asText());
            assertEquals(2, forum.head(hub));
            assertTrue(hasAlert(forum, "rejected"));
        }
    }

    @Test
    void inbox_equivocation_keptAsEvidenceOriginHaltedOthersFlow() {
        try (TestNode hub = node("jp-hub");
                TestNode honest = node("th-hub");
                TestNode forum = node("ap-forum")) {
            forum.follow(hub);
            forum.follow(honest);
            hub.publishOrg("o1", "Org");
            await("synced", () -> forum.head(hub) == 2);
            Envelope first = Envelope.parse(hub.feed(hub.hub, 0, 1).get(0));
            Envelope twin = FederationFixtures.orgAt(hub.hub, 2, first.hash(), "o1", "Other", hub.key());
            JsonNode report = clientSigningWith(hub.key())
                    .push(forum.url() + "/v1/inbox", List.of(twin.canonicalJson()))
                    .join();
            assertEquals(1, report.get("equivocations").size());
            assertEquals(1, forum.equivocations(hub.hub));
            assertTrue(hasAlert(forum, "equivocation"));
            assertEquals(
                    1.0,
                    forum.federation()
                            .metrics()
                            .counter("tsunagu.ingest.equivocations", "via", "push", "origin", "jp-hub")
                            .count());
            hub.publishOrg("o2", "Ignored");
            honest.publishOrg("t1", "Still flowing");
            await("honest peer flows", () -> forum.head(honest) == 2);
            assertEquals(2, forum.head(hub));
        }
    }

    private WireMockServer mock(String hub, Ed25519KeyPair key, ResponseDefinitionBuilder feeds) {
        WireMockServer w = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        w.start();
        w.stubFor(get(urlPathEqualTo("/.well-known/tsunagu"))
                .willReturn(okJson("{\"hub\":\"" + hub + "\",\"key\":\""
                        + key.publicKey().keyId().value() + "\"}")));
        w.stubFor(post(urlPathEqualTo("/v1/subscriptions")).willReturn(okJson("{\"status\":\"active\"}")));
        w.stubFor(get(urlPathEqualTo("/v1/feeds")).willReturn(feeds));
        return w;
    }

    /** A forum whose pulls come only when asked (its periodic pull every hour), started. */
    private TestNode forumWithoutPeriodicPulls() {
        return new TestNode(
                        dir.resolve("forum"),
                        "ap-forum",
                        c -> c.with(Duration.ofHours(1), c.requestTimeout(), true, true))
                .start();
    }

    /** Its last pull from {@code hub} ended without an error. */
    private static boolean pulledFine(TestNode n, String hub) {
        return n.federation().peers().subscriptions().stream()
                .anyMatch(s -> s.hub().equals(hub) && s.lastPullAt() != null && s.lastError() == null);
    }

    private static String lastPull(TestNode n, String hub) {
        return n.federation().peers().subscriptions().stream()
                .filter(s -> s.hub().equals(hub))
                .map(PeerService.SubscriptionView::lastPullAt)
                .findFirst()
                .orElse("");
    }

    @Test
    void pull_peerServingShorterPagesThanAsked_isCaughtUpFully() {
        // The puller asks for pages ahead assuming full pages; a peer that caps its pages (here at 3)
        // must still be read to its head, with no envelope skipped.
        Ed25519KeyPair k = Ed25519KeyPair.generate(new SecureRandom());
        HubId stingy = HubId.of("zz-stingy");
        List<Envelope> log = new ArrayList<>();
        for (int seq = 1; seq <= 7; seq++) {
            String prev = log.isEmpty() ? null : log.get(log.size() - 1).hash();
            log.add(FederationFixtures.orgAt(stingy, seq, prev, "o" + seq, "Org " + seq, k));
        }
        WireMockServer peer = mock("zz-stingy", k, okJson("{\"feeds\":[{\"origin\":\"zz-stingy\",\"seq\":7}]}"));
        for (int after = 0; after < 7; after += 3) {
            servePage(peer, "zz-stingy", after, null, log.subList(after, Math.min(7, after + 3)));
        }
        // No periodic pulls: the one pull that following starts must read every page by itself.
        try (TestNode forum = forumWithoutPeriodicPulls()) {
            forum.federation().peers().follow(peer.baseUrl(), OriginFilter.all());
            await("every page read", () -> forum.head(stingy) == 7);
        } finally {
            peer.stop();
        }
    }

    @Test
    void pull_peersThatFailHangOrSendGarbage_refusedAndHonestPeerKeepsFlowing() {
        Ed25519KeyPair k = Ed25519KeyPair.generate(new SecureRandom());
        WireMockServer failing = mock("zz-fails", k, aResponse().withStatus(500));
        // The hang is far past the forum's request timeout, and that timeout far past what an honest
        // answer takes on a loaded machine (a 2.5 s timeout failed an honest WireMock at load 40).
        WireMockServer hanging = mock("zz-hangs", k, okJson("{\"feeds\":[]}").withFixedDelay(20_000));
        WireMockServer garbage = mock("zz-garbage", k, okJson("{\"feeds\":[{\"origin\":\"zz-garbage\",\"seq\":5}]}"));
        garbage.stubFor(get(urlPathEqualTo("/v1/feeds/zz-garbage"))
                .willReturn(aResponse().withBody("%%%\n")));
        try (TestNode hub = node("jp-hub");
                TestNode forum = new TestNode(
                                dir.resolve("forum"),
                                "ap-forum",
                                c -> c.with(c.pullInterval(), Duration.ofSeconds(8), true, true))
                        .start()) {
            for (WireMockServer w : List.of(failing, hanging, garbage)) {
                forum.federation().peers().follow(w.baseUrl(), OriginFilter.all());
            }
            forum.follow(hub);
            hub.publishOrg("o1", "Org");
            await("honest peer flows", () -> forum.head(hub) == 2);
            await(
                    "failures recorded",
                    () -> forum.federation().peers().subscriptions().stream()
                                    .filter(s -> s.lastError() != null)
                                    .count()
                            == 3);
            assertEquals(0, forum.head(HubId.of("zz-garbage")));
            // One alert per failing peer when it starts failing; further failed pulls add none.
            String firstFailure = lastPull(forum, "zz-fails");
            forum.federation().pullNow();
            await("another failed pull", () -> !lastPull(forum, "zz-fails").equals(firstFailure));
            for (String peer : List.of("zz-fails", "zz-hangs", "zz-garbage")) {
                long alerts = forum.federation().alerts().list("peer", 100).stream()
                        .filter(a -> peer.equals(a.peer()))
                        .count();
                assertEquals(1, alerts, peer);
            }
        } finally {
            failing.stop();
            hanging.stop();
            garbage.stop();
        }
    }

    /**
     * A peer whose request slots are full answers 503 (two forums on one address asking one hub at
     * once did): the pull is tried again after a backoff, not only at the next pull interval (an hour
     * here, five minutes by default), while a peer that failed otherwise waits for the interval.
     */
    @Test
    void pull_busyPeer_askedAgainAfterABackoffNotAtTheNextInterval() {
        Ed25519KeyPair k = Ed25519KeyPair.generate(new SecureRandom());
        WireMockServer busy = honestMock("zz-busy", k, 3);
        busy.stubFor(get(urlPathEqualTo("/v1/feeds"))
                .inScenario("busy")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"too many peer requests\",\"status\":503}"))
                .willSetStateTo("free"));
        busy.stubFor(get(urlPathEqualTo("/v1/feeds"))
                .inScenario("busy")
                .whenScenarioStateIs("free")
                .willReturn(okJson("{\"feeds\":[{\"origin\":\"zz-busy\",\"seq\":3}]}")));
        WireMockServer failing = mock("zz-fails", k, aResponse().withStatus(500));
        try (TestNode forum = forumWithoutPeriodicPulls()) {
            forum.federation().peers().follow(failing.baseUrl(), OriginFilter.all());
            forum.federation().peers().follow(busy.baseUrl(), OriginFilter.all());
            await("pulled after the busy answer", () -> forum.head(HubId.of("zz-busy")) == 3);
            await("a pull that worked recorded", () -> pulledFine(forum, "zz-busy"));
            // 503, then the heads and the heads read after the re-confirmation's answer (SPEC §10.1).
            assertEquals(
                    3,
                    busy.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                                    urlPathEqualTo("/v1/feeds")))
                            .size());
            await(
                    "the failing peer's pull recorded",
                    () -> !lastPull(forum, "zz-fails").isEmpty());
            assertEquals(
                    1,
                    failing.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                                    urlPathEqualTo("/v1/feeds")))
                            .size());
        } finally {
            busy.stop();
            failing.stop();
        }
    }

    /**
     * SPEC §10.1: the peer answering a re-confirmation may push only what it stores after its answer,
     * and the heads a pull first reads were asked for alongside that question. An envelope the peer
     * stored in between (here seq 3: the heads said 2) is read by heads asked for after the answer;
     * the pull does not stop at the first heads.
     */
    @Test
    void pull_peerStoresMoreWhileAnsweringTheReconfirmation_pulledUpToHeadsReadAfterTheAnswer() {
        Ed25519KeyPair k = Ed25519KeyPair.generate(new SecureRandom());
        List<Envelope> log = orgLog("zz-moving", k, 3);
        WireMockServer peer = mock("zz-moving", k, okJson("{\"feeds\":[{\"origin\":\"zz-moving\",\"seq\":2}]}"));
        peer.stubFor(get(urlPathEqualTo("/v1/feeds"))
                .inScenario("moving")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(okJson("{\"feeds\":[{\"origin\":\"zz-moving\",\"seq\":2}]}"))
                .willSetStateTo("stored seq 3"));
        peer.stubFor(get(urlPathEqualTo("/v1/feeds"))
                .inScenario("moving")
                .whenScenarioStateIs("stored seq 3")
                .willReturn(okJson("{\"feeds\":[{\"origin\":\"zz-moving\",\"seq\":3}]}")));
        for (int after = 0; after <= 2; after += 2) {
            servePage(peer, "zz-moving", after, null, log.subList(after, after == 0 ? 2 : 3));
        }
        try (TestNode forum = forumWithoutPeriodicPulls()) {
            forum.federation().peers().follow(peer.baseUrl(), OriginFilter.all());
            await("pulled up to the heads read after the answer", () -> forum.head(HubId.of("zz-moving")) == 3);
            await("a pull that worked recorded", () -> pulledFine(forum, "zz-moving"));
        } finally {
            peer.stop();
        }
    }

    /**
     * Just after a restart, a push from a peer this node is still pulling from is answered busy (503,
     * Retry-After), not stored alongside the pull; once the pull of start-up ended, the same push is taken.
     */
    @Test
    void push_fromAPeerStillPulledSinceTheStart_answeredBusyThenTaken() {
        Ed25519KeyPair k = Ed25519KeyPair.generate(new SecureRandom());
        List<Envelope> log = orgLog("zz-restart", k, 1);
        WireMockServer peer = mock("zz-restart", k, okJson("{\"feeds\":[]}"));
        try {
            try (TestNode forum = forumWithoutPeriodicPulls()) {
                forum.federation().peers().follow(peer.baseUrl(), OriginFilter.all());
                await("followed", () -> pulledFine(forum, "zz-restart"));
            }
            // After the restart, its pull of start-up waits 3 s for the peer's heads.
            peer.stubFor(get(urlPathEqualTo("/v1/feeds"))
                    .willReturn(okJson("{\"feeds\":[]}").withFixedDelay(3_000)));
            try (TestNode forum = forumWithoutPeriodicPulls()) {
                PeerClient client = clientSigningWith(k);
                List<String> push = List.of(log.get(0).canonicalJson());
                java.util.concurrent.CompletionException refused = assertThrows(
                        java.util.concurrent.CompletionException.class,
                        () -> client.push(forum.url() + "/v1/inbox", push).join());
                PeerException busy = (PeerException) refused.getCause();
                assertEquals(503, busy.status(), busy.getMessage());
                assertEquals(java.util.Optional.of(Duration.ofSeconds(1)), busy.retryAfter());
                assertEquals(0, forum.head(HubId.of("zz-restart")));
                await(
                        "the pull of start-up ended",
                        () -> forum.federation().firstPullRound().isDone());
                client.push(forum.url() + "/v1/inbox", push).join();
                assertEquals(1, forum.head(HubId.of("zz-restart")));
            }
        } finally {
            peer.stop();
        }
    }

    /**
     * The other side of the busy push: a subscriber that answers 503 (a follower just restarted and still
     * pulling) is alive. The hub pushes again after Retry-After and raises no alert, where a subscriber
     * whose inbox fails (500) is alerted on.
     */
    @Test
    void push_subscriberAnswersBusy_pushedAgainWithoutAnAlert() {
        WireMockServer busyInbox =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        WireMockServer failingInbox =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        busyInbox.start();
        failingInbox.start();
        busyInbox.stubFor(post(urlPathEqualTo("/v1/inbox"))
                .inScenario("restarting")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"busy\",\"status\":503}"))
                .willSetStateTo("pulled"));
        busyInbox.stubFor(post(urlPathEqualTo("/v1/inbox"))
                .inScenario("restarting")
                .whenScenarioStateIs("pulled")
                .willReturn(okJson("{\"accepted\":1,\"duplicates\":0,\"rejected\":[]}")));
        failingInbox.stubFor(
                post(urlPathEqualTo("/v1/inbox")).willReturn(aResponse().withStatus(500)));
        try (TestNode hub = node("jp-hub")) {
            String[][] followers = {{"zz-restarting", busyInbox.baseUrl()}, {"zz-broken", failingInbox.baseUrl()}};
            for (String[] f : followers) {
                PeerClient follower = clientSigningWith(Ed25519KeyPair.generate(new SecureRandom()));
                follower.subscribe(hub.url(), HubId.of(f[0]), f[1] + "/v1/inbox", OriginFilter.all());
                hub.federation().subscribers().approve(f[0]);
            }
            hub.publishOrg("o1", "Org");
            await(
                    "pushed again after the busy answer",
                    () -> busyInbox
                                    .findAll(postRequestedFor(urlPathEqualTo("/v1/inbox")))
                                    .size()
                            >= 2);
            await(
                    "the broken inbox alerted on",
                    () -> hub.federation().alerts().list(100).stream()
                            .anyMatch(a -> a.kind().equals(Alert.PEER) && "zz-broken".equals(a.peer())));
            assertTrue(
                    hub.federation().alerts().list(100).stream()
                            .noneMatch(a -> a.kind().equals(Alert.PEER) && "zz-restarting".equals(a.peer())),
                    "a busy subscriber is not alerted on");
        } finally {
            busyInbox.stop();
            failingInbox.stop();
        }
    }

    /**
     * A subscriber that restarts re-confirms while a push to it is in flight, and that push ends busy (the
     * subscriber is pulling the same envelopes): the failure count its re-confirmation reset stays reset,
     * so the next push waits about the Retry-After, not the backoff of the failures from while it was down.
     */
    @Test
    void push_resubscribedWhileAPushIsInFlight_failuresCountedFromTheReset() {
        WireMockServer inbox =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        inbox.start();
        String[][] answers = { // state, status, Retry-After, next state
            {com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED, "500", null, "down"},
            {"down", "500", null, "restarting"},
            {"restarting", "503", "1", "pulling"},
            {"pulling", "429", "3600", "pulling"}
        };
        for (String[] a : answers) {
            ResponseDefinitionBuilder answer = aResponse().withStatus(Integer.parseInt(a[1]));
            if (a[2] != null) {
                answer = answer.withHeader("Retry-After", a[2]);
            }
            if (a[0].equals("restarting")) {
                answer = answer.withFixedDelay(1_500); // in flight while the subscriber re-confirms
            }
            inbox.stubFor(post(urlPathEqualTo("/v1/inbox"))
                    .inScenario("restart")
                    .whenScenarioStateIs(a[0])
                    .willReturn(answer)
                    .willSetStateTo(a[3]));
        }
        try (TestNode hub = node("jp-hub")) {
            PeerClient follower = clientSigningWith(Ed25519KeyPair.generate(new SecureRandom()));
            String inboxUrl = inbox.baseUrl() + "/v1/inbox";
            follower.subscribe(hub.url(), HubId.of("zz-restarting"), inboxUrl, OriginFilter.all());
            hub.federation().subscribers().approve("zz-restarting");
            hub.publishOrg("o1", "Org");
            await(
                    "the third push in flight",
                    () -> inbox.findAll(postRequestedFor(urlPathEqualTo("/v1/inbox")))
                                    .size()
                            == 3);
            follower.subscribe(hub.url(), HubId.of("zz-restarting"), inboxUrl, OriginFilter.all());
            // Its re-confirmation moved its pushes past o1 (it pulls that): a live write is what comes next.
            hub.publishOrg("o2", "Org");
            java.util.function.Supplier<SubscriberService.SubscriberView> view =
                    () -> hub.federation().subscribers().list().stream()
                            .filter(v -> v.hub().equals("zz-restarting"))
                            .findFirst()
                            .orElseThrow();
            await(
                    "the fourth push answered 429",
                    () -> String.valueOf(view.get().lastError()).contains("HTTP 429"));
            assertEquals(2, view.get().failures(), "counted from the reset: the 503, then the 429");
        } finally {
            inbox.stop();
        }
    }

    /** A busy peer's Retry-After is a floor for the pull's next try (here 2 s, where the backoff is 50 ms). */
    @Test
    void pull_busyPeerAsksForAWait_askedAgainOnlyAfterItsRetryAfter() {
        Ed25519KeyPair k = Ed25519KeyPair.generate(new SecureRandom());
        WireMockServer busy = honestMock("zz-slowdown", k, 3);
        slowDownOnce(
                busy,
                () -> get(urlPathEqualTo("/v1/feeds")),
                okJson("{\"feeds\":[{\"origin\":\"zz-slowdown\",\"seq\":3}]}"));
        try (TestNode forum = forumWithoutPeriodicPulls()) {
            forum.federation().peers().follow(busy.baseUrl(), OriginFilter.all());
            await("pulled after the wait it asked for", () -> forum.head(HubId.of("zz-slowdown")) == 3);
            assertTrue(
                    millisBetweenFirstTwo(
                                    busy,
                                    com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                                            urlPathEqualTo("/v1/feeds")))
                            >= 1_900,
                    "asked again before the peer's Retry-After of 2 s");
        } finally {
            busy.stop();
        }
    }

    /** A subscriber's inbox answering 429 with Retry-After is pushed to again only after that wait. */
    @Test
    void push_subscriberAsksForAWait_pushedAgainOnlyAfterItsRetryAfter() {
        WireMockServer inbox =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        inbox.start();
        slowDownOnce(
                inbox,
                () -> post(urlPathEqualTo("/v1/inbox")),
                okJson("{\"accepted\":1,\"duplicates\":0,\"rejected\":[]}"));
        try (TestNode hub = TestNode.start(dir.resolve("hub"), "jp-hub")) {
            PeerClient follower = clientSigningWith(Ed25519KeyPair.generate(new SecureRandom()));
            follower.askToFollow(hub.url(), HubId.of("xx-follower"), inbox.baseUrl() + "/v1/inbox", OriginFilter.all());
            hub.adminPost("/admin/v1/subscribers/xx-follower/approve", "");
            hub.adminPost(
                    "/admin/v1/organizations",
                    FederationFixtures.org("o1", "Org").toString());
            await(
                    "pushed again after the wait",
                    () -> inbox.findAll(postRequestedFor(urlPathEqualTo("/v1/inbox")))
                                    .size()
                            >= 2);
            assertTrue(
                    millisBetweenFirstTwo(inbox, postRequestedFor(urlPathEqualTo("/v1/inbox"))) >= 1_900,
                    "pushed again before the subscriber's Retry-After of 2 s");
        } finally {
            inbox.stop();
        }
    }

    /** Makes {@code w} answer {@code request} once with 429 and {@code Retry-After: 2}, then with {@code then}. */
    private static void slowDownOnce(
            WireMockServer w,
            java.util.function.Supplier<com.github.tomakehurst.wiremock.client.MappingBuilder> request,
            ResponseDefinitionBuilder then) {
        w.stubFor(request.get()
                .inScenario("slow down")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "2")
                        .withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"title\":\"too many requests\",\"status\":429}"))
                .willSetStateTo("free"));
        w.stubFor(request.get()
                .inScenario("slow down")
                .whenScenarioStateIs("free")
                .willReturn(then));
    }

    private static long millisBetweenFirstTwo(
            WireMockServer w, com.github.tomakehurst.wiremock.matching.RequestPatternBuilder requests) {
        List<Long> at = w.findAll(requests).stream()
                .map(r -> r.getLoggedDate().getTime())
                .sorted()
                .toList();
        assertTrue(at.size() >= 2, "two requests, got " + at.size());
        return at.get(1) - at.get(0);
    }

    /** A mock peer holding {@code log} (one origin, its own), served in one page. */
    private WireMockServer honestMock(String hub, Ed25519KeyPair k, int envelopes) {
        WireMockServer w = mock(hub, k, okJson("{\"feeds\":[]}"));
        serveLog(w, hub, orgLog(hub, k, envelopes));
        return w;
    }

    /** {@code hub}'s log of {@code envelopes} organizations, signed with {@code k}. */
    private static List<Envelope> orgLog(String hub, Ed25519KeyPair k, int envelopes) {
        HubId origin = HubId.of(hub);
        List<Envelope> log = new ArrayList<>();
        String prev = null;
        for (int seq = 1; seq <= envelopes; seq++) {
            Envelope e = FederationFixtures.orgAt(origin, seq, prev, "o" + seq, "Org " + seq, k);
            log.add(e);
            prev = e.hash();
        }
        return log;
    }

    /** Makes {@code w} answer a feed request after {@code after} (and for {@code limit}, when given) with {@code page}. */
    private static void servePage(WireMockServer w, String hub, int after, Integer limit, List<Envelope> page) {
        StringBuilder body = new StringBuilder();
        for (Envelope e : page) {
            body.append(e.canonicalJson()).append('\n');
        }
        var request = get(urlPathEqualTo("/v1/feeds/" + hub)).withQueryParam("after", equalTo(String.valueOf(after)));
        if (limit != null) {
            request = request.withQueryParam("limit", equalTo(String.valueOf(limit)));
        }
        w.stubFor(request.willReturn(
                aResponse().withHeader("Content-Type", "application/x-ndjson").withBody(body.toString())));
    }

    /** Makes {@code w} serve {@code log} as {@code hub}'s whole log (replacing what it served). */
    private static void serveLog(WireMockServer w, String hub, List<Envelope> log) {
        StringBuilder page = new StringBuilder();
        for (Envelope e : log) {
            page.append(e.canonicalJson()).append('\n');
        }
        w.stubFor(get(urlPathEqualTo("/v1/feeds"))
                .willReturn(okJson("{\"feeds\":[{\"origin\":\"" + hub + "\",\"seq\":" + log.size() + "}]}")));
        w.stubFor(get(urlPathEqualTo("/v1/feeds/" + hub))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/x-ndjson")
                        .withBody(page.toString())));
    }

    /**
     * Attack 3 held past the deadline: five followed peers trickle their feed lists for far longer than
     * the request deadline while a peer whose pulls work keeps writing. Peers not known to work pull in
     * their own lane, so the working peer's new envelopes are pulled on schedule (each pull round is
     * asked for here), long before the trickling pulls are cut off.
     */
    @Test
    void pull_peersTricklingPastTheDeadline_workingPeerStillPulledOnSchedule() throws Exception {
        Ed25519KeyPair k = Ed25519KeyPair.generate(new SecureRandom());
        List<Envelope> log = orgLog("zz-working", k, 6);
        WireMockServer honest = mock("zz-working", k, okJson("{\"feeds\":[]}"));
        serveLog(honest, "zz-working", log.subList(0, 2));
        List<TricklingPeer> slow = new ArrayList<>();
        Settings settings = Settings.defaults().with(Settings.PEER_REQUEST_DEADLINE, Duration.ofSeconds(60));
        try (TestNode forum = new TestNode(
                        dir.resolve("forum"),
                        "ap-forum",
                        c -> c.with(Duration.ofHours(1), c.requestTimeout(), true, true),
                        settings)
                .start()) {
            forum.federation().peers().follow(honest.baseUrl(), OriginFilter.all());
            await("the working peer pulled", () -> forum.head(HubId.of("zz-working")) == 2);
            await(
                    "its pull recorded",
                    () -> forum.federation().peers().subscriptions().stream()
                            .anyMatch(s ->
                                    s.hub().equals("zz-working") && s.lastPullAt() != null && s.lastError() == null));
            for (int i = 0; i < 5; i++) {
                TricklingPeer p = new TricklingPeer(
                        "zz-slow" + i,
                        Ed25519KeyPair.generate(new SecureRandom()),
                        TricklingPeer.slowAfterFirstContact(Duration.ofMillis(1_000)));
                slow.add(p);
                forum.federation().peers().follow(p.baseUrl(), OriginFilter.all());
            }
            for (int envelopes = 3; envelopes <= 6; envelopes++) {
                serveLog(honest, "zz-working", log.subList(0, envelopes));
                forum.federation().pullNow();
                int expected = envelopes;
                await(
                        Duration.ofSeconds(10),
                        "the working peer's envelope " + expected + " pulled",
                        () -> forum.head(HubId.of("zz-working")) == expected);
            }
            assertTrue(
                    forum.federation().peers().subscriptions().stream()
                            .filter(s -> s.hub().startsWith("zz-slow"))
                            .allMatch(s -> s.lastPullAt() == null),
                    "the trickling pulls are still running (their deadline is 60 s)");
        } finally {
            for (TricklingPeer p : slow) {
                p.close();
            }
            honest.stop();
        }
    }

    /**
     * Attack 3: as many peers as pull workers answer their feed list's head at once, then trickle its
     * body over 15 s. Every request to a peer has a total deadline, so the workers come free and
     * an honest peer is still pulled.
     */
    @Test
    void pull_peersTricklingTheirAnswers_cutOffAtTheDeadlineAndHonestPeerPulled() throws Exception {
        List<TricklingPeer> slow = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slow.add(new TricklingPeer("zz-slow" + i, Ed25519KeyPair.generate(new SecureRandom())));
        }
        WireMockServer honest = honestMock("zz-honest", Ed25519KeyPair.generate(new SecureRandom()), 3);
        Settings settings = Settings.defaults().with(Settings.PEER_REQUEST_DEADLINE, Duration.ofSeconds(2));
        try (TestNode forum = new TestNode(
                        dir.resolve("forum"),
                        "ap-forum",
                        c -> c.with(Duration.ofHours(1), c.requestTimeout(), true, true),
                        settings)
                .start()) {
            for (TricklingPeer p : slow) {
                forum.federation().peers().follow(p.baseUrl(), OriginFilter.all());
            }
            forum.federation().peers().follow(honest.baseUrl(), OriginFilter.all());
            await("the honest peer pulled", () -> forum.head(HubId.of("zz-honest")) == 3);
            await(
                    "every slow peer cut off",
                    () -> forum.federation().peers().subscriptions().stream()
                                    .filter(s -> s.lastError() != null
                                            && s.lastError().contains("in full within"))
                                    .count()
                            == slow.size());
        } finally {
            for (TricklingPeer p : slow) {
                p.close();
            }
            honest.stop();
        }
    }

    /**
     * Attack 4: a peer serving a page larger than the page byte budget is not read past it; the page is
     * asked for again with fewer envelopes, so a peer with large envelopes is still pulled in full.
     */
    @Test
    void pull_pageOverTheByteBudget_notReadPastItAndAskedAgainSmaller() {
        Ed25519KeyPair k = Ed25519KeyPair.generate(new SecureRandom());
        HubId origin = HubId.of("zz-large");
        String big = "x".repeat(7_900);
        int total = 20;
        List<Envelope> log = new ArrayList<>();
        for (int seq = 1; seq <= total; seq++) {
            String prev = log.isEmpty() ? null : log.get(log.size() - 1).hash();
            log.add(Envelope.sign(
                    origin,
                    seq,
                    prev,
                    java.time.Instant.now(),
                    org.tsunagu.protocol.UpdateType.ORG_UPSERT,
                    FederationFixtures.json("{\"id\":\"o" + seq + "\",\"name\":\"Org\",\"country\":\"JP\","
                            + "\"description\":\"" + big + "\"}"),
                    k));
        }
        WireMockServer peer =
                mock("zz-large", k, okJson("{\"feeds\":[{\"origin\":\"zz-large\",\"seq\":" + total + "}]}"));
        // Serves whatever page is asked for, as a node does (the limits a halving from 2000 asks for).
        for (int after = 0; after < total; after++) {
            for (int limit : List.of(2000, 1000, 500, 250, 125, 62, 31, 15, 7, 3, 1)) {
                servePage(peer, "zz-large", after, limit, log.subList(after, Math.min(total, after + limit)));
            }
        }
        // A budget of about six of these envelopes (scaled down from the setting's 1MiB minimum).
        PeerLimits small = FederationFixtures.limitsWith(PeerLimits.defaults().requestDeadline(), 50_000);
        try (TestNode forum = new TestNode(
                        dir.resolve("forum"),
                        "ap-forum",
                        c -> c.with(Duration.ofHours(1), c.requestTimeout(), true, true)
                                .withLimits(small))
                .start()) {
            forum.federation().peers().follow(peer.baseUrl(), OriginFilter.all());
            await("every page read", () -> forum.head(origin) == total);
        } finally {
            peer.stop();
        }
    }

    /**
     * Attack 4 as the review ran it: a peer serving a page of 68 KiB valid-JSON lines that are no
     * envelopes (14 MB here, 139 MB in the review) is refused at its first line, read as it arrives:
     * one request, not re-asked smaller (a garbage page is not one that is merely too large), and the
     * pull error names the line.
     */
    @Test
    void pull_hugePageOfGarbageLines_refusedAtTheFirstLineAndNotAskedAgainSmaller() {
        Ed25519KeyPair k = Ed25519KeyPair.generate(new SecureRandom());
        WireMockServer peer = mock("zz-huge", k, okJson("{\"feeds\":[{\"origin\":\"zz-huge\",\"seq\":200}]}"));
        String line = "{\"pad\":\"" + "x".repeat(68 * 1024 - 12) + "\"}\n";
        peer.stubFor(get(urlPathEqualTo("/v1/feeds/zz-huge"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/x-ndjson")
                        .withBody(line.repeat(200))));
        java.util.concurrent.atomic.AtomicInteger pageSize = new java.util.concurrent.atomic.AtomicInteger();
        try (TestNode forum = new TestNode(dir.resolve("forum"), "ap-forum", c -> {
                    // One pull only, and a generous head timeout: this machine may be loaded, and a pull
                    // that times out before the page would not show what the page does.
                    FederationConfig quiet = c.with(Duration.ofHours(1), Duration.ofSeconds(30), true, true);
                    pageSize.set(quiet.pullPage());
                    return quiet;
                })
                .start()) {
            forum.federation().peers().follow(peer.baseUrl(), OriginFilter.all());
            await(
                    "the pull failed",
                    () -> forum.federation().peers().subscriptions().stream().anyMatch(s -> s.lastError() != null));
            String error = forum.federation().peers().subscriptions().get(0).lastError();
            assertTrue(error.contains("line 1 is malformed"), error);
            assertEquals(0, forum.head(HubId.of("zz-huge")));
            List<String> limits = peer
                    .findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                            urlPathEqualTo("/v1/feeds/zz-huge")))
                    .stream()
                    .map(r -> r.queryParameter("limit").firstValue())
                    .toList();
            // First contact reads one envelope (limit 1); the pull asks for its first page (the one it
            // stores and up to one ahead, both the size a pull starts with) and none smaller.
            List<String> pull = limits.stream().filter(l -> !l.equals("1")).toList();
            String firstPage = String.valueOf(Math.min(pageSize.get(), Puller.FIRST_PAGE));
            assertEquals(1, limits.size() - pull.size(), limits.toString());
            assertTrue(!pull.isEmpty() && pull.size() <= 2, limits.toString());
            assertTrue(pull.stream().allMatch(l -> l.equals(firstPage)), limits.toString());
        } finally {
            peer.stop();
        }
    }
}
