package org.tsunagu.node.federation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;

/**
 * scripts/bench-seal-sync (issue 13's figure): one run, not a test. The initial sync of N version 2
 * envelopes by a hub that pulls them, all public, then the same with every tenth record sealed to the
 * receiving hub (which opens and indexes it at ingest), in the same JVM, one after the other, each
 * between two fresh real nodes on 127.0.0.1. Target: the sealed sync at least 80% of the public rate.
 */
public final class SealedSyncBench {
    private SealedSyncBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path root = Files.createTempDirectory("bench-seal-sync");
        // Warm the ingest and open paths first, so neither measured sync pays the JIT alone.
        sync(root.resolve("warm"), "xx", Math.max(1_000, Math.min(10_000, n / 10)), 10);
        double pub = sync(root.resolve("public"), "jp", n, 0);
        double sealed = sync(root.resolve("sealed"), "mm", n, 10);
        System.out.printf("%-52s %10.0f%n", "all public: envelopes per second", pub);
        System.out.printf("%-52s %10.0f%n", "10% sealed to the receiver: envelopes per second", sealed);
        System.out.printf("%-52s %9.0f%% (target >= 80%%)%n", "sealed rate / public rate", 100 * sealed / pub);
    }

    /** Seeds {@code n} records at a new origin ({@code everyNth}-th one sealed), syncs them; envelopes/s. */
    private static double sync(Path dir, String prefix, int n, int everyNth) throws Exception {
        try (TestNode origin =
                        new TestNode(dir.resolve("origin"), prefix + "-origin", FederationBench::pullOnly).start();
                TestNode receiver = new TestNode(
                                dir.resolve("receiver"), prefix + "-receiver", FederationBench::pullOnly)
                        .start()) {
            origin.node().moveToVersion2();
            HubId to = receiver.hub;
            Publisher.Audience audience = new Publisher.Audience(
                    true,
                    Map.of(
                            to,
                            receiver.node().encryptionKeys().current(),
                            origin.hub,
                            origin.node().encryptionKeys().current()));
            Publisher publisher = origin.node().publisher();
            for (int from = 0; from < n; from += 1000) {
                int start = from;
                origin.node().database().inTransaction(c -> {
                    for (int i = start; i < Math.min(n, start + 1000); i++) {
                        var record = FederationFixtures.org(
                                "org-" + i, "Organisation number " + i + " working on water, health and schools");
                        if (everyNth > 0 && i % everyNth == 0) {
                            publisher.publish(publisher.prepareSealed(record, audience));
                        } else {
                            publisher.publish(UpdateType.ORG_UPSERT, record);
                        }
                    }
                    return null;
                });
            }
            long total = origin.head(origin);
            receiver.federation().peers().add(origin.url(), null);
            long t0 = System.nanoTime();
            receiver.federation().peers().follow(origin.url(), OriginFilter.all());
            FederationBench.waitFor(() -> receiver.head(origin) == total, Duration.ofMinutes(30), 5_000_000);
            double s = FederationBench.secs(t0);
            if (everyNth > 0) {
                long opened = receiver.node().database().read(c -> {
                    try (var ps = c.prepareStatement("SELECT count(*) FROM opened_records");
                            var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
                if (opened != (n + everyNth - 1) / everyNth) {
                    throw new IllegalStateException("opened " + opened + " sealed records");
                }
            }
            return total / s;
        }
    }
}
