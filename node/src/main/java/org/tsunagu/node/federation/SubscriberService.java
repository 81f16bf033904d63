package org.tsunagu.node.federation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.MalformedMessageException;
import org.tsunagu.protocol.ValidationException;

/**
 * Who follows this node: signed subscription requests ({@code POST /v1/subscriptions}), recorded as
 * active when the requester is a pinned peer signing with its pinned key (policy), else pending until an
 * admin approves or refuses.
 */
public final class SubscriberService {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriberService.class);
    private static final Set<String> MEMBERS = Set.of("hub", "inbox", "origins");

    /** A follower as shown to the admin. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriberView(
            String hub,
            String fingerprint,
            String inbox,
            List<String> origins,
            String status,
            int failures,
            String lastError,
            String lastDeliveryAt) {}

    private final FederationConfig config;
    private final NodeLog log;
    private final SubscriberStore subscribers;
    private final Alerts alerts;
    private final Runnable wakePusher;
    private final java.util.function.Consumer<HubId> retryPush;

    SubscriberService(
            FederationConfig config,
            NodeLog log,
            SubscriberStore subscribers,
            Alerts alerts,
            Runnable wakePusher,
            java.util.function.Consumer<HubId> retryPush) {
        this.config = config;
        this.log = log;
        this.subscribers = subscribers;
        this.alerts = alerts;
        this.wakePusher = wakePusher;
        this.retryPush = retryPush;
    }

    /**
     * Handles a request whose RFC 9421 signature by {@code signer} was verified; returns the status.
     *
     * @param readsV2 whether the request declared protocol version 2 ({@code Tsunagu-Versions}, SPEC
     *     §10.4): pushes to a subscriber that did not stop before the first version 2 envelope
     * @param address the client address it came from (refusals are counted per address), or null
     */
    public String request(KeyId signer, JsonNode body, boolean readsV2, String address) {
        if (body == null || !body.isObject()) {
            throw new MalformedMessageException("$", "a subscription request is a JSON object");
        }
        body.fieldNames().forEachRemaining(n -> {
            if (!MEMBERS.contains(n)) {
                throw new MalformedMessageException("$." + n, "unknown member");
            }
        });
        JsonNode hubNode = body.get("hub");
        JsonNode inboxNode = body.get("inbox");
        JsonNode originsNode = body.get("origins");
        if (hubNode == null || !hubNode.isTextual()) {
            throw new MalformedMessageException("$.hub", "required text");
        }
        if (inboxNode == null || !inboxNode.isTextual()) {
            throw new MalformedMessageException("$.inbox", "required text");
        }
        if (originsNode == null || !originsNode.isArray()) {
            throw new MalformedMessageException("$.origins", "required array");
        }
        HubId hub = HubId.parse(hubNode.textValue(), "$.hub");
        PeerService.requireHttpUrl(inboxNode.textValue());
        List<String> origins = new ArrayList<>();
        for (JsonNode o : originsNode) {
            if (!o.isTextual()) {
                throw ValidationException.of("$.origins", "origins are text");
            }
            origins.add(o.textValue());
        }
        OriginFilter filter = new OriginFilter(origins);
        if (hub.equals(config.self())) {
            throw new FederationException(403, "a node does not follow itself");
        }
        if (log.isBlocked(hub)) {
            alerts.refusedStranger("subscription", address, "as " + hub + ", which this node blocked", null);
            throw new FederationException(403, "this node blocked " + hub);
        }
        Optional<KeyId> pinned = log.currentKey(hub);
        if (pinned.isPresent() && !pinned.get().equals(signer)) {
            alerts.refusedStranger(
                    "subscription",
                    address,
                    "as " + hub + ", signed with a key other than the one pinned for it",
                    JsonNodeFactory.instance.objectNode().put("last_key", signer.fingerprint()));
            throw new FederationException(403, "hub " + hub + " is pinned with another key");
        }
        expirePending();
        Optional<SubscriberStore.Subscriber> known = subscribers.find(hub);
        if (pinned.isEmpty() && known.isPresent() && !known.get().key().equals(signer)) {
            // Another key already asked to follow as this hub, and no key is pinned for it, so nothing
            // tells which one is the hub: this request is kept apart and displaces nothing (the
            // follower's key, inbox and status stay), for an admin to approve by key or to expire.
            boolean renewing = subscribers.claims().stream()
                    .anyMatch(c -> c.hub().equals(hub) && c.key().equals(signer));
            if (!renewing) {
                requireRoomForPending();
                alerts.followRequest(hub.value(), signer.fingerprint());
            }
            subscribers.putClaim(hub, signer, inboxNode.textValue(), filter);
            LOG.info(
                    "subscription from {} by another key (fingerprint {}): kept apart, pending",
                    hub,
                    signer.fingerprint());
            return SubscriberStore.Status.PENDING.wire();
        }
        SubscriberStore.Status status;
        if (known.isPresent() && known.get().status() == SubscriberStore.Status.REFUSED) {
            status = SubscriberStore.Status.REFUSED;
        } else if (pinned.isPresent() && config.autoAcceptPinned()) {
            status = SubscriberStore.Status.ACTIVE;
        } else if (known.isPresent()
                && known.get().status() == SubscriberStore.Status.ACTIVE
                && known.get().key().equals(signer)) {
            status = SubscriberStore.Status.ACTIVE;
        } else {
            status = SubscriberStore.Status.PENDING;
        }
        boolean newlyPending = status == SubscriberStore.Status.PENDING
                && (known.isEmpty() || known.get().status() != SubscriberStore.Status.PENDING);
        if (newlyPending) {
            requireRoomForPending();
        }
        boolean unchanged = known.isPresent()
                && known.get().status() == status
                && known.get().key().equals(signer)
                && known.get().inbox().equals(inboxNode.textValue())
                && known.get().origins().equals(filter);
        if (!unchanged) {
            // A follower re-confirms its subscription on every pull: the same request changes nothing
            // (in particular not the push backoff of an inbox that keeps failing).
            // The store decides in its transaction: an approval landing meanwhile is not undone.
            status = subscribers.put(hub, signer, inboxNode.textValue(), filter, status, log.heads());
        }
        boolean backAfterFailures = unchanged
                && status == SubscriberStore.Status.ACTIVE
                && known.get().failures() > 0;
        if (status == SubscriberStore.Status.ACTIVE) {
            // SPEC §10.1: a follower that asks pulls next, up to heads it reads after this answer, so what
            // this node holds now reaches it by that pull; pushes go on from here rather than sending the
            // same backlog a second time (issue 14: a restarted follower got its catch-up twice). The
            // store counts this as a delivery: the backoff its downtime earned is cleared.
            subscribers.delivered(hub, pushesFrom(hub, filter));
        }
        if (backAfterFailures) {
            // A follower that asks is up again (it re-confirms at start, issue 14): its open circuit goes
            // too, and a push round runs now rather than when the circuit would have let it. Only once
            // its pushes moved on above: the round reads the outbox at once, and woken before, it sent a
            // restarted follower the backlog it was pulling (one catch-up in three at 1,000 envelopes).
            retryPush.accept(hub);
        }
        if (newlyPending && status == SubscriberStore.Status.PENDING) {
            // One alert per request, not one per retry of the same pending request.
            alerts.followRequest(hub.value(), signer.fingerprint());
        }
        LOG.info(
                "subscription from {} (key fingerprint {}) for {}: {}",
                hub,
                signer.fingerprint(),
                filter.origins(),
                status);
        if (status == SubscriberStore.Status.REFUSED) {
            throw new FederationException(403, "this node refused " + hub + "'s subscription");
        }
        // Only the key the entry holds says what its hub reads (a claim kept apart above says nothing).
        subscribers.readsV2(hub, signer, readsV2);
        wakePusher.run();
        return status.wire();
    }

    /** This node's heads of the origins {@code follower} follows here, its own excepted. */
    private Map<HubId, Long> pushesFrom(HubId follower, OriginFilter filter) {
        Map<HubId, Long> from = new HashMap<>();
        log.heads().forEach((origin, seq) -> {
            if (!origin.equals(follower) && filter.matches(origin)) {
                from.put(origin, seq);
            }
        });
        return from;
    }

    /** Strangers cannot make the requests waiting for an admin grow without bound. */
    private void requireRoomForPending() {
        if (subscribers.pendingCount() >= config.limits().maxPending()) {
            throw new FederationException(
                    503, "too many subscription requests are waiting for this node's admin; retry later");
        }
    }

    /** A follower's signed request to stop. */
    public void unsubscribe(KeyId signer, String hub) {
        HubId id = HubId.parse(hub, "$.hub");
        if (subscribers.deleteClaim(id, signer)) {
            LOG.info("a pending request to follow as {} was withdrawn", hub);
            return;
        }
        SubscriberStore.Subscriber s = subscribers
                .find(id)
                .orElseThrow(() -> new FederationException(404, hub + " does not follow this node"));
        if (!s.key().equals(signer) && !log.currentKey(id).map(signer::equals).orElse(false)) {
            throw new FederationException(403, "only " + hub + " may end its subscription");
        }
        subscribers.delete(id);
        LOG.info("{} unsubscribed", hub);
    }

    /**
     * Forgets the follow requests no admin decided on within {@code pending_subscriber_expiry}, and their
     * open alerts with them (run on each request and each listing, so nothing needs a timer).
     */
    private void expirePending() {
        java.time.Instant cutoff = subscribers.expirePending(config.limits().pendingExpiry());
        java.util.Set<String> pending = new java.util.HashSet<>();
        subscribers.list().stream()
                .filter(s -> s.status() == SubscriberStore.Status.PENDING)
                .forEach(s -> pending.add(s.hub().value()));
        subscribers.claims().forEach(c -> pending.add(c.hub().value()));
        alerts.followRequestsExpired(cutoff, pending);
    }

    /** Followers, then requests kept apart (another key claiming a hub's name), each pending. */
    public List<SubscriberView> list() {
        expirePending();
        List<SubscriberView> out = new ArrayList<>(followers());
        for (SubscriberStore.Claim c : subscribers.claims()) {
            out.add(new SubscriberView(
                    c.hub().value(),
                    c.key().fingerprint(),
                    c.inbox(),
                    c.origins().origins(),
                    SubscriberStore.Status.PENDING.wire(),
                    0,
                    null,
                    null));
        }
        return out;
    }

    private List<SubscriberView> followers() {
        return subscribers.list().stream()
                .map(s -> new SubscriberView(
                        s.hub().value(),
                        s.key().fingerprint(),
                        s.inbox(),
                        s.origins().origins(),
                        s.status().wire(),
                        s.failures(),
                        s.lastError(),
                        s.lastDeliveryAt() == null ? null : s.lastDeliveryAt().toString()))
                .toList();
    }

    public SubscriberView approve(String hub) {
        return set(hub, SubscriberStore.Status.ACTIVE);
    }

    /**
     * Approves the request to follow as {@code hub} signed by {@code key} (its key id or fingerprint):
     * when that is a request kept apart, it replaces the hub's entry (the admin checked the fingerprint
     * with the hub).
     */
    public SubscriberView approve(String hub, String key) {
        if (key == null) {
            return approve(hub);
        }
        HubId id = HubId.parse(hub, "$.hub");
        Optional<SubscriberStore.Claim> claim = subscribers.claims().stream()
                .filter(c -> c.hub().equals(id)
                        && (c.key().value().equals(key) || c.key().fingerprint().equals(key)))
                .findFirst();
        if (claim.isEmpty()) {
            SubscriberStore.Subscriber s = subscribers
                    .find(id)
                    .orElseThrow(() -> new FederationException(404, hub + " has not asked to follow this node"));
            if (!s.key().value().equals(key) && !s.key().fingerprint().equals(key)) {
                throw new FederationException(404, "no request to follow as " + hub + " signed by key " + key);
            }
            return approve(hub);
        }
        SubscriberStore.Claim c = claim.get();
        subscribers.put(id, c.key(), c.inbox(), c.origins(), SubscriberStore.Status.ACTIVE, log.heads());
        subscribers.deleteClaim(id, c.key());
        alerts.followRequestDecided(hub);
        wakePusher.run();
        return followers().stream().filter(v -> v.hub().equals(hub)).findFirst().orElseThrow();
    }

    public SubscriberView refuse(String hub) {
        return set(hub, SubscriberStore.Status.REFUSED);
    }

    public void remove(String hub) {
        if (!subscribers.delete(HubId.parse(hub, "$.hub"))) {
            throw new FederationException(404, hub + " does not follow this node");
        }
        alerts.followRequestDecided(hub);
    }

    private SubscriberView set(String hub, SubscriberStore.Status status) {
        HubId id = HubId.parse(hub, "$.hub");
        if (!subscribers.setStatus(id, status, log.heads())) {
            throw new FederationException(404, hub + " has not asked to follow this node");
        }
        alerts.followRequestDecided(hub);
        wakePusher.run();
        return followers().stream().filter(v -> v.hub().equals(hub)).findFirst().orElseThrow();
    }
}
