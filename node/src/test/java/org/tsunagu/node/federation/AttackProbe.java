package org.tsunagu.node.federation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a health checker and a normal client see while a node is under attack: {@code /healthz} and a
 * directory search, asked one after the other from 127.0.0.1 (attackers use other loopback addresses),
 * each answer's latency recorded. {@link #close} stops it; {@link #worst} and {@link #failures} say how
 * it went.
 */
final class AttackProbe implements AutoCloseable {
    /** The budget: both keep answering within this throughout an attack. */
    static final Duration BUDGET = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private final List<String> failures = new ArrayList<>();
    private long worstNanos;
    private String worstWhat = "";
    private int probes;

    /**
     * Starts probing {@code base}, after a few unrecorded probes: a node's first requests (class loading,
     * Jersey's first dispatch) are slow on a loaded machine whatever the attack.
     */
    AttackProbe(String base) {
        this.base = base;
        for (int i = 0; i < 3; i++) {
            probe("/healthz");
            probe("/v1/directory/organizations?q=org");
        }
        synchronized (this) {
            failures.clear();
            worstNanos = 0;
            probes = 0;
        }
        this.thread = new Thread(this::run, "attack-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running.get()) {
            probe("/healthz");
            probe("/v1/directory/organizations?q=org");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void probe(String path) {
        long start = System.nanoTime();
        String outcome;
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            outcome = r.statusCode() == 200 ? null : path + " answered " + r.statusCode();
        } catch (Exception e) {
            outcome = path + " failed: " + e;
        }
        long took = System.nanoTime() - start;
        synchronized (this) {
            probes++;
            if (outcome != null) {
                failures.add(outcome);
            }
            if (took > worstNanos) {
                worstNanos = took;
                worstWhat = path;
            }
        }
    }

    /** Waits until at least {@code n} more probes have answered (or failed). */
    void awaitProbes(int n) throws InterruptedException {
        int target;
        synchronized (this) {
            target = probes + n;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (probes >= target) {
                    return;
                }
            }
            Thread.sleep(20);
        }
    }

    synchronized Duration worst() {
        return Duration.ofNanos(worstNanos);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    /** A line for assertion messages. */
    synchronized String summary() {
        return probes + " probes, slowest " + Duration.ofNanos(worstNanos).toMillis() + " ms (" + worstWhat + "), "
                + failures.size() + " failures " + failures.subList(0, Math.min(3, failures.size()));
    }

    /** Stops probing (after the probe in flight). */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
