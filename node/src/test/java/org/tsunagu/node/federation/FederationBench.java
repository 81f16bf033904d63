package org.tsunagu.node.federation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * scripts/bench-federation: one run, prints a table. Not a test. Uses the federation test harness
 * (in-process nodes on 127.0.0.1); the raw limit is parse + Ed25519 verify + SQLite insert of the same
 * envelopes through the same ingest code, without HTTP.
 */
public final class FederationBench {
    private FederationBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path root = Files.createTempDirectory("bench-federation");
        System.out.printf("%-52s %14s %14s%n", "measure", "value", "target");
        try (TestNode hub = TestNode.start(root.resolve("hub"), "jp-hub")) {
            long t0 = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                hub.log()
                        .publish(
                                org.tsunagu.protocol.UpdateType.ORG_UPSERT,
                                FederationFixtures.org("org-" + i, "Organisation number " + i + " for the benchmark"));
            }
            System.out.printf("%-52s %14.1f%n", "hub: signed and stored envelopes/s", n / secs(t0));

            // Raw limit: same envelopes, parse + verify + insert, batches of 1000, no HTTP.
            List<String> lines = new ArrayList<>();
            for (long after = 0; after < n + 1; after += 1000) {
                lines.addAll(hub.log().feed(hub.hub, after, 1000));
            }
            try (TestDb rawDb =
                    new TestDb(Files.createDirectories(root.resolve("raw")).resolve("t.db"))) {
                TestLog raw = new TestLog(
                        rawDb,
                        org.tsunagu.protocol.HubId.of("zz-raw"),
                        Ed25519KeyPair.generate(new java.security.SecureRandom()),
                        Clock.systemUTC(),
                        true);
                raw.pinPeerKey(hub.hub, hub.log().key().publicKey().keyId());
                long r0 = System.nanoTime();
                for (int i = 0; i < lines.size(); i += 1000) {
                    List<Envelope> batch = new ArrayList<>();
                    for (String l : lines.subList(i, Math.min(lines.size(), i + 1000))) {
                        batch.add(Envelope.parse(l));
                    }
                    raw.ingest(batch);
                }
                double rawRate = lines.size() / secs(r0);
                System.out.printf("%-52s %14.0f%n", "(a) raw limit: verify + insert, envelopes/s", rawRate);

                try (TestNode forum = TestNode.start(root.resolve("forum"), "ap-forum")) {
                    long s0 = System.nanoTime();
                    forum.follow(hub);
                    FederationFixtures.await("initial sync", () -> forum.head(hub) == n + 1L);
                    double s = secs(s0);
                    System.out.printf("%-52s %14.1f%n", "(a) initial sync of " + n + " envelopes, s", s);
                    System.out.printf(
                            "%-52s %14.0f %14s%n",
                            "(a) initial sync envelopes/s", (n + 1) / s, String.format(">= %.0f", 0.6 * rawRate));

                    forum.stop();
                    for (int i = 1; i <= 1000; i++) {
                        hub.log()
                                .publish(
                                        org.tsunagu.protocol.UpdateType.ORG_UPSERT,
                                        FederationFixtures.org("new-" + i, "New " + i));
                    }
                    forum.start();
                    long c0 = System.nanoTime();
                    forum.federation().pullNow();
                    FederationFixtures.await("catch-up", () -> forum.head(hub) == n + 1001L);
                    System.out.printf(
                            "%-52s %14.3f %14s%n",
                            "(b) catch-up of 1,000 envelopes, s (incl. restart pull)", secs(c0), "<= 0.3");
                }
            }
        }
        try (TestNode origin = TestNode.start(root.resolve("o"), "th-origin");
                TestNode relay = TestNode.start(root.resolve("r"), "jp-relay");
                TestNode forum = TestNode.start(root.resolve("f"), "ap-forum2")) {
            relay.follow(origin);
            forum.follow(relay);
            FederationFixtures.await("relay set up", () -> forum.head(origin) == 1);
            double[] ms = new double[50];
            for (int i = 0; i < ms.length; i++) {
                long p0 = System.nanoTime();
                long want = origin.publishOrg("p" + i, "Propagation " + i).seq();
                FederationFixtures.await("propagated", () -> forum.head(origin) == want);
                ms[i] = (System.nanoTime() - p0) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("%-52s %14.1f%n", "(c) hub -> relay -> forum p50, ms", ms[24]);
            System.out.printf("%-52s %14.1f %14s%n", "(c) hub -> relay -> forum p95, ms", ms[47], "<= 50");
        }
        List<TestNode> origins = new ArrayList<>();
        try (TestNode sink = TestNode.start(root.resolve("sink"), "ap-sink")) {
            for (int i = 0; i < 8; i++) {
                TestNode o = TestNode.start(root.resolve("o" + i), "o" + i + "-hub");
                origins.add(o);
                sink.follow(o);
            }
            int each = 2000;
            long i0 = System.nanoTime();
            List<Thread> writers = new ArrayList<>();
            for (TestNode o : origins) {
                Thread t = new Thread(() -> {
                    for (int k = 0; k < each; k++) {
                        o.publishOrg("x" + k, "Concurrent " + k);
                    }
                });
                t.start();
                writers.add(t);
            }
            for (Thread t : writers) {
                t.join();
            }
            FederationFixtures.await(
                    "8 origins ingested", () -> origins.stream().allMatch(o -> sink.head(o) == each + 1L));
            System.out.printf(
                    "%-52s %14.0f%n", "(d) ingest, 8 origins pushing at once, envelopes/s", 8.0 * each / secs(i0));
        } finally {
            origins.forEach(TestNode::close);
        }
        System.out.println("PouchDB baseline: not run by this script yet (LIMITS.md: ~2,150 docs/s; target >= 3x)");
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
