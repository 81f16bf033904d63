package org.tsunagu.node.federation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.ValidationException;

/**
 * Peers and whom this node follows: pinning a peer's hub id to its key (first contact, or an
 * admin-given expected key), and following / unfollowing it.
 */
public final class PeerService {
    /**
     * An admin's follow asks a busy (503, 429) peer this many times, pausing 0.5 s, 1 s, 1.5 s between
     * (longer when its Retry-After asks, up to {@link #FOLLOW_LONGEST_PAUSE}).
     */
    private static final int FOLLOW_ATTEMPTS = 4;

    private static final Duration FOLLOW_RETRY_PAUSE = Duration.ofMillis(500);

    /** A busy peer's Retry-After longer than this fails the admin's follow at once (it retries later). */
    private static final Duration FOLLOW_LONGEST_PAUSE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(PeerService.class);
    static final String REFUSED = "the peer refused this follow request";

    /** A pinned peer as shown to the admin; the fingerprint is what to compare out of band. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PeerView(
            String hub,
            String url,
            String key,
            String fingerprint,
            @JsonProperty("pinned_at") String pinnedAt) {}

    /** A followed peer as shown to the admin. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionView(
            String hub,
            List<String> origins,
            String status,
            @JsonProperty("last_pull_at") String lastPullAt,
            @JsonProperty("last_error") String lastError) {}

    private final FederationConfig config;
    private final NodeLog log;
    private final PeerClient client;
    private final PeerStore peers;
    private final SubscriptionStore subscriptions;
    private final Puller puller;

    PeerService(
            FederationConfig config,
            NodeLog log,
            PeerClient client,
            PeerStore peers,
            SubscriptionStore subscriptions,
            Puller puller) {
        this.config = config;
        this.log = log;
        this.client = client;
        this.peers = peers;
        this.subscriptions = subscriptions;
        this.puller = puller;
    }

    /**
     * Fetches the peer's hub document and pins hub id ↔ key. Refuses a key other than
     * {@code expectKey}, and a known hub id with a new key that its own key.rotate chain (pulled from
     * it) does not link to the pinned one.
     */
    public PeerView add(String url, String expectKey) {
        requireHttpUrl(url);
        KeyId expected = expectKey == null ? null : KeyId.parse(expectKey, "$.expect_key");
        HubDocument doc;
        try {
            doc = client.hubDocument(url);
        } catch (PeerException e) {
            throw new FederationException(502, e.getMessage());
        }
        if (expected != null && !expected.equals(doc.key())) {
            // Named on the field, so the console shows it beside the key the admin typed in.
            throw new FederationException(
                    409,
                    "the hub at this URL serves key fingerprint " + doc.key().fingerprint()
                            + ", not the expected key's " + expected.fingerprint() + "; nothing was pinned",
                    "$.expect_key");
        }
        if (doc.hub().equals(config.self())) {
            throw new FederationException(409, "that URL serves this node itself");
        }
        Optional<KeyId> pinned = log.currentKey(doc.hub());
        if (pinned.isPresent() && !pinned.get().equals(doc.key())) {
            // Maybe it rotated since we pinned it: its log says so, signed by the key we trust.
            try {
                followRotations(doc.hub(), url);
            } catch (PeerException e) {
                throw new FederationException(502, e.getMessage());
            }
            pinned = log.currentKey(doc.hub());
            if (pinned.isPresent() && !pinned.get().equals(doc.key())) {
                throw new FederationException(
                        409,
                        "hub " + doc.hub() + " now shows key " + doc.key().fingerprint() + " but "
                                + pinned.get().fingerprint() + " is pinned and no key.rotate chain links them");
            }
        }
        if (pinned.isEmpty()) {
            firstContact(doc, url);
        }
        PeerStore.Peer p = peers.pin(doc.hub(), url, doc.key());
        LOG.info(
                "pinned peer {} at {} with key fingerprint {}",
                doc.hub(),
                url,
                doc.key().fingerprint());
        return view(p);
    }

    /**
     * SPEC §8 on first contact: the hub document names the key in force now, but the log is verified
     * from seq 1 with the key its first envelope names, following its rotations; the key in force after
     * the head must be the one the document names. A hub that never rotated is pinned at once and
     * pulled later as usual; one that rotated has its log pulled here, and a log that does not lead to
     * the document's key is dropped again (409), leaving nothing pinned.
     */
    private void firstContact(HubDocument doc, String url) {
        HubId hub = doc.hub();
        List<org.tsunagu.protocol.Envelope> first;
        try {
            first = log.head(hub) == 0 ? client.feed(url, hub, 0, 1) : List.of();
        } catch (PeerException e) {
            // No readable log there yet (or a bad page): pin the document's key; pulls judge the rest.
            LOG.info(
                    "first contact with {}: its log could not be read ({}); pinned its current key",
                    hub,
                    e.getMessage());
            first = List.of();
        }
        if (first.isEmpty() || first.get(0).seq() != 1 || first.get(0).key().equals(doc.key())) {
            log.pinPeerKey(hub, doc.key());
            return;
        }
        KeyId firstKey = first.get(0).key();
        try {
            firstKey.publicKey(); // the full key check of SPEC §2 before pinning it, even provisionally
        } catch (RuntimeException e) {
            throw new FederationException(409, "the first envelope of " + hub + " names an unusable key");
        }
        log.pinPeerKey(hub, firstKey);
        try {
            followRotations(hub, url);
        } catch (PeerException e) {
            log.forget(hub);
            throw new FederationException(502, e.getMessage());
        }
        Optional<KeyId> after = log.currentKey(hub);
        if (after.isEmpty() || !after.get().equals(doc.key())) {
            log.forget(hub);
            throw new FederationException(
                    409,
                    "the log of " + hub + " verified from seq 1 leads to key "
                            + after.map(KeyId::fingerprint).orElse("none") + ", not to "
                            + doc.key().fingerprint() + " that its hub document names; nothing was pinned");
        }
        LOG.info(
                "first contact with {}: its log from seq 1 follows its key rotations to fingerprint {}",
                hub,
                doc.key().fingerprint());
    }

