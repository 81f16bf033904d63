package org.tsunagu.node.federation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.protocol.HubId;

/**
 * The admin's blocks, as Mastodon's domain blocks: a blocked hub's envelopes are refused on every path
 * (the one ingest path checks), this node stops following it and being followed by it, and its records
 * leave the directory, search and exports; its log is kept unless the admin asks to purge it. Also
 * unpinning a peer.
 */
public final class BlockService {
    private static final Logger LOG = LoggerFactory.getLogger(BlockService.class);

    /** A block as shown to the admin. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlockView(String hub, String reason, boolean purged, String blockedAt) {}

    private final FederationConfig config;
    private final NodeLog log;
    private final PeerStore peers;
    private final SubscriptionStore subscriptions;
    private final SubscriberStore subscribers;

    BlockService(
            FederationConfig config,
            NodeLog log,
            PeerStore peers,
            SubscriptionStore subscriptions,
            SubscriberStore subscribers) {
        this.config = config;
        this.log = log;
        this.peers = peers;
        this.subscriptions = subscriptions;
        this.subscribers = subscribers;
    }

    public BlockView block(String hubText, String reason, boolean purge) {
        HubId hub = HubId.parse(hubText, "$.hub");
        if (hub.equals(config.self())) {
            throw new FederationException(409, "a node cannot block itself", "$.hub");
        }
        if (log.head(hub) == 0
                && log.currentKey(hub).isEmpty()
                && peers.find(hub).isEmpty()) {
            throw new FederationException(404, "no hub " + hub + " is known here", "$.hub");
        }
        subscriptions.delete(hub);
        subscribers.delete(hub);
        log.block(hub, reason, purge);
        LOG.warn("blocked {}{}", hub, purge ? " and purged its log" : "");
        return find(hub);
    }

    public void unblock(String hubText) {
        HubId hub = HubId.parse(hubText, "$.hub");
        if (!log.unblock(hub)) {
            throw new FederationException(404, hub + " is not blocked");
        }
        LOG.warn("unblocked {}", hub);
    }

    public List<BlockView> list() {
        return log.blocks().stream()
                .map(b -> new BlockView(
                        b.hub().value(), b.reason(), b.purged(), b.blockedAt().toString()))
                .toList();
    }

    private BlockView find(HubId hub) {
        return list().stream()
                .filter(b -> b.hub().equals(hub.value()))
                .findFirst()
                .orElseThrow();
    }

    /** Forgets a pinned peer and stops following it; its log, key history and records stay. */
    public void unpin(String hubText) {
        HubId hub = HubId.parse(hubText, "$.hub");
        if (!peers.delete(hub)) {
            throw new FederationException(404, "no pinned peer " + hub);
        }
        LOG.warn("unpinned peer {}", hub);
    }
}
