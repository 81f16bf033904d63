package org.tsunagu.node.federation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
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

    SubscriberService(
            FederationConfig config, NodeLog log, SubscriberStore subscribers, Alerts alerts, Runnable wakePusher) {
        this.config = config;
        this.log = log;
        this.subscribers = subscribers;
        this.alerts = alerts;
        this.wakePusher = wakePusher;
    }

    /** Handles a request whose RFC 9421 signature by {@code signer} was verified; returns the status. */
    public String request(KeyId signer, JsonNode body) {
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
        Optional<KeyId> pinned = log.currentKey(hub);
        if (pinned.isPresent() && !pinned.get().equals(signer)) {
            alerts.refused(hub.value(), "subscription", "signed with a key other than the one pinned for it");
            throw new FederationException(403, "hub " + hub + " is pinned with another key");
        }
        Optional<SubscriberStore.Subscriber> known = subscribers.find(hub);
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
        status = subscribers.put(hub, signer, inboxNode.textValue(), filter, status, log.heads());
        LOG.info(
                "subscription from {} (key fingerprint {}) for {}: {}",
                hub,
                signer.fingerprint(),
                filter.origins(),
                status);
        if (status == SubscriberStore.Status.REFUSED) {
            throw new FederationException(403, "this node refused " + hub + "'s subscription");
        }
        wakePusher.run();
        return status.wire();
    }

    /** A follower's signed request to stop. */
    public void unsubscribe(KeyId signer, String hub) {
        HubId id = HubId.parse(hub, "$.hub");
        SubscriberStore.Subscriber s = subscribers
                .find(id)
                .orElseThrow(() -> new FederationException(404, hub + " does not follow this node"));
        if (!s.key().equals(signer) && !log.currentKey(id).map(signer::equals).orElse(false)) {
            throw new FederationException(403, "only " + hub + " may end its subscription");
        }
        subscribers.delete(id);
        LOG.info("{} unsubscribed", hub);
    }

    public List<SubscriberView> list() {
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

    public SubscriberView refuse(String hub) {
        return set(hub, SubscriberStore.Status.REFUSED);
    }

    public void remove(String hub) {
        if (!subscribers.delete(HubId.parse(hub, "$.hub"))) {
            throw new FederationException(404, hub + " does not follow this node");
        }
    }

    private SubscriberView set(String hub, SubscriberStore.Status status) {
        HubId id = HubId.parse(hub, "$.hub");
        if (!subscribers.setStatus(id, status, log.heads())) {
            throw new FederationException(404, hub + " has not asked to follow this node");
        }
        wakePusher.run();
        return list().stream().filter(v -> v.hub().equals(hub)).findFirst().orElseThrow();
    }
}
