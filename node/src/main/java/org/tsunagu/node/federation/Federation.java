package org.tsunagu.node.federation;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.home.KeyRotationException;
import org.tsunagu.node.home.NodeKeys;
import org.tsunagu.node.log.AlertStore;
import org.tsunagu.node.log.HubKey;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.log.KeyRing;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Everything that makes a node part of a federation, built on the node's database, log store, key ring
 * and signing key; envelopes of other origins enter only through the log package's {@link Ingestor}.
 * The composition root ({@code NodeAssembly}) registers {@link #resources()} (which include a filter calling {@link #published()}
 * after every admin write, so pushes leave at once instead of at the next poll) and calls {@link
 * #start()}.
 */
public final class Federation implements AutoCloseable {
    private final PeerService peers;
    private final SubscriberService subscribers;
    private final AlertStore alertStore;
    private final Puller puller;
    private final Pusher pusher;
    private final SubscriptionResource subscriptionResource;
    private final InboxResource inboxResource;
    private final NodeLog log;
    private final NodeKeys nodeKeys;
    private final MeterRegistry metrics;
    private final HubId self;
    private final BlockService blocks;
    private final HaltService halts;
    private final RollbackGuard rollback;
    private final ErasureReceipts receipts;

    /**
     * @param log the node's log store (feeds and heads read here)
     * @param keys the node's key ring
     * @param ingestor the node's one ingest path (and verifier pool), shared with offline bundles
     * @param alertStore the node's one alert store, shared with the hubs page
     * @param nodeKeys this node's signing key, which signs peer requests and rotates
     * @param remoteHeads told the feed heads each pull reads from a peer (origin to head seq), from which
     *     metrics derive how far this node is behind
     * @param ingested told what each committed ingest of a push ({@code "push"}) or a pulled page
     *     ({@code "pull"}) did
     */
    public Federation(
            FederationConfig config,
            Database db,
            LogStore log,
            KeyRing keys,
            Ingestor ingestor,
            AlertStore alertStore,
            NodeKeys nodeKeys,
            MeterRegistry metrics,
            Clock clock,
            BiConsumer<HubId, Map<HubId, Long>> remoteHeads,
            BiConsumer<String, IngestReport> ingested) {
        this.self = config.self();
        this.nodeKeys = nodeKeys;
        this.metrics = metrics;
        Supplier<HttpClient> http = () -> HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        RequestSigning signing = new RequestSigning(nodeKeys::current, clock, Duration.ofMinutes(5));
        PeerClient client = new PeerClient(http, signing, config.requestTimeout(), config.limits());
        PeerStore peerStore = new PeerStore(db, clock);
        SubscriptionStore subscriptionStore = new SubscriptionStore(db, clock);
        SubscriberStore subscriberStore = new SubscriberStore(db, clock);
        this.receipts = new ErasureReceipts(self, db, keys, client, nodeKeys::current, subscriberStore, clock);
        this.log = new NodeLog(log, keys, ingestor, ingested, receipts::applied);
        this.alertStore = alertStore;
        Alerts alerts = new Alerts(alertStore, metrics);
        this.pusher = new Pusher(config, this.log, client, subscriberStore, alerts, clock);
        this.rollback = new RollbackGuard(config, this.log, client, peerStore, subscriberStore, alerts, clock);
        this.puller = new Puller(
                config,
                this.log,
                client,
                peerStore,
                subscriptionStore,
                alerts,
                pusher::wake,
                remoteHeads,
                rollback::ownHeadAhead);
        this.peers = new PeerService(config, this.log, client, peerStore, subscriptionStore, puller);
        this.subscribers =
                new SubscriberService(config, this.log, subscriberStore, alerts, pusher::wake, pusher::retryNow);
        InboxService inbox = new InboxService(config, this.log, subscriptionStore, alerts, puller, pusher::wake, clock);
        SignedRequests signed = new SignedRequests(
                signing,
                alerts,
                keys::hubWithCurrentKey,
                new ReplayCache(SignedRequests.PINNED_KEY_SIGNATURES, clock),
                new ReplayCache(SignedRequests.OTHER_KEY_SIGNATURES, clock));
        PeerGate gate = new PeerGate(config.limits());
        this.subscriptionResource = new SubscriptionResource(signed, subscribers, gate);
        this.inboxResource = new InboxResource(config, signed, inbox, gate);
        this.blocks = new BlockService(config, this.log, peerStore, subscriptionStore, subscriberStore);
        this.halts = new HaltService(this.log, alertStore);
        if (!subscriptionStore.list().isEmpty()) {
            client.prepareInBackground();
        }
    }

    /**
     * Starts the rollback check (writes that sign wait for it, see {@link RollbackGuard}), pull catch-up
     * (now, then periodically) and the push loop.
     */
    public void start() {
        rollback.start();
        puller.start();
        pusher.start();
    }

    /**
     * The peer-facing resource instances to register with Jersey (on the http package's base
     * configuration); the admin side of federation is {@code admin.PeerAdminResource}, {@code FollowAdminResource}, {@code BlockAdminResource} and {@code AlertAdminResource}.
     */
    public List<Object> resources() {
        return List.of(
                subscriptionResource,
                inboxResource,
                new ErasureReceiptResource(receipts),
                new PublishedFilter(this::published));
    }

    /** For tests in this package: the pusher's rounds. */
    Pusher pusher() {
        return pusher;
    }

    /** The node stored something (its own publish, or an import): push it now. */
    public void published() {
        pusher.wake();
    }

    /**
     * Completes when the catch-up pulls begun by {@link #start} have ended (done or failed): start-up work
     * that can wait, such as the web warm-up, waits for it rather than competing with the catch-up.
     */
    public CompletableFuture<Void> firstPullRound() {
        return puller.firstRound();
    }

    /** Whether a pull is storing pages now (a sync or a catch-up): optional work waits for it to end. */
    public boolean pulling() {
        return puller.pulling();
    }

    /** Pull from every followed peer now (e.g. after an admin call or for tests). */
    public void pullNow() {
        puller.requestAll();
    }

    /** Pulls from {@code peer} now, on the caller's thread (benchmarks and tests). */
    IngestResult pullFrom(HubId peer) {
        return puller.pull(peer);
    }

    public PeerService peers() {
        return peers;
    }

    /**
     * Every hub this hub follows or that follows it, by hub id: the audience "every hub I follow or
     * that follows me" of a sealed record (issue #13), resolved when it is signed.
     */
    public java.util.SortedSet<org.tsunagu.protocol.HubId> followedOrFollowing() {
        java.util.SortedSet<org.tsunagu.protocol.HubId> hubs =
                new java.util.TreeSet<>(java.util.Comparator.comparing(org.tsunagu.protocol.HubId::value));
        peers.subscriptions().forEach(s -> hubs.add(org.tsunagu.protocol.HubId.of(s.hub())));
        subscribers.list().forEach(s -> hubs.add(org.tsunagu.protocol.HubId.of(s.hub())));
        return hubs;
    }

    public SubscriberService subscribers() {
        return subscribers;
    }

    public AlertStore alerts() {
        return alertStore;
    }

    /** Rotates this node's key ({@code key.rotate} signed by the old key) and pushes it at once. */
    public NodeKeys.Rotation rotateKey(boolean keepOld) {
        rollback.requireWritable(); // before a new key file is made
        NodeKeys.Rotation r;
        try {
            r = nodeKeys.rotate(keepOld);
        } catch (KeyRotationException e) {
            throw new FederationException(409, e.getMessage());
        }
        published();
        return r;
    }

    /** Blocking and unblocking origins (admin API). */
    public BlockService blocks() {
        return blocks;
    }

    /** Halted origins and their resolution (admin API). */
    public HaltService halts() {
        return halts;
    }

    /** Whether this node may sign now (rollback protection); the publisher asks it before each write. */
    public RollbackGuard rollback() {
        return rollback;
    }

    /** This node's own hub. */
    public HubId self() {
        return self;
    }

    public MeterRegistry metrics() {
        return metrics;
    }

    /** The key this node signs with now. */
    public Ed25519KeyPair signingKey() {
        return nodeKeys.current();
    }

    /** Every hub key this node holds, with the seqs it signs and why it is trusted. */
    public List<HubKey> keys() {
        List<HubKey> out = new java.util.ArrayList<>();
        log.heads().keySet().stream()
                .sorted(java.util.Comparator.comparing(HubId::value))
                .forEach(h -> out.addAll(log.keys().history(h)));
        return out;
    }

    @Override
    public void close() {
        pusher.close();
        puller.close();
        rollback.close();
        receipts.close();
    }

    /**
     * This hub's own erasures with the receipts other nodes sent (SPEC §6.11): per erase, {@code
     * acknowledged} of {@code expected} nodes, those it {@code waiting} for, and each signed receipt.
     */
    public List<Map<String, Object>> erasures() {
        return receipts.erasures();
    }
}
