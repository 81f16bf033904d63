package org.tsunagu.node.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.Network;
import org.tsunagu.node.directory.OrganizationQuery;

/**
 * Issue 19's whole-directory network grouped by hub, on a database {@link SearchBench} loaded with
 * partnerships: how long opening it takes (migrations included, so the first open after an upgrade
 * shows what its backfill costs), then the grouped network of an empty search, first and warm. Not
 * part of {@code mvn verify}; run it on a copy, since opening applies migrations.
 *
 * <pre>
 * mvn -B -q -pl node -am test-compile dependency:build-classpath -Dmdep.outputFile=cp -Dmdep.includeScope=test
 * java -cp node/target/test-classes:node/target/classes:$(cat node/cp) org.tsunagu.node.bench.HubNetworkBench DB [RUNS]
 * </pre>
 */
public final class HubNetworkBench {
    private HubNetworkBench() {}

    /** The edges in order, hashed: equal on two builds means the same network. */
    private static String digest(Network n) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(n.edges().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long start = System.nanoTime();
        try (Database db = Database.open(file)) {
            DirectoryService directory = new DirectoryService(db);
            System.out.printf("OPEN (migrations included): %.1f s%n", (System.nanoTime() - start) / 1e9);
            OrganizationQuery everything = new OrganizationQuery(null, null, null, null, null, 0, null, null);
            for (int run = 1; run <= runs; run++) {
                long t = System.nanoTime();
                // A new service each run: its kept networks (GroupedNetworks) would answer the second.
                Network n = new DirectoryService(db).network(everything, 500);
                long confirmed = n.edges().stream()
                        .filter(e -> "confirmed".equals(e.status()))
                        .mapToLong(Network.Edge::count)
                        .sum();
                long announced = n.edges().stream()
                        .filter(e -> "announced".equals(e.status()))
                        .mapToLong(Network.Edge::count)
                        .sum();
                double ms = (System.nanoTime() - t) / 1e6;
                System.out.printf(
                        "NETWORK run %d: %.1f ms, %s, %d edges, %,d confirmed and %,d announced pair counts, edges %s%n",
                        run, ms, n.groupedBy(), n.edges().size(), confirmed, announced, digest(n));
            }
        }
    }
}
