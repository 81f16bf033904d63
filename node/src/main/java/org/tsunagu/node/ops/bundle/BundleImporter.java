package org.tsunagu.node.ops.bundle;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.ops.bundle.BundleReader.Entry;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;

/**
 * Applies a bundle through the one ingest path, exactly as if its envelopes had been pushed: each is
 * checked against its origin's pinned key and chain, whoever carried the file. All or nothing: the
 * whole bundle is one transaction, rolled back on the first fault, which is reported with its line.
 *
 * <p>One exception to "nothing": a validly signed envelope that conflicts with one held is evidence of
 * an equivocation, kept (and the origin halted) as the ingest path always does, while the rest of the
 * bundle is still not applied.
 */
public final class BundleImporter {
    static final int BATCH = 500;

    private final Database db;
    private final Ingestor ingestor;
    private final int batchSize;

    public BundleImporter(Database db, Ingestor ingestor) {
        this(db, ingestor, BATCH);
    }

    BundleImporter(Database db, Ingestor ingestor, int batchSize) {
        this.db = db;
        this.ingestor = ingestor;
        this.batchSize = batchSize;
    }

    /**
     * Reads, checks and applies a bundle.
     *
     * @throws BundleException if any line is unreadable, the file does not match its manifest, or the
     *     ingest path refuses an envelope; nothing is applied then
     */
    public BundleImportResult importFrom(InputStream compressed) {
        try (BundleReader reader = new BundleReader(compressed)) {
            try {
                return db.inTransaction(c -> apply(reader));
            } catch (Equivocated e) {
                // The transaction is rolled back; record the evidence on its own, as a push would.
                ingestor.ingest(List.of(e.envelope));
                throw e.failure;
            }
        }
    }

    private BundleImportResult apply(BundleReader reader) {
        long accepted = 0;
        long duplicates = 0;
        for (List<Entry> batch = reader.next(batchSize); !batch.isEmpty(); batch = reader.next(batchSize)) {
            Map<String, Entry> byHash = new HashMap<>();
            for (Entry entry : batch) {
                byHash.put(entry.envelope().hash(), entry);
            }
            IngestReport report =
                    ingestor.ingest(batch.stream().map(Entry::envelope).toList());
            refuseFaults(report, batch, byHash);
            accepted += report.accepted().size();
            duplicates += report.duplicates().size();
        }
        return new BundleImportResult(reader.manifest(), accepted, duplicates);
    }

    private static void refuseFaults(IngestReport report, List<Entry> batch, Map<String, Entry> byHash) {
        for (IngestReport.Equivocation q : report.equivocations()) {
            Entry entry = byHash.get(q.conflictingHash());
            throw new Equivocated(
                    entry.envelope(),
                    new BundleException(
                            "EQUIVOCATION",
                            entry.line(),
                            q.origin(),
                            q.seq(),
                            "$",
                            "EQUIVOCATION: this node holds a different envelope " + q.heldHash() + " of "
                                    + q.origin() + " at seq " + q.seq()
                                    + "; the evidence is kept and the origin halted, the bundle is not applied",
                            null));
        }
        for (IngestReport.Rejection r : report.rejected()) {
            String hint = r.reason() == IngestReport.Reason.UNKNOWN_ORIGIN
                    ? "; a bundle's origin must be one whose key this node has pinned (a followed peer), or,"
                            + " while learn_origins is on, start at its seq-1 hub.profile"
                    : "";
            throw new BundleException(
                    r.reason().name(),
                    byHash.get(r.hash()).line(),
                    r.origin(),
                    r.seq(),
                    r.path(),
                    r.reason() + ": " + r.message() + hint,
                    null);
        }
        for (IngestReport.Gap g : report.gaps()) {
            Entry entry = at(batch, g.origin(), g.received());
            throw new BundleException(
                    "GAP",
                    entry.line(),
                    g.origin(),
                    g.received(),
                    "$.seq",
                    "GAP: this node holds " + g.origin() + " up to seq " + (g.nextExpected() - 1)
                            + "; a bundle starting at seq " + g.nextExpected() + " or earlier is needed first",
                    null);
        }
        if (!report.skipped().isEmpty()) {
            IngestReport.EnvelopeRef s = report.skipped().get(0);
            throw new BundleException(byHash.get(s.hash()).line(), s.origin(), s.seq(), "$", "not applied", null);
        }
    }

    private static Entry at(List<Entry> batch, HubId origin, long seq) {
        return batch.stream()
                .filter(e ->
                        e.envelope().origin().equals(origin) && e.envelope().seq() == seq)
                .findFirst()
                .orElseThrow();
    }

    /** Unwinds the transaction, carrying the conflicting envelope out of it. */
    private static final class Equivocated extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Envelope envelope;
        final BundleException failure;

        Equivocated(Envelope envelope, BundleException failure) {
            super(failure.getMessage(), null, false, false);
            this.envelope = envelope;
            this.failure = failure;
        }
    }
}
