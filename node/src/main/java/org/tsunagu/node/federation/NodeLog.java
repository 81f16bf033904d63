package org.tsunagu.node.federation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.tsunagu.node.log.FeedHead;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.log.KeyRing;
import org.tsunagu.node.log.KeySource;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.UpdateType;

/**
 * What federation needs from the node's signed log, on the log package: heads and feeds from the
 * {@link LogStore}, the one ingest path ({@link Ingestor}), and the {@link KeyRing}. Federation never
 * writes the log any other way, so it never bypasses the ingest checks.
 */
final class NodeLog {
    private final LogStore log;
    private final KeyRing keys;
    private final Ingestor ingestor;
    private final BiConsumer<String, IngestReport> ingested;
    private final Consumer<Envelope> erasureApplied;

    /**
     * @param ingested told what each committed ingest did, and how the batch came ("push", "pull")
     * @param erasureApplied told each {@code org.erase} an ingest applied (after the commit)
     */
    NodeLog(
            LogStore log,
            KeyRing keys,
            Ingestor ingestor,
            BiConsumer<String, IngestReport> ingested,
            Consumer<Envelope> erasureApplied) {
        this.log = log;
        this.keys = keys;
        this.ingestor = ingestor;
        this.ingested = ingested;
        this.erasureApplied = erasureApplied;
    }

    /** Head seq of every origin held. */
    Map<HubId, Long> heads() {
        Map<HubId, Long> out = new HashMap<>();
        for (FeedHead h : log.heads()) {
            out.put(h.origin(), h.seq());
        }
        return out;
    }

    /** Head seq of one origin, 0 when none is held. */
    long head(HubId origin) {
        return log.head(origin).map(h -> h.seq()).orElse(0L);
    }

    /** {@code origin}'s org.erase envelopes after {@code after} with no key.rotate before them (see LogStore). */
    List<String> erasesAhead(HubId origin, long after, int limit) {
        return log.erasesAhead(origin, after, limit);
    }

    /** The canonical JSON of {@code origin}'s envelopes with seq > {@code after}, in order. */
    List<String> feed(HubId origin, long after, int limit) {
        List<String> out = new ArrayList<>();
        log.streamFeed(origin, after, limit, out::add);
        return out;
    }

    /** Checks signatures ahead of {@link #ingest}, in parallel, outside the write transaction. */
    void preverify(List<Envelope> batch) {
        ingestor.preverify(batch);
    }

    /** Verifies and applies a batch in one transaction; {@code via} says how it came. */
    IngestResult ingest(String via, List<Envelope> batch) {
        IngestReport report = ingestor.ingest(batch);
        ingested.accept(via, report);
        for (Envelope e : batch) {
            if (e.type() == UpdateType.ORG_ERASE
                    && report.accepted().stream().anyMatch(a -> a.hash().equals(e.hash()))) {
                erasureApplied.accept(e);
            }
        }
        return result(report);
    }

    /** The key {@code origin} signs with now, if pinned. */
    Optional<KeyId> currentKey(HubId origin) {
        return keys.currentKey(origin);
    }

    /** The hubs whose current key is {@code key} (see {@link KeyRing#hubsWithCurrentKey}). */
    List<HubId> hubsWithCurrentKey(KeyId key) {
        return keys.hubsWithCurrentKey(key);
    }

    /** Pins {@code key} for a hub not known yet, as a peer's key confirmed by an admin. */
    void pinPeerKey(HubId origin, KeyId key) {
        keys.pin(origin, key, KeySource.PEER_PINNED);
    }

    /** Drops everything held of {@code origin}: its log, its directory records and its keys. */
    void forget(HubId origin) {
        ingestor.rollBack(origin, 0, true);
    }

    /** Cuts {@code origin}'s log back to {@code keepUpTo}, with the keys and records of what is cut. */
    void rollBack(HubId origin, long keepUpTo) {
        ingestor.rollBack(origin, keepUpTo, false);
    }

    boolean resumeHalted(HubId origin, String keep) {
        return ingestor.resumeHalted(origin, keep);
    }

    void block(HubId hub, String reason, boolean purge) {
        ingestor.block(hub, reason, purge);
    }

    boolean unblock(HubId hub) {
        return ingestor.unblock(hub);
    }

    List<org.tsunagu.node.log.Blocks.Block> blocks() {
        return ingestor.blocks();
    }

    boolean isBlocked(HubId hub) {
        return ingestor.isBlocked(hub);
    }

    KeyRing keys() {
        return keys;
    }

    static IngestResult result(IngestReport r) {
        List<IngestResult.Rejection> rejected = new ArrayList<>();
        for (IngestReport.Rejection x : r.rejected()) {
            rejected.add(new IngestResult.Rejection(
                    x.origin().value(), x.seq(), x.reason().name(), x.path(), x.message()));
        }
        Map<String, Long> gaps = new HashMap<>();
        for (IngestReport.Gap g : r.gaps()) {
            gaps.put(g.origin().value(), g.nextExpected());
        }
        List<IngestResult.Rejection> equivocations = new ArrayList<>();
        for (IngestReport.Equivocation q : r.equivocations()) {
            equivocations.add(new IngestResult.Rejection(
                    q.origin().value(),
                    q.seq(),
                    "EQUIVOCATION",
                    "$.seq",
                    "holds " + q.heldHash() + " but was sent " + q.conflictingHash()));
        }
        return new IngestResult(
                r.accepted().size(),
                r.duplicates().size(),
                rejected,
                gaps,
                equivocations,
                r.skipped().size());
    }
}
