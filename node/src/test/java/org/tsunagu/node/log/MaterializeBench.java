package org.tsunagu.node.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tsunagu.node.bench.OrgGenerator;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.directory.Materializer;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * What materialising one {@code org.upsert} costs on the write path (state row, search index, filter
 * counts), apart from signing and verifying: envelopes are signed before the clock starts, and only
 * {@link Materializer#apply} is timed, inside batched transactions as ingest and group commit run
 * them. Prints µs per new organisation, per update with the same filter values, and per update that
 * changes them. Run it with {@code scripts/bench-materialize}; asserts nothing.
 *
 * <p>Arguments: {@code --rows N} organisations per round (default 20,000), {@code --rounds N} (5).
 */
public final class MaterializeBench {
    private static final int ORIGINS = 20;
    private static final int BATCH = 500;

    private MaterializeBench() {}

    public static void main(String[] args) throws Exception {
        BenchArgs parsed = BenchArgs.parse(args);
        int rows = parsed.rows();
        int rounds = parsed.rounds();
        List<OrgGenerator.Hub> hubs = OrgGenerator.hubs(ORIGINS);
        List<Ed25519KeyPair> keys = new ArrayList<>();
        for (OrgGenerator.Hub hub : hubs) {
            byte[] seed = new byte[32];
            Arrays.fill(seed, (byte) (hub.index() + 1));
            keys.add(Ed25519KeyPair.fromSeed(seed));
        }
        double[][] figures = new double[3][rounds];
        for (int round = 0; round < rounds; round++) {
            Path dir = Files.createTempDirectory("tsunagu-materialize");
            try (Database db = Database.open(dir.resolve("bench.db"))) {
                Chains chains = new Chains(hubs, keys);
                // New organisations, then the same ones again with a new name (same filter values),
                // then again with other sectors (filter values change).
                figures[0][round] = timed(db, chains.next(rows, 0, false));
                figures[1][round] = timed(db, chains.next(rows, 0, true));
                figures[2][round] = timed(db, chains.next(rows, 1, true));
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        System.out.printf("MATERIALIZE: %,d organisations per round, %d rounds, batches of %d%n", rows, rounds, BATCH);
        String[] labels = {"new organisation", "update, same filter values", "update, other filter values"};
        for (int i = 0; i < labels.length; i++) {
            double[] sorted = figures[i].clone();
            Arrays.sort(sorted);
            System.out.printf(
                    "%-30s median %6.1f us   min %6.1f us   max %6.1f us%n",
                    labels[i], sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
        }
    }

    /** Appends and materialises {@code envelopes}; returns the mean µs of {@link Materializer#apply}. */
    private static double timed(Database db, List<Envelope> envelopes) {
        Materializer materializer = new Materializer();
        long[] nanos = new long[1];
        Instant now = Instant.now();
        for (int from = 0; from < envelopes.size(); from += BATCH) {
            List<Envelope> batch = envelopes.subList(from, Math.min(envelopes.size(), from + BATCH));
            db.inTransaction(c -> {
                for (Envelope e : batch) {
                    LogStore.append(c, e, now);
                    long t = System.nanoTime();
                    materializer.apply(c, e);
                    nanos[0] += System.nanoTime() - t;
                }
                return null;
            });
        }
        return nanos[0] / 1e3 / envelopes.size();
    }

    /** Signed chains of every origin, continued round after round. */
    private static final class Chains {
        private final List<OrgGenerator.Hub> hubs;
        private final List<Ed25519KeyPair> keys;
        private final long[] seqs;
        private final String[] prevs;

        Chains(List<OrgGenerator.Hub> hubs, List<Ed25519KeyPair> keys) {
            this.hubs = hubs;
            this.keys = keys;
            this.seqs = new long[hubs.size()];
            this.prevs = new String[hubs.size()];
        }

        List<Envelope> next(int rows, int shift, boolean rename) {
            List<Envelope> out = new ArrayList<>(rows);
            Instant ts = Instant.parse("2026-11-29T00:00:00Z");
            for (int i = 0; i < rows; i++) {
                int o = i % hubs.size();
                ObjectNode body = OrgGenerator.organization(hubs.get(o), i / hubs.size());
                if (rename) {
                    body.put("name", body.path("name").asText() + " (renamed)");
                }
                if (shift > 0) {
                    // Other real DAC codes: every filter value of the organisation's sectors changes.
                    body.putArray("sectors").add("15150").add("72010");
                }
                Envelope e = Envelope.sign(
                        HubId.of(hubs.get(o).id()), ++seqs[o], prevs[o], ts, UpdateType.ORG_UPSERT, body, keys.get(o));
                prevs[o] = e.hash();
                out.add(e);
            }
            return out;
        }
    }
}
