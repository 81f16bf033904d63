package org.tsunagu.node.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;

/**
 * What a follower's store step costs per {@code org.upsert} in an initial sync (issue 14): pages of
 * 1,000 envelopes of one origin through {@link Ingestor#ingest} (chain check, log write, directory),
 * each page checked ahead by {@link Ingestor#preverify} outside the clock, as the puller does. The
 * records are bench-e2e's (scripts/bench/e2e.py). Prints µs of the storing thread's CPU per envelope
 * (and the elapsed time, and the KiB it allocated) for each round, then the median, min and max; asserts nothing. Run it with
 * {@code scripts/bench-ingest}.
 *
 * <p>Arguments: {@code --rows N} envelopes per round (default 20,000), {@code --rounds N} (5).
 */
public final class IngestBench {
    private static final int PAGE = 1000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Bytes the storing thread allocates per envelope: young collections stop every thread of a follower. */
    private static final com.sun.management.ThreadMXBean ALLOCATION =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        BenchArgs parsed = BenchArgs.parse(args);
        int rows = parsed.rows();
        int rounds = parsed.rounds();
        TestHub hub = new TestHub("jp-hub", 7);
        List<Envelope> log = new ArrayList<>(rows + 1);
        log.add(hub.profile());
        for (int i = 0; i < rows; i++) {
            log.add(hub.next(UpdateType.ORG_UPSERT, organization(i)));
        }
        double[] figures = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            Path dir = Files.createTempDirectory("tsunagu-ingest");
            try (Database db = Database.open(dir.resolve("bench.db"))) {
                Ingestor ingestor = new Ingestor(db, Clock.systemUTC(), o -> true);
                long nanos = 0;
                long cpu = 0;
                long allocated = 0;
                for (int from = 0; from < log.size(); from += PAGE) {
                    List<Envelope> page = log.subList(from, Math.min(log.size(), from + PAGE));
                    ingestor.preverify(page);
                    long t = System.nanoTime();
                    long tc = THREADS.getCurrentThreadCpuTime();
                    long ta = ALLOCATION.getCurrentThreadAllocatedBytes();
                    IngestReport report = ingestor.ingest(page);
                    cpu += THREADS.getCurrentThreadCpuTime() - tc;
                    allocated += ALLOCATION.getCurrentThreadAllocatedBytes() - ta;
                    nanos += System.nanoTime() - t;
                    if (report.accepted().size() != page.size()) {
                        throw new IllegalStateException("not all accepted: " + report);
                    }
                }
                figures[round] = cpu / 1e3 / log.size();
                System.out.printf(
                        "round %d: %.1f us of CPU per envelope (%.1f us elapsed), %.1f KiB allocated%n",
                        round + 1, figures[round], nanos / 1e3 / log.size(), allocated / 1024.0 / log.size());
            }
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        double[] sorted = figures.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "INGEST: %,d envelopes per round, %d rounds, pages of %d: median %.1f us, min %.1f us, max %.1f us%n",
                log.size(), rounds, PAGE, sorted[rounds / 2], sorted[0], sorted[rounds - 1]);
    }

    /** bench-e2e's record (scripts/bench/e2e.py, org()). */
    private static ObjectNode organization(int i) {
        String n = String.format("%07d", i);
        ObjectNode o = TestHub.JSON.createObjectNode();
        o.put("id", "a-" + n);
        o.put("name", "Organisation number " + i + " working on water, health and schools");
        o.put("country", "JP");
        o.putArray("sectors").add("14030").add("12220").add("11220");
        o.putArray("languages").add("ja").add("en");
        o.put("website", "https://example.org/orgs/a/" + i);
        o.put("description", "A civil-society organisation listed in the directory for the replication benchmark.");
        return o;
    }
}
