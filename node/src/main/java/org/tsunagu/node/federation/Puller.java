package org.tsunagu.node.federation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;

/**
 * Pull catch-up (DESIGN §7): on start, periodically and on any gap, asks every followed peer for its
 * heads and pages through {@code GET /v1/feeds/{origin}?after=} for every origin followed that it holds
 * further than we do, handing each page to the one ingest path. Requests for the same peer coalesce.
 */
final class Puller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Puller.class);

    private final FederationConfig config;
    private final NodeLog log;
    private final PeerClient client;
    private final PeerStore peers;
    private final SubscriptionStore subscriptions;
    private final Alerts alerts;
    private final Runnable afterIngest;
    private final BiConsumer<HubId, Map<HubId, Long>> remoteHeads;
    private final BiConsumer<HubId, Long> ownHead;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final ExecutorService probation;
    private final ExecutorService fetchers;
    private final Set<HubId> queued = ConcurrentHashMap.newKeySet();

    Puller(
            FederationConfig config,
            NodeLog log,
            PeerClient client,
            PeerStore peers,
            SubscriptionStore subscriptions,
            Alerts alerts,
            Runnable afterIngest,
            BiConsumer<HubId, Map<HubId, Long>> remoteHeads,
            BiConsumer<HubId, Long> ownHead) {
        this.config = config;
        this.log = log;
        this.client = client;
        this.peers = peers;
        this.subscriptions = subscriptions;
        this.alerts = alerts;
        this.afterIngest = afterIngest;
        this.remoteHeads = remoteHeads;
        this.ownHead = ownHead;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("tsunagu-pull-timer"));
        // Two lanes (issue 10): peers whose last pull worked get two workers; peers never pulled yet or
        // whose last pull failed (a slow or hostile peer times out once, then lands here) share two more.
        // Any number of peers that trickle until the request deadline then hold only those, and pulls
        // from working peers stay on schedule. Four pulls at most in all, so memory stays bounded by the
        // page budget. Threads are made as pulls need them.
        this.workers = Executors.newFixedThreadPool(PULL_WORKERS, daemon("tsunagu-pull"));
        this.probation = Executors.newFixedThreadPool(PROBATION_WORKERS, daemon("tsunagu-pull-probation"));
        // Not a fixed pool shared by all pulls: a peer that hangs would hold its fetchers and stall
        // every other pull behind it. At most (PULL_WORKERS + PROBATION_WORKERS) x PAGES_AHEAD fetches run at once.
        this.fetchers = Executors.newCachedThreadPool(daemon("tsunagu-pull-fetch"));
    }

    private final java.util.concurrent.ConcurrentHashMap<HubId, Object> askLocks =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Completed when the pulls started at {@link #start} have ended, however they ended. */
    private final CompletableFuture<Void> firstRound = new CompletableFuture<>();

    void start() {
        long every = config.pullInterval().toMillis();
        // Marked here, on the starting thread, before the HTTP API takes pushes (see pullingAtStart).
        startUpPulls.addAll(pulledPeers());
        timer.execute(() -> {
            List<CompletableFuture<Void>> pulls = new ArrayList<>();
            for (HubId peer : List.copyOf(startUpPulls)) {
                pulls.add(request(peer).whenComplete((done, error) -> startUpPulls.remove(peer)));
            }
            CompletableFuture.allOf(pulls.toArray(CompletableFuture[]::new))
                    .whenComplete((done, error) -> firstRound.complete(null));
        });
        timer.scheduleWithFixedDelay(this::requestAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** Peers whose pull of start-up ({@link #start}) has not ended yet. */
    private final Set<HubId> startUpPulls = ConcurrentHashMap.newKeySet();

    /**
     * Whether this node is still pulling what it missed from {@code peer} since it started: whatever
     * that peer pushes meanwhile, the pull is fetching too (see {@link InboxService#receive}).
     */
    boolean pullingAtStart(HubId peer) {
        return startUpPulls.contains(peer);
    }

    /** The catch-up pulls of start-up ({@link #start}); what else a node does at start may wait for it. */
    CompletableFuture<Void> firstRound() {
        return firstRound;
    }

    /** Schedules a pull from every followed peer; each future completes when that pull has ended. */
    List<CompletableFuture<Void>> requestAll() {
        List<CompletableFuture<Void>> pulls = new ArrayList<>();
        for (HubId peer : pulledPeers()) {
            pulls.add(request(peer));
        }
        return pulls;
    }

    /** The peers this node pulls from: every subscription but those the peer refused. */
    private List<HubId> pulledPeers() {
        List<HubId> peers = new ArrayList<>();
        for (SubscriptionStore.Subscription s : subscriptions.list()) {
            if (s.status() != SubscriptionStore.Status.REFUSED) {
                peers.add(s.hub());
            }
        }
        return peers;
    }

    /**
     * Schedules a pull from {@code peer} unless one is already waiting; the future completes when the
     * pull scheduled here has ended (at once when one was already waiting).
     */
    CompletableFuture<Void> request(HubId peer) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        if (queued.add(peer)) {
            try {
                (inGoodStanding(peer) ? workers : probation).execute(() -> {
                    queued.remove(peer);
                    try {
                        pullQuietly(peer);
                    } finally {
                        ended.complete(null);
                    }
                });
                return ended;
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                queued.remove(peer);
            }
        }
        ended.complete(null);
        return ended;
    }

    /** Its last pull worked (a peer never pulled yet is not known to work). */
    private boolean inGoodStanding(HubId peer) {
        return subscriptions
                .find(peer)
                .map(s -> s.lastPullAt() != null && s.lastError() == null)
                .orElse(false);
    }

    private void pullQuietly(HubId peer) {
        try {
            pull(peer);
            busyAnswers.remove(peer);
        } catch (PeerException e) {
            // One alert when a working peer starts failing, not one per periodic retry.
            boolean wasWorking =
                    subscriptions.find(peer).map(s -> s.lastError() == null).orElse(false);
            alerts.peerFailed(peer.value(), "pull", e.getMessage(), wasWorking);
            subscriptions.markPulled(peer, e.getMessage());
            retryIfBusy(peer, e);
        } catch (RuntimeException e) {
            LOG.error("pull from peer {} failed unexpectedly", peer, e);
        }
    }

    /** Consecutive pulls a peer answered "busy" (503 or 429), for the backoff of the next try. */
    private final ConcurrentHashMap<HubId, Integer> busyAnswers = new ConcurrentHashMap<>();

    /**
     * A peer that answered "busy" (its stranger or request slots were full: two forums asking one hub at
     * once) is asked again after a backoff, or after its Retry-After when that is longer, not at the next
     * pull interval minutes later. Other failures wait for the interval: a peer that sent garbage or hung
     * would do it again, and a peer that is down pushes to us, or re-confirms, when it is back.
     */
    private void retryIfBusy(HubId peer, PeerException e) {
        if (!e.busy()) {
            busyAnswers.remove(peer);
            return;
        }
        int answers = busyAnswers.merge(peer, 1, Integer::sum);
        long delay = e.nextTry(config.backoff().delay(answers, ThreadLocalRandom.current()::nextDouble))
                .toMillis();
        if (delay >= config.pullInterval().toMillis()) {
            return; // the next periodic pull comes sooner
        }
        try {
            timer.schedule(() -> request(peer), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // shutting down
        }
    }

    /** Pulls everything {@code peer} holds further than we do, for the origins followed there. */
    IngestResult pull(HubId peer) {
        Optional<SubscriptionStore.Subscription> sub = subscriptions.find(peer);
        Optional<PeerStore.Peer> p = peers.find(peer);
        if (sub.isEmpty() || p.isEmpty()) {
            return IngestResult.empty();
        }
        String url = p.get().url();
        if (sub.get().status() == SubscriptionStore.Status.REFUSED) {
            return IngestResult.empty(); // the peer refused this node: nothing more is taken from it
        }
        // Pending: has the peer's admin decided? Active: is it still? A peer that refused this node after
        // approving it says so here (403), and this node stops pulling from it. The answer is needed only
        // before the first page is stored, so the question goes out alongside the heads and the first
        // pages (a restarted node's catch-up waited one signed round trip, some 0.2 s cold, before it).
        CompletableFuture<Boolean> stillFollowing =
                CompletableFuture.supplyAsync(() -> stillFollowing(peer, url, sub.get()), fetchers);
        Map<HubId, Long> remote;
        try {
            remote = client.feeds(url);
        } catch (RuntimeException e) {
            join(stillFollowing); // its refusal or failure says more than the heads' failure
            throw e;
        }
        IngestResult total = pullUpTo(peer, url, sub.get(), remote, stillFollowing);
        if (!join(stillFollowing)) {
            return total;
        }
        // The peer answering our re-confirmation may move its pushes to us on to the heads it held then
        // (SPEC §10.1: a subscription request announces a pull), and the heads above were asked for
        // alongside it, so they may be older: whatever it stored in between would then come neither by
        // push nor by this pull. Heads asked for after its answer cover it.
        total = total.plus(pullUpTo(peer, url, sub.get(), client.feeds(url), stillFollowing));
        subscriptions.markPulled(peer, null);
        return total;
    }

    /** Pulls every origin followed at {@code peer} up to {@code remote}, the heads it advertised. */
    private IngestResult pullUpTo(
            HubId peer,
            String url,
            SubscriptionStore.Subscription sub,
            Map<HubId, Long> remote,
            CompletableFuture<Boolean> stillFollowing) {
        IngestResult total = IngestResult.empty();
        List<HubId> origins = new ArrayList<>(remote.keySet());
        origins.sort(java.util.Comparator.comparing(HubId::value));
        // Lag is reported for the origins this node follows from the peer, not for all it advertises.
        Map<HubId, Long> followed = new java.util.HashMap<>();
        List<HubId> toPull = new ArrayList<>();
        if (remote.containsKey(config.self())) {
            // This hub's own log is never pulled here, but one held further there than here means this
            // node's database went back in time: it must not sign again before catching up.
            ownHead.accept(peer, remote.get(config.self()));
        }
        for (HubId origin : origins) {
            if (origin.equals(config.self()) || !sub.origins().matches(origin) || log.isBlocked(origin)) {
                continue;
            }
            // Followed (the subscription names it): its lag counts even before its key is pinned.
            followed.put(origin, remote.get(origin));
            if (!config.learnOrigins() && log.currentKey(origin).isEmpty()) {
                // Pinned-only policy: a page of an origin nobody pinned would only be refused.
                continue;
            }
            toPull.add(origin); // held as far as the peer already: pullPages asks for no page
        }
        remoteHeads.accept(peer, followed);
        for (HubId origin : toPull) {
            total = total.plus(pullOrigin(peer, url, origin, remote.get(origin), stillFollowing));
        }
        return total;
    }

    /**
     * Asks {@code peer} again whether this node follows it; false when the peer refused it or it was
     * unfollowed here since the pull began (asking again then would re-subscribe after the peer dropped
     * us).
     */
    private boolean stillFollowing(HubId peer, String url, SubscriptionStore.Subscription sub) {
        synchronized (askLock(peer)) {
            if (subscriptions.find(peer).isEmpty()) {
                return false;
            }
            return askAgain(peer, url, sub) != SubscriptionStore.Status.REFUSED;
        }
    }

    /**
     * Held while this node re-confirms its subscription at {@code peer}, and by an unfollow while it
     * forgets it, so a re-confirmation never lands at the peer after the unsubscription.
     */
    Object askLock(HubId peer) {
        return askLocks.computeIfAbsent(peer, p -> new Object());
    }

    /** Asks the peer again: says whether its admin decided on a pending request, or refused us since. */
    private SubscriptionStore.Status askAgain(HubId peer, String url, SubscriptionStore.Subscription s) {
        SubscriptionStore.Status now = client.askToFollow(url, config.self(), config.inboxUrl(), s.origins());
        if (now != s.status()) {
            LOG.info("follow request to {} is now {}", peer, now.wire());
            subscriptions.put(
                    peer, s.origins(), now, now == SubscriptionStore.Status.REFUSED ? PeerService.REFUSED : null);
        }
        return now;
    }

    /**
     * Pages through {@code origin}'s log at the peer. Up to {@link #PAGES_AHEAD} next pages are fetched,
     * parsed and signature-checked while the current one is stored, so the network, the verifiers and
     * the writer overlap. Pages ahead assume full pages: when a page comes back short, or the current
     * one is not applied in full, the pages ahead are dropped and fetching starts again from our head.
     *
     * <p>A pull holds one page of its own; every further page it holds (fetched ahead) takes one of
     * {@link #SHARED_PAGES} slots shared by all pulls, and is not fetched when none is free. So however
     * many peers serve pages at the byte budget at once, at most {@code PULL_WORKERS + PROBATION_WORKERS +
     * SHARED_PAGES} pages are in memory (it was three per pull), and no pull ever waits for a slot: a
     * peer trickling its pages until the deadline cannot stall a working peer's pull.
     */
    private IngestResult pullOrigin(
            HubId peer, String url, HubId origin, long remoteHead, CompletableFuture<Boolean> mayStore) {
        pulling.incrementAndGet();
        try {
            return pullPages(peer, url, origin, remoteHead, mayStore);
        } finally {
            pulling.decrementAndGet();
        }
    }

    /** Pulls of one origin running now (see {@link #pulling()}). */
    private final java.util.concurrent.atomic.AtomicInteger pulling = new java.util.concurrent.atomic.AtomicInteger();

    /** Whether a pull is storing pages now: optional work (the web warm-up) waits for it. */
    boolean pulling() {
        return pulling.get() > 0;
    }

    /** @param mayStore completes true when pages of {@code peer} may be stored (see {@link #pull}) */
    private IngestResult pullPages(
            HubId peer, String url, HubId origin, long remoteHead, CompletableFuture<Boolean> mayStore) {
        IngestResult total = IngestResult.empty();
        long local = log.head(origin);
        PageSizes sizes = new PageSizes(local, config.pullPage());
        Deque<Ahead> ahead = new ArrayDeque<>();
        long requested = fill(ahead, null, url, origin, local, remoteHead, sizes);
        try {
            while (!ahead.isEmpty()) {
                Ahead next = ahead.poll();
                try {
                    List<Envelope> page = join(next.page());
                    if (page.isEmpty() || !join(mayStore)) {
                        break;
                    }
                    long expected = next.after() + page.size();
                    if (page.size() < next.limit()) {
                        cancel(ahead);
                        requested = expected;
                    }
                    requested = fill(ahead, next, url, origin, requested, remoteHead, sizes);
                    IngestResult r = log.ingest("pull", page);
                    alerts.report(peer.value(), "pull", r);
                    total = total.plus(r);
                    if (r.accepted() > 0) {
                        afterIngest.run();
                    }
                    long now = log.head(origin);
                    if (now <= local) {
                        // No progress: the peer served something we refuse (reported above); stop, do not spin.
                        break;
                    }
                    if (now != expected) {
                        cancel(ahead);
                        requested = now;
                    }
                    local = now;
                } finally {
                    next.done();
                }
                // The stored page is let go: the next one fetched may be this pull's own again.
                requested = fill(ahead, null, url, origin, requested, remoteHead, sizes);
            }
        } finally {
            cancel(ahead);
        }
        return total;
    }

    /**
     * How many envelopes to ask for in a page that starts at a seq: {@link #FIRST_PAGE} at first, then as
     * many as were asked for before it, up to the configured page. A pull starts with small pages so that
     * storing the first overlaps fetching and parsing the next (one full page of a 1,000-envelope
     * catch-up was fetched, then stored, in turn, on a cold JVM); a long sync reaches full pages after a
     * few thousand envelopes.
     */
    record PageSizes(long start, int max) {
        int at(long after) {
            long before = after - start;
            return (int) Math.min(max, Math.max(FIRST_PAGE, before));
        }
    }

    static final int FIRST_PAGE = 250;

    /** Pages fetched ahead while one is stored. */
    private static final int PAGES_AHEAD = 2;

    private static final int PULL_WORKERS = 2;

    private static final int PROBATION_WORKERS = 2;

    /** Pages held beyond each pull's own one, by all pulls together (see {@link #pullOrigin}). */
    private static final int SHARED_PAGES = 2;

    private final Semaphore sharedPages = new Semaphore(SHARED_PAGES);

    /**
     * A page requested ahead: the seq it follows, the page as it arrives, and whether it holds a shared
     * slot, given back by {@link #done} once the page is stored or, when dropped, once its fetch ends.
     */
    private final class Ahead {
        private final long after;
        private final int limit;
        private final CompletableFuture<List<Envelope>> page;
        private final AtomicBoolean shared;

        Ahead(long after, int limit, CompletableFuture<List<Envelope>> page, boolean shared) {
            this.after = after;
            this.limit = limit;
            this.page = page;
            this.shared = new AtomicBoolean(shared);
        }

        long after() {
            return after;
        }

        /** How many envelopes were asked for: fewer back means the peer has no more (or a byte cut). */
        int limit() {
            return limit;
        }

        CompletableFuture<List<Envelope>> page() {
            return page;
        }

        void done() {
            if (shared.compareAndSet(true, false)) {
                sharedPages.release();
            }
        }

        /** Dropped: its fetch goes on to its end (or deadline), and holds its slot until then. */
        void drop() {
            page.whenComplete((p, e) -> done());
        }
    }

    /**
     * Requests pages from {@code from} until {@link #PAGES_AHEAD} are in flight: the first as this pull's
     * own page when it holds none, the others only while a shared slot is free. Returns the next start.
     *
     * @param current the page being stored, if any (while it is stored, it is this pull's own page)
     */
    private long fill(
            Deque<Ahead> ahead, Ahead current, String url, HubId origin, long from, long remoteHead, PageSizes sizes) {
        long after = from;
        while (ahead.size() < PAGES_AHEAD && after < remoteHead) {
            boolean own = current == null && ahead.isEmpty();
            if (!own && !sharedPages.tryAcquire()) {
                break;
            }
            int limit = sizes.at(after);
            ahead.add(new Ahead(after, limit, fetch(url, origin, after, limit), !own));
            after += limit;
        }
        return after;
    }

    private CompletableFuture<List<Envelope>> fetch(String url, HubId origin, long after, int limit) {
        return CompletableFuture.supplyAsync(
                () -> {
                    List<Envelope> page = fetchFitting(url, origin, after, limit);
                    log.preverify(page);
                    return page;
                },
                fetchers);
    }

    /**
     * A page of at most {@code limit} envelopes that fits the page byte budget: a page over it is asked
     * for again with half as many (a shorter page makes the caller fetch on from where it ends), so
     * memory per page is bounded by the budget whatever the envelopes' sizes.
     */
    private List<Envelope> fetchFitting(String url, HubId origin, long after, int limit) {
        int asked = limit;
        while (true) {
            try {
                return client.feed(url, origin, after, asked);
            } catch (PeerClient.TooLarge e) {
                if (asked == 1) {
                    throw e;
                }
                asked = Math.max(1, asked / 2);
            }
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static void cancel(Deque<Ahead> ahead) {
        for (Ahead a : ahead) {
            a.drop();
        }
        ahead.clear();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
        probation.shutdownNow();
        fetchers.shutdownNow();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
