package org.tsunagu.node.federation;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports what an ingest refused: one log line per rejection naming peer, origin, seq and reason
 * (never keys or tokens), an alert row for what an admin must act on, and metrics of peer requests.
 */
final class Alerts {
    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    private final AlertStore store;
    private final MeterRegistry metrics;

    Alerts(AlertStore store, MeterRegistry metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * Logs and raises alerts for what {@code result} says about a batch that came from {@code peer} by
     * {@code via} (its counts are recorded by the ingest metrics, for every way in alike).
     */
    void report(String peer, String via, IngestResult result) {
        for (IngestResult.Rejection r : result.rejected()) {
            LOG.warn(
                    "{} from peer {} rejected origin {} seq {}: {} ({} at {})",
                    via,
                    peer,
                    r.origin(),
                    r.seq(),
                    r.reason(),
                    r.message(),
                    r.path());
            if (!InboxService.UNKNOWN_ORIGIN.equals(r.reason())) {
                store.raise("rejected", peer, r.origin(), r.seq(), via + ": " + r.reason() + ": " + r.message());
            }
        }
        for (IngestResult.Rejection r : result.equivocations()) {
            LOG.error(
                    "{} from peer {}: origin {} EQUIVOCATED at seq {}; that origin is halted",
                    via,
                    peer,
                    r.origin(),
                    r.seq());
            store.raise("equivocation", peer, r.origin(), r.seq(), r.message());
        }
    }

    /** A peer request refused before ingest (bad signature, not a peer, garbage). */
    void refused(String peer, String what, String reason) {
        LOG.warn("{} from peer {} refused: {}", what, peer, reason);
        metrics.counter("tsunagu_federation_refused_total", "what", what).increment();
        store.raise("refused", peer, null, null, what + ": " + reason);
    }

    /** A peer that did not answer usably; logged and counted, alerted only when the caller says so. */
    void peerFailed(String peer, String what, String reason, boolean alert) {
        LOG.warn("{} with peer {} failed: {}", what, peer, reason);
        metrics.counter("tsunagu_federation_peer_failures_total", "what", what).increment();
        if (alert) {
            store.raise("peer", peer, null, null, what + ": " + reason);
        }
    }
}
