package org.tsunagu.node.federation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;

/**
 * scripts/bench-federation (issue 4 item 10): one run, prints a table. Not a test. Real nodes built by
 * Main, in one process, on 127.0.0.1, each on its own SQLite file. The raw limit is the same envelopes
 * parsed and handed to the same Ingestor (Ed25519 verify, chain, body, SQLite insert, materialise and
 * index) in pages of the same size, without HTTP.
 */
public final class FederationBench {
    private FederationBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path root = Files.createTempDirectory("bench-federation");
        System.out.printf("%-58s %12s %s%n", "measure", "value", "target");
        // A node that has run for a while has its ingest path compiled; a cold JVM spends much of a
        // first sync in the JIT (measured: 11 s of compilation inside a 15 s sync of 60,000). Warm it
        // with a separate, smaller sync between other nodes first.
        int warm = Math.max(1_000, Math.min(20_000, n / 5));
        warmUp(root.resolve("warm"), warm);
        System.out.printf("(JVM warmed first by a separate sync of %,d envelopes)%n", warm);
        try (TestNode hub = new TestNode(root.resolve("hub"), "jp-hub", FederationBench::pullOnly).start()) {
            long t0 = System.nanoTime();
            seed(hub, "org-", n);
            row("hub: sign + store + index " + n + " envelopes (s)", secs(t0), "");

            try (TestNode forum = new TestNode(root.resolve("forum"), "ap-forum", FederationBench::pullOnly)) {
                forum.start();
                forum.federation().peers().add(hub.url(), null);
                t0 = System.nanoTime();
                long cpu0 = processCpuNanos();
                Map<String, Long> threads0 = threadCpu();
                long gc0 = gcMillis();
                long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                forum.federation().peers().follow(hub.url(), OriginFilter.all());
                long total = n + 1L;
                // Polled every 5 ms: a tighter poll is a query that competes with the sync it measures.
                waitFor(() -> forum.head(hub) == total, Duration.ofMinutes(30), 5_000_000);
                double s = secs(t0);
                double cpuPerEnvelope = (processCpuNanos() - cpu0) / 1e3 / (n + 1);
                Map<String, Long> threads1 = threadCpu();
                Map<String, Double> byGroup = new TreeMap<>();
                threads1.forEach((name, nanos) -> byGroup.merge(
                        name.replaceAll("[-(]?\\d+\\)?", "#"),
                        (nanos - threads0.getOrDefault(name, 0L)) / 1e3 / (n + 1),
                        Double::sum));
                System.out.printf(
                        "    GC %d ms, JIT %d ms during the sync%n",
                        gcMillis() - gc0,
                        ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0);
                byGroup.forEach((group, us) -> {
                    if (us >= 1) {
                        System.out.printf("    CPU in %-40s %8.1f us/envelope%n", group, us);
                    }
                });
                // Measured after the sync, so the ingest code is as warm for it as for the sync.
                List<String> log = wholeLog(hub);
                double raw1 = rawLimit(root.resolve("raw1"), log, false);
                double raw = rawLimit(root.resolve("raw"), log, true);
                row("(a) raw limit, 1 thread: parse + verify + insert (env/s)", raw1, "");
                row("(a) raw limit, verify on every core (env/s)", raw, "");
                row("(a) initial sync of " + total + " envelopes (s)", s, "");
                row("(a) initial sync (env/s)", total / s, "");
                // Both nodes run in this process: serving the feed is included. Steadier than the rate
                // on a shared machine; two cores bound the rate near 2e6 / this figure.
                row("(a) CPU per envelope, hub and forum together (us)", cpuPerEnvelope, "");
                // Against the higher of the two raw limits: the sync verifies on every core too.
                row("(a) sync / the higher raw limit (%)", 100 * total / s / Math.max(raw, raw1), ">= 60 %");

                seed(hub, "more-", 1000);
                t0 = System.nanoTime();
                forum.federation().pullFrom(hub.hub);
                double catchUp = secs(t0);
                check(forum.head(hub) == total + 1000, "catch-up incomplete");
                row("(b) catch-up of 1,000 new envelopes (s)", catchUp, "<= 0.3 s");
            }
        }
        propagation(root.resolve("c"));
        eightOrigins(root.resolve("d"), 2_000);
    }

    private static void warmUp(Path dir, int count) throws Exception {
        try (TestNode hub = new TestNode(dir.resolve("hub"), "xx-warm", FederationBench::pullOnly).start();
                TestNode forum =
                        new TestNode(dir.resolve("forum"), "xx-warm-forum", FederationBench::pullOnly).start()) {
            seed(hub, "warm-", count);
            forum.federation().peers().add(hub.url(), null);
            forum.federation().peers().follow(hub.url(), OriginFilter.all());
            waitFor(() -> forum.head(hub) == count + 1L, Duration.ofMinutes(10), 5_000_000);
        }
    }

    /** The hub accepts no subscription by itself, so a follower only pulls: what (a) and (b) time. */
    static FederationConfig pullOnly(FederationConfig c) {
        return c.with(Duration.ofHours(1), Duration.ofSeconds(60), false, c.learnOrigins());
    }

    private static void seed(TestNode hub, String prefix, int count) {
        for (int from = 0; from < count; from += 1000) {
            int start = from;
            hub.node().database().inTransaction(c -> {
                for (int i = start; i < Math.min(count, start + 1000); i++) {
                    hub.node()
                            .publisher()
                            .publish(
                                    UpdateType.ORG_UPSERT,
                                    FederationFixtures.org(
                                            prefix + i,
                                            "Organisation number " + i + " working on water, health and schools"));
                }
                return null;
            });
        }
    }

    private static Map<String, Long> threadCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            ThreadInfo info = mx.getThreadInfo(id);
            long cpu = mx.getThreadCpuTime(id);
            if (info != null && cpu > 0) {
                out.put(info.getThreadName() + "/" + id, cpu);
            }
        }
        return out;
    }

    private static long gcMillis() {
        long total = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += gc.getCollectionTime();
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static List<String> wholeLog(TestNode hub) {
        List<String> all = new ArrayList<>();
        for (List<String> page = hub.feed(hub.hub, 0, 10_000);
                !page.isEmpty();
                page = hub.feed(hub.hub, all.size(), 10_000)) {
            all.addAll(page);
        }
        return all;
    }

    /**
     * The same envelopes parsed and ingested in pages without HTTP; with {@code parallel}, each page's
     * signatures are first checked on every core ({@link Ingestor#preverify}), as the sync does.
     */
    private static double rawLimit(Path dir, List<String> lines, boolean parallel) throws Exception {
        Files.createDirectories(dir);
        try (Database db = Database.open(dir.resolve("raw.db"))) {
            Ingestor ingestor = new Ingestor(db, Clock.systemUTC(), o -> true);
            int page = FederationConfig.defaults(HubId.of("xx-raw"), () -> "http://127.0.0.1/")
                    .pullPage();
            long t0 = System.nanoTime();
            for (int i = 0; i < lines.size(); i += page) {
                List<Envelope> batch = new ArrayList<>();
                for (String line : lines.subList(i, Math.min(lines.size(), i + page))) {
                    batch.add(Envelope.parse(line));
                }
                if (parallel) {
                    ingestor.preverify(batch);
                }
                IngestReport r = ingestor.ingest(batch);
                check(r.accepted().size() == batch.size(), "raw ingest refused envelopes: " + r.rejected());
            }
            return lines.size() / secs(t0);
        }
    }

    /** (c): hub -> relay hub -> forum, by push, 50 samples. */
    private static void propagation(Path dir) {
        UnaryOperator<FederationConfig> same = c -> c;
        try (TestNode hub = new TestNode(dir.resolve("hub"), "jp-hub", same).start();
                TestNode relay = new TestNode(dir.resolve("relay"), "th-relay", same).start();
                TestNode forum = new TestNode(dir.resolve("forum"), "ap-forum", same).start()) {
            relay.follow(hub);
            forum.follow(relay);
            waitFor(() -> forum.head(hub) == 1, Duration.ofSeconds(30));
            long[] samples = new long[60];
            for (int i = 0; i < samples.length; i++) {
                long before = forum.head(hub);
                long t0 = System.nanoTime();
                hub.publishOrg("p" + i, "Propagated " + i);
                waitFor(() -> forum.head(hub) == before + 1, Duration.ofSeconds(30));
                samples[i] = System.nanoTime() - t0;
            }
            long[] kept = Arrays.copyOfRange(samples, 10, samples.length); // 10 warm-up samples
            Arrays.sort(kept);
            row("(c) propagation hub -> relay -> forum p50 (ms)", kept[kept.length / 2] / 1e6, "");
            row(
                    "(c) propagation hub -> relay -> forum p95 (ms)",
                    kept[(int) Math.ceil(kept.length * 0.95) - 1] / 1e6,
                    "<= 50 ms");
        }
    }

    /** (d): eight hubs publishing at once, each pushing to one forum. */
    private static void eightOrigins(Path dir, int each) throws Exception {
        List<TestNode> hubs = new ArrayList<>();
        try (TestNode forum = new TestNode(dir.resolve("forum"), "ap-forum", c -> c).start()) {
            for (int h = 0; h < 8; h++) {
                TestNode hub = new TestNode(dir.resolve("h" + h), "h" + h + "-hub", c -> c).start();
                hubs.add(hub);
                forum.follow(hub);
            }
            for (TestNode hub : hubs) {
                waitFor(() -> forum.head(hub) == 1, Duration.ofSeconds(30));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> writers = new ArrayList<>();
            for (TestNode hub : hubs) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int from = 0; from < each; from += 100) {
                        int start = from;
                        hub.node().database().inTransaction(c -> {
                            for (int i = start; i < start + 100; i++) {
                                hub.node()
                                        .publisher()
                                        .publish(UpdateType.ORG_UPSERT, FederationFixtures.org("d" + i, "Org " + i));
                            }
                            return null;
                        });
                        hub.federation().published();
                    }
                });
                t.start();
                writers.add(t);
            }
            long t0 = System.nanoTime();
            go.countDown();
            for (TestNode hub : hubs) {
                waitFor(() -> forum.head(hub) == each + 1, Duration.ofMinutes(10), 5_000_000);
            }
            double s = secs(t0);
            for (Thread t : writers) {
                t.join();
            }
            row("(d) 8 origins pushing at once: " + 8 * each + " envelopes (s)", s, "");
            row("(d) ingest at the forum, publishing included (env/s)", 8.0 * each / s, "");
        } finally {
            hubs.forEach(TestNode::close);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier done, Duration max) {
        waitFor(done, max, 200_000);
    }

    static void waitFor(java.util.function.BooleanSupplier done, Duration max, int pollNanos) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            check(System.nanoTime() < deadline, "timed out");
            try {
                Thread.sleep(pollNanos / 1_000_000, pollNanos % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    private static void row(String what, double value, String target) {
        System.out.printf("%-58s %12.3f %s%n", what, value, target);
        System.out.flush();
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
