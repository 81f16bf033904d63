package org.tsunagu.node.federation;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Everything that makes a node part of a federation, built from the node's database, log, signing and
 * clock. {@code Main} registers {@link #resources()} and calls {@link #published()} after the node
 * appends to its own log, so pushes leave at once instead of at the next poll.
 */
public final class Federation implements AutoCloseable {
    private final PeerService peers;
    private final SubscriberService subscribers;
    private final AlertStore alertStore;
    private final Puller puller;
    private final Pusher pusher;
    private final SubscriptionResource subscriptionResource;
    private final InboxResource inboxResource;
    private final FederationAdminResource adminResource;

    public Federation(
            FederationConfig config,
            FederationDb db,
            NodeLog log,
            RequestSigning signing,
            MeterRegistry metrics,
            Clock clock) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        PeerClient client = new PeerClient(http, signing, config.requestTimeout());
        PeerStore peerStore = new PeerStore(db, clock);
        SubscriptionStore subscriptionStore = new SubscriptionStore(db, clock);
        SubscriberStore subscriberStore = new SubscriberStore(db, clock);
        this.alertStore = new AlertStore(db, clock);
        Alerts alerts = new Alerts(alertStore, metrics);
        this.pusher = new Pusher(config, log, client, subscriberStore, alerts, clock);
        this.puller = new Puller(config, log, client, peerStore, subscriptionStore, alerts, pusher::wake);
        this.peers = new PeerService(config, log, client, peerStore, subscriptionStore, puller);
        this.subscribers = new SubscriberService(config, log, subscriberStore, alerts, pusher::wake);
        InboxService inbox = new InboxService(config, log, subscriptionStore, alerts, puller, pusher::wake);
        SignedRequests signed = new SignedRequests(signing, alerts);
        this.subscriptionResource = new SubscriptionResource(signed, subscribers);
        this.inboxResource = new InboxResource(config, signed, inbox);
        this.adminResource = new FederationAdminResource(peers, subscribers, alertStore);
    }

    /** Starts pull catch-up (now, then periodically) and the push loop. */
    public void start() {
        puller.start();
        pusher.start();
    }

    /** Resource instances to register with Jersey (on the http package's base configuration). */
    public List<Object> resources() {
        return List.of(subscriptionResource, inboxResource, adminResource);
    }

    /** The node stored something (its own publish, or an import): push it now. */
    public void published() {
        pusher.wake();
    }

    /** Pull from every followed peer now (e.g. after an admin call or for tests). */
    public void pullNow() {
        puller.requestAll();
    }

    public PeerService peers() {
        return peers;
    }

    public SubscriberService subscribers() {
        return subscribers;
    }

    public AlertStore alerts() {
        return alertStore;
    }

    @Override
    public void close() {
        pusher.close();
        puller.close();
    }
}
