package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The healthy peer of {@link AttackNode}: a real node (started by {@code scripts/attack-node}) that the
 * attacked node follows and that does not push to it (it never approved the attacked node's follow
 * request), so everything of it reaches the attacked node by pulls. While an attack runs, {@link #watch}
 * writes an organization at the peer every 3 s and measures how long each takes to show in the attacked
 * node's {@code /v1/feeds} heads, and how old the attacked node's last pull from the peer gets.
 */
final class HealthyPeer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WRITE_EVERY = Duration.ofSeconds(3);
    private static final AtomicLong WRITES = new AtomicLong();

    private final String url;
    private final String token;
    private final String hub;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    HealthyPeer(String url, String token, String hub) {
        this.url = url;
        this.token = token;
        this.hub = hub;
    }

    /** Waits (at most 2 minutes) until the attacked node pulled from this peer once without error. */
    void awaitFollowed(String target, String targetToken) throws Exception {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < end) {
            JsonNode s = subscription(target, targetToken);
            if (s != null && s.hasNonNull("last_pull_at") && !s.hasNonNull("last_error")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the attacked node never pulled from the healthy peer " + hub);
    }

    /** Starts measuring; {@link Lag#close} stops. */
    Lag watch(String target, String targetToken) {
        return new Lag(target, targetToken);
    }

    /** Propagation from the healthy peer to the attacked node during one attack. */
    final class Lag implements AutoCloseable {
        private final String target;
        private final String targetToken;
        /** Writes not yet seen at the attacked node: {seq, written at (ms)}. */
        private final Deque<long[]> unseen = new ArrayDeque<>();

        private final Map<String, Integer> pullErrors = new TreeMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile long maxLagMs;
        private volatile long maxPullAgeMs;
        private int written;
        private int seen;
        private int probeFailures;

        private Lag(String target, String targetToken) {
            this.target = target;
            this.targetToken = targetToken;
            this.thread = new Thread(this::loop, "attack-healthy-peer");
            this.thread.setDaemon(true);
            this.thread.start();
        }

        private void loop() {
            long lastWrite = 0;
            while (running.get()) {
                long now = System.currentTimeMillis();
                try {
                    if (now - lastWrite >= WRITE_EVERY.toMillis()) {
                        lastWrite = now;
                        write();
                        synchronized (this) {
                            unseen.add(new long[] {head(url), now});
                            written++;
                        }
                    }
                    long there = head(target);
                    long at = System.currentTimeMillis();
                    synchronized (this) {
                        while (!unseen.isEmpty() && unseen.peek()[0] <= there) {
                            maxLagMs = Math.max(maxLagMs, at - unseen.poll()[1]);
                            seen++;
                        }
                    }
                    JsonNode s = subscription(target, targetToken);
                    if (s != null && s.hasNonNull("last_pull_at")) {
                        long age = at
                                - Instant.parse(s.get("last_pull_at").asText()).toEpochMilli();
                        maxPullAgeMs = Math.max(maxPullAgeMs, age);
                        if (s.hasNonNull("last_error")) {
                            String e = s.get("last_error").asText();
                            synchronized (this) {
                                pullErrors.merge(e.length() > 50 ? e.substring(0, 50) + "…" : e, 1, Integer::sum);
                            }
                        }
                    }
                } catch (Exception e) {
                    synchronized (this) {
                        probeFailures++;
                    }
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** The largest time from a write at the peer to its showing at the attacked node. */
        long maxLagMs() {
            return maxLagMs;
        }

        /** The oldest the attacked node's last pull from the peer got. */
        long maxPullAgeMs() {
            return maxPullAgeMs;
        }

        synchronized String summary() {
            return written + " writes, " + seen + " seen" + (pullErrors.isEmpty() ? "" : ", pull errors " + pullErrors)
                    + (probeFailures == 0 ? "" : ", " + probeFailures + " probe failures");
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(15_000);
            long now = System.currentTimeMillis();
            synchronized (this) {
                // A write still not seen counts with the time it has waited so far.
                for (long[] w : unseen) {
                    maxLagMs = Math.max(maxLagMs, now - w[1]);
                }
            }
        }
    }

    private void write() throws IOException, InterruptedException {
        long n = WRITES.incrementAndGet();
        String body = "{\"id\":\"healthy-" + n + "\",\"name\":\"Healthy peer org " + n + "\",\"country\":\"TH\"}";
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url + "/admin/v1/organizations"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("healthy peer write answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The head of this peer's own log as the node at {@code base} holds it (0 when none). */
    private long head(String base) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/feeds"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Tsunagu-Versions", "1, 2")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("feeds answered " + r.statusCode());
        }
        for (JsonNode f : JSON.readTree(r.body()).get("feeds")) {
            if (f.get("origin").asText().equals(hub)) {
                return f.get("seq").asLong();
            }
        }
        return 0;
    }

    /** The attacked node's subscription to this peer, as its admin API lists it, or null. */
    private JsonNode subscription(String target, String targetToken) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(target + "/admin/v1/subscriptions"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + targetToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("subscriptions answered " + r.statusCode());
        }
        for (JsonNode s : JSON.readTree(r.body()).get("items")) {
            if (s.get("hub").asText().equals(hub)) {
                return s;
            }
        }
        return null;
    }
}
