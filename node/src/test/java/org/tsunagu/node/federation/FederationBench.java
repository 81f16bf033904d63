package org.tsunagu.node.federation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
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
        try (TestNode hub = new TestNode(root.resolve("hub"), "jp-hub", FederationBench::pullOnly).start()) {
            long t0 = System.nanoTime();
            seed(hub, "org-", n);
            row("hub: sign + store + index " + n + " envelopes (s)", secs(t0), "");

            try (TestNode forum = new TestNode(root.resolve("forum"), "ap-forum", FederationBench::pullOnly)) {
                forum.start();
                forum.federation().peers().add(hub.url(), null);
                t0 = System.nanoTime();
                forum.federation().peers().follow(hub.url(), OriginFilter.all());
                long total = n + 1L;
                waitFor(() -> forum.head(hub) == total, Duration.ofMinutes(30));
                double s = secs(t0);
                // Measured after the sync, so the ingest code is as warm for it as for the sync.
                List<String> log = wholeLog(hub);
                double raw1 = rawLimit(root.resolve("raw1"), log, false);
                double raw = rawLimit(root.resolve("raw"), log, true);
                row("(a) raw limit, 1 thread: parse + verify + insert (env/s)", raw1, "");
                row("(a) raw limit, verify on every core (env/s)", raw, "");
                row("(a) initial sync of " + total + " envelopes (s)", s, "");
                row("(a) initial sync (env/s)", total / s, "");
                // Against the higher, parallel raw limit: the sync verifies on every core too.
                row("(a) sync / raw limit on every core (%)", 100 * total / s / raw, ">= 60 %");

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

    /** The hub accepts no subscription by itself, so a follower only pulls: what (a) and (b) time. */
    private static FederationConfig pullOnly(FederationConfig c) {
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
                waitFor(() -> forum.head(hub) == each + 1, Duration.ofMinutes(10));
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
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean()) {
            check(System.nanoTime() < deadline, "timed out");
            try {
                Thread.sleep(0, 200_000);
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

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
