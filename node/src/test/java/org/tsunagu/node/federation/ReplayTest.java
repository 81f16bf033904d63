package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.node.federation.FederationFixtures.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import org.tsunagu.protocol.canon.StrictJson;

/**
 * RFC 9421 replay protection on real nodes: the exact same signed request sent again is refused with
 * 401 and changes nothing; the same request signed anew is accepted.
 */
class ReplayTest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    /** A request signed once; {@link #send} sends exactly these bytes and headers every time. */
    private record Captured(String method, URI uri, String contentType, byte[] body, Map<String, String> headers) {
        static Captured sign(TestNode signer, String method, URI uri, String contentType, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            RequestSigning signing = new RequestSigning(signer::key, Clock.systemUTC(), Duration.ofMinutes(5));
            return new Captured(method, uri, contentType, bytes, signing.sign(method, uri, bytes));
        }

        /** The same signed headers over another body, as a tampering middlebox would send them. */
        Captured withBody(String other) {
            return new Captured(method, uri, contentType, other.getBytes(StandardCharsets.UTF_8), headers);
        }

        HttpResponse<String> send() throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                    .method(
                            method,
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            headers.forEach(b::header);
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void assertReplayRefused(HttpResponse<String> r) {
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                r.headers().toString());
        JsonNode problem = StrictJson.parse(r.body().getBytes(StandardCharsets.UTF_8));
        assertTrue(problem.get("detail").asText().contains("replayed"), r.body());
    }

    private static String subscription(TestNode follower) {
        return "{\"hub\":\"" + follower.hub + "\",\"inbox\":\"" + follower.url() + "/v1/inbox\",\"origins\":[\"*\"]}";
    }

    private static long replayAlerts(TestNode n) {
        return n.federation().alerts().list("replay", 100).size();
    }

    @Test
    void inbox_sameSignedPushTwice_secondRefused401() throws Exception {
        try (TestNode hub = TestNode.start(dir.resolve("hub"), "jp-hub");
                TestNode forum = TestNode.start(dir.resolve("forum"), "ap-forum")) {
            forum.follow(hub);
            await("synced", () -> forum.head(hub) == 1);
            String batch = hub.feed(hub.hub, 0, 1).get(0) + "\n";
            URI inbox = URI.create(forum.url() + "/v1/inbox");
            Captured push = Captured.sign(hub, "POST", inbox, PeerClient.NDJSON, batch);

            HttpResponse<String> first = push.send();
            assertEquals(200, first.statusCode(), first.body());
            assertReplayRefused(push.send());
            assertReplayRefused(push.send());
            assertEquals(1, replayAlerts(forum), "one alert for a replayed signature, however often");
            assertEquals(
                    2.0,
                    forum.federation()
                            .metrics()
                            .counter("tsunagu_federation_refused_total", "what", "push_replay")
                            .count());
            // The same body signed anew is a new request.
            HttpResponse<String> fresh =
                    Captured.sign(hub, "POST", inbox, PeerClient.NDJSON, batch).send();
            assertEquals(200, fresh.statusCode(), fresh.body());
            assertEquals(1, forum.head(hub));
        }
    }

    private static void assertDigestRefused(HttpResponse<String> r) {
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                r.headers().toString());
        assertTrue(r.body().contains("Content-Digest"), r.body());
    }

    @Test
    void inbox_goodHeadOverAnotherBody_refused401() throws Exception {
        // The head's signature is checked before the body is read, and not again after: the body must
        // still be the one whose digest it signed (HttpSignatures.verifyReceivedBody).
        try (TestNode hub = TestNode.start(dir.resolve("hub"), "jp-hub");
                TestNode forum = TestNode.start(dir.resolve("forum"), "ap-forum")) {
            forum.follow(hub);
            await("synced", () -> forum.head(hub) == 1);
            String first = hub.feed(hub.hub, 0, 1).get(0) + "\n";
            // A body the inbox would take (a blank line more: the same envelope, a duplicate), had it been
            // signed: only the digest check tells it from the one that was.
            String other = first + "\n";
            URI inbox = URI.create(forum.url() + "/v1/inbox");
            Captured signedForFirst = Captured.sign(hub, "POST", inbox, PeerClient.NDJSON, first);
            assertDigestRefused(signedForFirst.withBody(other).send());
            HttpResponse<String> signedForOther =
                    Captured.sign(hub, "POST", inbox, PeerClient.NDJSON, other).send();
            assertEquals(200, signedForOther.statusCode(), signedForOther.body());
            assertEquals(1, forum.head(hub));
        }
    }

    @Test
    void subscribe_goodHeadOverAnotherBody_refused401AndNotSubscribed() throws Exception {
        try (TestNode hub = TestNode.start(dir.resolve("hub"), "jp-hub");
                TestNode forum = TestNode.start(dir.resolve("forum"), "ap-forum")) {
            hub.federation().peers().add(forum.url(), null);
            URI subscriptions = URI.create(hub.url() + "/v1/subscriptions");
            Captured subscribe = Captured.sign(forum, "POST", subscriptions, "application/json", subscription(forum));
            String widened = subscription(forum).replace("\"inbox\":\"", "\"inbox\":\"http://127.0.0.1:9/x?");
            assertDigestRefused(subscribe.withBody(widened).send());
            assertTrue(hub.federation().subscribers().list().isEmpty());
            // The forged request used the signature up (it is remembered before the body is read): the
            // signed body needs a new one.
            assertReplayRefused(subscribe.send());
            Captured again = Captured.sign(forum, "POST", subscriptions, "application/json", subscription(forum));
            assertEquals(201, again.send().statusCode(), "the signed body itself is accepted");
        }
    }

    @Test
    void subscribe_sameSignedRequestAfterUnsubscribing_refused401AndStaysUnsubscribed() throws Exception {
        try (TestNode hub = TestNode.start(dir.resolve("hub"), "jp-hub");
                TestNode forum = TestNode.start(dir.resolve("forum"), "ap-forum")) {
            hub.federation().peers().add(forum.url(), null);
            URI subscriptions = URI.create(hub.url() + "/v1/subscriptions");
            Captured subscribe = Captured.sign(forum, "POST", subscriptions, "application/json", subscription(forum));
            assertEquals(201, subscribe.send().statusCode());
            assertEquals(1, hub.federation().subscribers().list().size());
            URI mine = URI.create(hub.url() + "/v1/subscriptions/ap-forum");
            assertEquals(
                    204, Captured.sign(forum, "DELETE", mine, null, "").send().statusCode());
            assertTrue(hub.federation().subscribers().list().isEmpty());

            assertReplayRefused(subscribe.send());
            assertTrue(hub.federation().subscribers().list().isEmpty(), "the replay changed nothing");

            Captured again = Captured.sign(forum, "POST", subscriptions, "application/json", subscription(forum));
            assertEquals(201, again.send().statusCode());
            assertEquals("active", hub.federation().subscribers().list().get(0).status());
        }
    }

    @Test
    void unsubscribe_sameSignedRequestAfterResubscribing_refused401AndStaysSubscribed() throws Exception {
        try (TestNode hub = TestNode.start(dir.resolve("hub"), "jp-hub");
                TestNode forum = TestNode.start(dir.resolve("forum"), "ap-forum")) {
            hub.federation().peers().add(forum.url(), null);
            URI subscriptions = URI.create(hub.url() + "/v1/subscriptions");
            URI mine = URI.create(hub.url() + "/v1/subscriptions/ap-forum");
            assertEquals(
                    201,
                    Captured.sign(forum, "POST", subscriptions, "application/json", subscription(forum))
                            .send()
                            .statusCode());
            Captured unsubscribe = Captured.sign(forum, "DELETE", mine, null, "");
            assertEquals(204, unsubscribe.send().statusCode());
            assertEquals(
                    201,
                    Captured.sign(forum, "POST", subscriptions, "application/json", subscription(forum))
                            .send()
                            .statusCode());

            assertReplayRefused(unsubscribe.send());
            assertEquals(1, hub.federation().subscribers().list().size(), "the replay changed nothing");
            assertEquals(1, replayAlerts(hub));
        }
    }
}
