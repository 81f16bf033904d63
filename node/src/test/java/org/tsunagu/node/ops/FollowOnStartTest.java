package org.tsunagu.node.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tsunagu.node.federation.PeerService.SubscriptionView;

class FollowOnStartTest {
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** Unreachable twice, then pending once, then active. */
    private SubscriptionView peer(String url) {
        int n = calls.computeIfAbsent(url, u -> new AtomicInteger()).incrementAndGet();
        if (n <= 2) {
            throw new IllegalStateException("connection refused");
        }
        return new SubscriptionView("jp-hub", List.of("*"), n == 3 ? "pending" : "active", null, null);
    }

    @Test
    void start_peerComesUpLater_retriesUntilActiveThenStops() {
        StringWriter text = new StringWriter();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            FollowOnStart f = FollowOnStart.start(
                    List.of("http://127.0.0.1:9/"),
                    this::peer,
                    new PrintWriter(text),
                    Duration.ofMillis(10),
                    Duration.ofSeconds(5));
            while (!text.toString().contains("active")) {
                Thread.sleep(10);
            }
            f.close();
        });
        assertEquals(4, calls.get("http://127.0.0.1:9/").get(), "no call after active");
        assertTrue(text.toString().contains("not reachable yet"), text.toString());
        assertEquals(1, count(text.toString(), "not reachable yet"), "the same state is printed once");
    }

    @Test
    void start_neverActive_givesUpAfterTheLimitAndSaysSo() {
        StringWriter text = new StringWriter();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            FollowOnStart.start(
                    List.of("http://127.0.0.1:9/"),
                    url -> new SubscriptionView("ap-forum", List.of("*"), "pending", null, null),
                    new PrintWriter(text),
                    Duration.ofMillis(10),
                    Duration.ofMillis(200));
            while (!text.toString().contains("still not an active follower")) {
                Thread.sleep(10);
            }
        });
        assertTrue(text.toString().contains("ap-forum pending"), text.toString());
    }

    private static int count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }
}