    private void followRotations(HubId hub, String url) {
        long local = log.head(hub);
        IngestResult r = IngestResult.empty();
        for (int pages = 0; pages < 1000; pages++) {
            var page = client.feed(url, hub, local, config.pullPage());
            if (page.isEmpty()) {
                break;
            }
            r = r.plus(log.ingest("pull", page));
            long now = log.head(hub);
            if (now <= local) {
                break;
            }
            local = now;
        }
        LOG.info("followed the log of {} to seq {} to check a key change ({} accepted)", hub, local, r.accepted());
    }

    public List<PeerView> list() {
        return peers.list().stream().map(this::view).toList();
    }

    private PeerView view(PeerStore.Peer p) {
        KeyId key = log.currentKey(p.hub()).orElse(p.key());
        return new PeerView(
                p.hub().value(),
                p.url(),
                key.value(),
                key.fingerprint(),
                p.pinnedAt().toString());
    }

    /** Follows a peer (pinning it first when named by a URL not yet known) and pulls from it at once. */
    public SubscriptionView follow(String peerRef, OriginFilter origins) {
        if (peerRef == null || peerRef.isBlank()) {
            throw ValidationException.of("$.peer", "name a peer by URL or hub id");
        }
        PeerStore.Peer peer = resolve(peerRef);
        SubscriptionStore.Status s = askToFollow(peer, origins);
        subscriptions.put(peer.hub(), origins, s, s == SubscriptionStore.Status.REFUSED ? REFUSED : null);
        puller.request(peer.hub());
        return subscriptions.find(peer.hub()).map(PeerService::view).orElseThrow();
    }

    /**
     * Asks {@code peer} to take this hub as a follower. A peer whose request slots are all taken answers
     * 503 at once (it never queues a body); an admin's follow is worth a few short retries before it
     * fails, the way the puller retries on its next round. A peer asking for a longer wait than the
     * admin's request should hold fails it at once, saying so.
     */
    private SubscriptionStore.Status askToFollow(PeerStore.Peer peer, OriginFilter origins) {
        for (int attempt = 1; ; attempt++) {
            Duration pause;
            try {
                return client.askToFollow(peer.url(), config.self(), config.inboxUrl(), origins);
            } catch (PeerException e) {
                pause = e.nextTry(FOLLOW_RETRY_PAUSE.multipliedBy(attempt));
                if (!e.busy() || attempt == FOLLOW_ATTEMPTS || pause.compareTo(FOLLOW_LONGEST_PAUSE) > 0) {
                    throw new FederationException(502, "peer " + peer.hub() + ": " + e.getMessage());
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FederationException(503, "interrupted while asking " + peer.hub() + " again");
            }
        }
    }

    private PeerStore.Peer resolve(String ref) {
        if (HubId.isValid(ref)) {
            return peers.find(HubId.of(ref))
                    .orElseThrow(() -> new FederationException(404, "no pinned peer " + ref + "; add it first"));
        }
        requireHttpUrl(ref);
        Optional<PeerStore.Peer> known = peers.findByUrl(ref);
        if (known.isPresent()) {
            return known.get();
        }
        PeerView added = add(ref, null);
        return peers.find(HubId.of(added.hub())).orElseThrow();
    }

    public List<SubscriptionView> subscriptions() {
        return subscriptions.list().stream().map(PeerService::view).toList();
    }

    /** Stops following {@code hub}: tells it (best effort) and forgets the subscription. */
    public void unfollow(String hub) {
        HubId id = HubId.parse(hub, "$.hub");
        if (subscriptions.find(id).isEmpty()) {
            throw new FederationException(404, "this node does not follow " + hub);
        }
        // Forgotten here first, and not while a pull is re-confirming it: that re-confirmation would
        // otherwise reach the peer after the unsubscription and subscribe this node again.
        synchronized (puller.askLock(id)) {
            subscriptions.delete(id);
        }
        peers.find(id).ifPresent(p -> {
            try {
                client.unsubscribe(p.url(), config.self());
            } catch (PeerException e) {
                LOG.warn("unsubscribe from peer {} not confirmed: {}", hub, e.getMessage());
            }
        });
    }

    private static SubscriptionView view(SubscriptionStore.Subscription s) {
        return new SubscriptionView(
                s.hub().value(),
                s.origins().origins(),
                s.status().wire(),
                s.lastPullAt() == null ? null : s.lastPullAt().toString(),
                s.lastError());
    }

    static void requireHttpUrl(String url) {
        try {
            URI u = new URI(url);
            if (!u.isAbsolute()
                    || u.getHost() == null
                    || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
                throw ValidationException.of("$.url", "an absolute http or https URL");
            }
        } catch (java.net.URISyntaxException e) {
            throw ValidationException.of("$.url", "not a URL");
        }
    }
}
