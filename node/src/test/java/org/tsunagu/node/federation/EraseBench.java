package org.tsunagu.node.federation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.ops.OpsCli;

/**
 * Issue 13 figure (not a timed test; run by {@code scripts/bench-erase}): on a 4-node loopback
 * federation (origin hub, a second hub and a relay following it, a forum following only the relay),
 * the time from the origin's admin erase request to every node having applied the erase (its head
 * holds the erase and the organisation is gone from its directory), and to the origin holding every
 * node's receipt. Prints p50, p95 and max.
 */
public final class EraseBench {
    private EraseBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Path root = Files.createTempDirectory("bench-erase");
        try (TestNode origin = TestNode.start(root.resolve("origin"), "mm-hub");
                TestNode hub = TestNode.start(root.resolve("hub"), "th-hub");
                TestNode relay = TestNode.start(root.resolve("relay"), "jp-relay");
                TestNode forum = TestNode.start(root.resolve("forum"), "ap-forum")) {
            List<TestNode> all = List.of(origin, hub, relay, forum);
            origin.adminPost("/admin/v1/protocol", "{\"version\":2}");
            hub.follow(origin);
            relay.follow(origin);
            forum.follow(relay);
            List<Double> ms = new ArrayList<>();
            List<Double> acked = new ArrayList<>();
            int warm = Math.max(3, rounds / 10);
            for (int i = 0; i < warm + rounds; i++) {
                String id = "org-" + i;
                origin.adminPost(
                        "/admin/v1/organizations",
                        FederationFixtures.org(id, "At-risk org " + i).toString());
                long published = origin.head(origin);
                for (TestNode n : all) {
                    waitFor(() ->
                            n.head(origin) >= published && n.node().directory().organizationExists(origin.hub, id));
                }
                long t0 = System.nanoTime();
                long seq = origin.adminPost("/admin/v1/organizations/" + id + "/erase", "")
                        .get("seq")
                        .longValue();
                for (TestNode n : all) {
                    waitFor(() -> n.head(origin) >= seq && !n.node().directory().organizationExists(origin.hub, id));
                }
                double applied = (System.nanoTime() - t0) / 1e6;
                // Acknowledged: the origin holds a receipt from each of the three other nodes (SPEC §6.11).
                waitFor(() -> acknowledged(origin, seq) == all.size() - 1);
                if (i >= warm) {
                    ms.add(applied);
                    acked.add((System.nanoTime() - t0) / 1e6);
                }
            }
            Collections.sort(ms);
            Collections.sort(acked);
            System.out.printf("%-62s %10s %s%n", "measure (4 nodes on loopback, one relay hop)", "value", "target");
            System.out.printf(
                    "%-62s %10.1f%n", "erase applied on every node, p50 (ms, " + rounds + " erasures)", pct(ms, 50));
            System.out.printf("%-62s %10.1f %s%n", "erase applied on every node, p95 (ms)", pct(ms, 95), "< 1000");
            System.out.printf("%-62s %10.1f%n", "erase applied on every node, max (ms)", ms.get(ms.size() - 1));
            System.out.printf("%-62s %10.1f%n", "... and acknowledged to the origin by all, p50 (ms)", pct(acked, 50));
            System.out.printf(
                    "%-62s %10.1f %s%n",
                    "... and acknowledged to the origin by all, p95 (ms)", pct(acked, 95), "< 1000");
            for (TestNode n : all) {
                n.node().config().write();
                OpsCli.Run v = OpsCli.run(
                        "verify",
                        "--data",
                        n.node().config().databaseFile().getParent().toString());
                System.out.printf("%-62s %10s%n", "verify on " + n.hub, v.status() == 0 ? "ok" : "FAILED");
            }
        }
    }

    private static int acknowledged(TestNode origin, long seq) {
        for (Map<String, Object> e : origin.federation().erasures()) {
            if (((Long) e.get("seq")) == seq) {
                return (Integer) e.get("acknowledged");
            }
        }
        return 0;
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** Polls every millisecond (a reader on each node's in-process database), for at most 60 s. */
    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(1);
        }
    }
}
