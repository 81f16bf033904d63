package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.node.log.Alert;
import org.tsunagu.node.log.AlertStore;
import org.tsunagu.protocol.HubId;

/**
 * Reports what federation refused: one log line per rejection naming peer, origin, seq and reason
 * (never keys or tokens), an alert in the node's one {@link AlertStore} for what an admin must act on,
 * and metrics of peer requests refused before ingest (ingest counts are the ingest metrics'). The ingest
 * itself records equivocations (with both envelopes) in its transaction; here the peer that delivered
 * the evidence is named on that alert.
 */
final class Alerts {
    private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
    /**
     * Rejections that need no alert of their own: an origin nobody pinned is caught up by pulling, and a
     * halted origin already has its equivocation alert (one per envelope would bury it).
     */
    private static final Set<String> QUIET_REASONS =
            Set.of(InboxService.UNKNOWN_ORIGIN, "ORIGIN_HALTED", "ORIGIN_BLOCKED");

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
            if (!QUIET_REASONS.contains(r.reason())) {
                store.raise(
                        Alert.REJECTED,
                        peer,
                        HubId.of(r.origin()),
                        r.seq(),
                        via + " from " + peer + ": envelope refused, " + r.reason() + ": " + r.message(),
                        details(via).put("reason", r.reason()).put("path", r.path()));
            }
        }
        for (IngestResult.Rejection r : result.equivocations()) {
            LOG.error(
                    "{} from peer {}: origin {} EQUIVOCATED at seq {}; that origin is halted",
                    via,
                    peer,
                    r.origin(),
                    r.seq());
            store.attributeEquivocation(HubId.of(r.origin()), r.seq(), peer);
        }
    }

    /** A hub asked to follow this node and waits for the admin (no key pinned for it, or auto-accept off). */
    void followRequest(String hub, String fingerprint) {
        LOG.warn("follow request from {} (key fingerprint {}) waits for approval", hub, fingerprint);
        store.raise(
                Alert.FOLLOW_REQUEST,
                hub,
                null,
                null,
                hub + " asks to follow this node (key fingerprint " + fingerprint + "): POST /admin/v1/subscribers/"
                        + hub + "/approve or /refuse",
                details("subscription"));
    }

    /**
     * Follow requests were settled by expiry: the open follow-request alerts raised before {@code before}
     * for hubs no longer in {@code pending} go, so expired requests leave no alerts behind.
     */
    void followRequestsExpired(java.time.Instant before, java.util.Collection<String> pending) {
        int gone = store.forgetOpen(Alert.FOLLOW_REQUEST, before, pending);
        if (gone > 0) {
            LOG.info("{} follow request alerts closed: their requests expired unanswered", gone);
        }
    }

    /** The admin decided on {@code hub}'s follow request (approved, refused or removed it). */
    void followRequestDecided(String hub) {
        store.acknowledgeOpen(Alert.FOLLOW_REQUEST, hub);
    }

    /** A peer request refused before ingest (bad signature, not a peer, garbage). */
    void refused(String peer, String what, String reason) {
        LOG.warn("{} from peer {} refused: {}", what, peer, reason);
        metrics.counter("tsunagu_federation_refused_total", "what", what).increment();
        store.raise(Alert.REFUSED, peer, null, null, what + " refused: " + reason, details(what));
    }

    /**
     * A request refused from a sender that is no pinned peer (a bad signature, or a key this node does
     * not follow): anyone can make keys and send many, so these are counted per client {@code address}
     * on one alert (the last key and reason in its details), and logged on the 1st, 10th, 100th …
     * occurrence rather than every time.
     */
    void refusedStranger(String what, String address, String reason, ObjectNode facts) {
        metrics.counter("tsunagu_federation_refused_total", "what", what).increment();
        ObjectNode details = details(what);
        if (facts != null) {
            details.setAll(facts);
        }
        long count = store.raiseFromStranger(Alert.REFUSED, STRANGER, address, what + " refused: " + reason, details);
        if (isPowerOfTen(count)) {
            LOG.warn(
                    "{} from {} (no pinned peer) refused: {} ({} times while unacknowledged)",
                    what,
                    address,
                    reason,
                    count);
        }
    }

    /** How strangers are named on their alerts: not by key, since each request may bring a new one. */
    static final String STRANGER = "stranger";

    private static boolean isPowerOfTen(long n) {
        while (n >= 10 && n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }

    /**
     * A validly signed request sent again: refused, since a captured request must not act twice. Alerted
     * when {@code alert} (the first repeat of that signature; a flood of the same one is counted only).
     */
    void replayed(String signer, String what, boolean alert) {
        LOG.warn("{} signed by {} refused: the same signature was already accepted", what, signer);
        metrics.counter("tsunagu_federation_refused_total", "what", what + "_replay")
                .increment();
        if (alert) {
            store.raise(
                    Alert.REPLAY,
                    signer,
                    null,
                    null,
                    what + " refused: a request with the same signature was already accepted (replayed)",
                    details(what));
        }
    }

    /**
     * A peer that did not answer usably: always logged and counted; alerted when {@code alert} (the
     * caller's choice, e.g. once when a working peer starts failing, not on every retry).
     */
    void peerFailed(String peer, String what, String reason, boolean alert) {
        LOG.warn("{} with peer {} failed: {}", what, peer, reason);
        metrics.counter("tsunagu_federation_peer_failures_total", "what", what).increment();
        if (alert) {
            store.raise(Alert.PEER, peer, null, null, what + " with " + peer + " failed: " + reason, details(what));
        }
    }

    private static ObjectNode details(String via) {
        return JsonNodeFactory.instance.objectNode().put("via", via);
    }
}
