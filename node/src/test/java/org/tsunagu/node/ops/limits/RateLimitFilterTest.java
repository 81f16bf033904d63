package org.tsunagu.node.ops.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.SelfRequests;
import org.tsunagu.node.http.TestClient;

class RateLimitFilterTest {
    private static final String KEY = "ed25519:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    private final AtomicLong now = new AtomicLong(0);
    private ApiServer server;
    private TestClient client;

    private void start(RateLimits limits) {
        server = LimitsTestApp.start(new RateLimitFilter(limits, now::get), config -> {}, listener -> {});
        client = new TestClient(server.baseUri(), null);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private static RateLimits small(boolean limitLoopback) {
        return new RateLimits(new RateLimit(1, 3), new RateLimit(1, 4), new RateLimit(1, 2), 100, limitLoopback);
    }

    @Test
    void get_overThePublicAllowance_429WithRetryAfterAndProblem() {
        start(small(true));
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.get("/v1/feeds").status());
        }

        TestClient.Reply refused = client.get("/v1/feeds");

        assertEquals(429, refused.status(), refused.body());
        assertEquals("1", refused.header("Retry-After"));
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals(429, refused.json().get("status").asInt());
        now.addAndGet(1_000_000_000L);
        assertEquals(200, client.get("/v1/feeds").status(), "a token came back after a second");
    }

    @Test
    void get_selfRequestsWithThisProcessToken_notLimitedButAWrongTokenIs() {
        start(small(true));
        for (int i = 0; i < 10; i++) {
            assertEquals(
                    200,
                    client.send(client.request("/v1/feeds").header(SelfRequests.HEADER, SelfRequests.token()))
                            .status());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.get("/v1/feeds").status(), "the warm-up spent nothing of the allowance");
        }
        assertEquals(
                429,
                client.send(client.request("/v1/feeds").header(SelfRequests.HEADER, "guessed"))
                        .status());
    }

    @Test
    void get_healthAndAdmin_neverLimited() {
        start(small(true));
        for (int i = 0; i < 10; i++) {
            assertEquals(200, client.get("/healthz").status());
            assertEquals(200, client.get("/admin/v1/alerts").status());
        }
    }

    @Test
    void get_fromLoopbackWhenLoopbackIsExempt_neverLimited() {
        start(small(false));
        for (int i = 0; i < 10; i++) {
            assertEquals(200, client.get("/v1/feeds").status());
        }
    }

    @Test
    void post_inbox_verifiedPushesSpendThePeersAllowanceSpoofedOnesDoNot() {
        start(new RateLimits(new RateLimit(1, 3), new RateLimit(1, 100), new RateLimit(1, 2), 100, true));
        for (int i = 0; i < 10; i++) {
            assertEquals(401, push(KEY, false), "forged requests naming the peer's key");
        }
        assertEquals(200, push(KEY, true));
        assertEquals(200, push(KEY, true));

        assertEquals(429, push(KEY, true), "the peer spent its two");
        assertEquals(
                401, push("ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false), "another key is not held up");
    }

    @Test
    void post_inbox_perAddressAllowance() {
        start(new RateLimits(new RateLimit(1, 3), new RateLimit(1, 2), new RateLimit(1, 100), 100, true));
        assertEquals(200, push(KEY, true));
        assertEquals(200, push(KEY, true));
        assertEquals(429, push(KEY, true));
    }

    @Test
    void claimedKeyId_readsTheKeyidParameter() {
        assertEquals(
                KEY,
                RateLimitFilter.claimedKeyId(
                        "sig1=(\"@method\" \"@target-uri\");created=1;keyid=\"" + KEY + "\";alg=\"ed25519\""));
        assertNull(RateLimitFilter.claimedKeyId(null));
        assertNull(RateLimitFilter.claimedKeyId("sig1=();keyid=\"rsa:xyz\""));
    }

    private int push(String keyId, boolean verified) {
        return client.send(client.request("/v1/inbox")
                        .header("Content-Type", "application/x-ndjson")
                        .header("Signature-Input", "sig1=(\"@method\");created=1;keyid=\"" + keyId + "\"")
                        .header("X-Test-Verified", verified ? "yes" : "no")
                        .POST(HttpRequest.BodyPublishers.ofString("{}\n")))
                .status();
    }
}
