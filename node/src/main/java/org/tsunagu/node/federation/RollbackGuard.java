package org.tsunagu.node.federation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;

/**
 * Rollback protection (issue 11): a node started on an older copy of its database (a restored backup,
 * a disk snapshot) must not sign a second, different envelope at a seq its followers already hold:
 * every one of them would halt it for equivocation. So before this node signs anything after start,
 * it asks the nodes that hold its log (its peers and subscribers) for its own head, pulls back any of
 * its own envelopes it lacks through the one ingest path, and only then lets writes through; until
 * then every signing write is refused with 503 and {@code Retry-After}.
 *
 * <p>The check passes when every follower answered and nothing of this hub's log is missing, or, when
 * some followers stay unreachable, once at least one node that holds this hub's log answered and a
 * grace period (three request timeouts) has passed, so one dead follower does not stop a hub for good.
 * With no follower reachable it keeps retrying. Other peers are asked too (a relay may have given them
 * this hub's log) but their silence holds nothing up. A node that knows no holder (a new hub) passes at once,
 * unless it was restored from a backup ({@link #RESTORED_MARKER}): a backup may predate every
 * follower. The admin may skip the check (the {@code rollback_check} setting), at their own risk.
 */
public final class RollbackGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RollbackGuard.class);

    /**
     * Written in the data folder by {@code tsunagu restore}; the next start runs the check even when no
     * holder of this hub's log is known, and deletes it once the check passed (or was skipped).
     */
    public static final String RESTORED_MARKER = "restored.rollback-check";

    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final FederationConfig config;
    private final NodeLog log;
    private final PeerClient client;
    private final PeerStore peers;
    private final SubscriberStore subscribers;
    private final Alerts alerts;
    private final Clock clock;
    private final Backoff backoff;
    private final List<Runnable> whenWritable = new CopyOnWriteArrayList<>();
    private final CountDownLatch opened = new CountDownLatch(1);
    private ScheduledExecutorService timer;
    private ExecutorService askers;

    private volatile boolean enabled = true;
    private volatile Path marker;
    /** Null while writes are allowed; otherwise why not. */
    private volatile String blocked;

    private volatile Instant nextAttempt;
    private volatile Instant startedAt;
    private int failures;

    RollbackGuard(
            FederationConfig config,
            NodeLog log,
            PeerClient client,
            PeerStore peers,
            SubscriberStore subscribers,
            Alerts alerts,
            Clock clock) {
        this.config = config;
        this.log = log;
        this.client = client;
        this.peers = peers;
        this.subscribers = subscribers;
        this.alerts = alerts;
        this.clock = clock;
        Duration cap = config.backoff().cap().compareTo(MAX_RETRY) < 0
                ? config.backoff().cap()
                : MAX_RETRY;
        this.backoff = new Backoff(
                config.backoff().base(),
                cap.compareTo(config.backoff().base()) < 0 ? config.backoff().base() : cap);
    }

    /**
     * @param check false when the admin skips the check (logged as a warning at start)
     * @param dataDir the node's data folder, where {@code restore} leaves {@link #RESTORED_MARKER}; null
     *     for a node without one
     */
    public void configure(boolean check, Path dataDir) {
        this.enabled = check;
        this.marker = dataDir == null ? null : dataDir.resolve(RESTORED_MARKER);
    }

    /**
     * Starts the check (called once, as federation starts). Until then writes are allowed: {@code init}
     * signs the first profile of a node that nobody can hold yet.
     */
    synchronized void start() {
        if (timer != null) {
            return;
        }
        startedAt = clock.instant();
        timer = Executors.newSingleThreadScheduledExecutor(Puller.daemon("tsunagu-rollback-check"));
        askers = Executors.newCachedThreadPool(Puller.daemon("tsunagu-rollback-ask"));
        boolean restored = marker != null && Files.exists(marker);
        if (!enabled) {
            LOG.warn(
                    "rollback check skipped by the admin (rollback_check=false): this node signs at once, even if"
                            + " its database is older than what its followers hold; a second envelope at a seq"
                            + " they hold makes every one of them halt {}",
                    config.self());
            open("skipped by the admin");
            return;
        }
        if (holders().isEmpty() && !restored) {
            open(null); // a new hub, or one nobody follows: nothing can hold a later log
            return;
        }
        blocked = "this node is checking with the nodes that hold its log that it has its whole log before it"
                + " signs anything (rollback protection)";
        nextAttempt = clock.instant();
        timer.execute(this::attempt);
    }

    /** Whether writes that sign are allowed now. */
    public boolean writable() {
        return blocked == null;
    }

    /** Why writes wait, or null when they do not. */
    public String reason() {
        return blocked;
    }

    /**
     * Throws the 503 problem admin writes answer while the check has not passed (the publisher calls
     * this before it signs anything).
     */
    public void requireWritable() {
        String why = blocked;
        if (why != null) {
            throw new BusyException("writes wait: " + why, retryAfterSeconds());
        }
    }

    /** Runs {@code action} once writes are allowed: now, or on the check's thread when it passes. */
    public void whenWritable(Runnable action) {
        if (writable()) {
            action.run();
            return;
        }
        whenWritable.add(action);
        if (writable() && whenWritable.remove(action)) {
            action.run();
        }
    }

    /** Waits up to {@code timeout} for writes to be allowed. */
    public boolean awaitWritable(Duration timeout) throws InterruptedException {
        return writable() || opened.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A peer holds this hub's log further than this node does (seen by a pull): stop signing and catch up
     * again, so this node never signs a second envelope at a seq it already signed.
     */
    void ownHeadAhead(HubId peer, long remoteHead) {
        long local = log.head(config.self());
        if (remoteHead <= local || timer == null || !enabled) {
            return;
        }
        synchronized (this) {
            if (blocked != null) {
                return;
            }
            LOG.error(
                    "peer {} holds this hub's log up to seq {} but this node only up to {}: writes stop until the"
                            + " missing envelopes are pulled back",
                    peer,
                    remoteHead,
                    local);
            blocked = "peer " + peer + " holds this hub's log up to seq " + remoteHead + " but this node only up to "
                    + local + ": pulling the missing envelopes back before signing anything";
            startedAt = clock.instant();
            failures = 0;
            nextAttempt = clock.instant();
            timer.execute(this::attempt);
        }
    }

    private long retryAfterSeconds() {
        Instant next = nextAttempt;
        long ms = next == null ? 1000 : Duration.between(clock.instant(), next).toMillis();
        return Math.max(1, (ms + 999) / 1000);
    }

    /**
     * A node that may hold this hub's log, and where to ask it. A follower (an active subscriber) holds
     * it for sure; another peer only if some relay gave it this hub's log, so its silence holds nothing
     * up.
     */
    private record Holder(HubId hub, String url, boolean follower) {}

    private List<Holder> holders() {
        Map<HubId, Holder> byHub = new LinkedHashMap<>();
        for (SubscriberStore.Subscriber s : subscribers.list()) {
            if (s.status() == SubscriberStore.Status.ACTIVE) {
                // Its pinned URL when it is a peer (the inbox may be behind another path).
                String url = peers.find(s.hub()).map(PeerStore.Peer::url).orElse(baseOf(s.inbox()));
                byHub.put(s.hub(), new Holder(s.hub(), url, true));
            }
        }
        for (PeerStore.Peer p : peers.list()) {
            byHub.putIfAbsent(p.hub(), new Holder(p.hub(), p.url(), false));
        }
        return new ArrayList<>(byHub.values());
    }

    /** A subscriber's base URL from its inbox URL (inboxes are {@code BASE/v1/inbox}). */
    static String baseOf(String inbox) {
        String suffix = "/v1/inbox";
        return inbox.endsWith(suffix) ? inbox.substring(0, inbox.length() - suffix.length()) + "/" : inbox;
    }

    private void attempt() {
        String stillBlocked;
        try {
            stillBlocked = check();
        } catch (RuntimeException e) {
            LOG.error("rollback check failed unexpectedly", e);
            stillBlocked = "the check failed unexpectedly (" + PeerClient.reason(e) + "); retrying";
        }
        if (stillBlocked == null) {
            open(null);
            return;
        }
        failures++;
        Duration delay = backoff.delay(failures, ThreadLocalRandom.current()::nextDouble);
        nextAttempt = clock.instant().plus(delay);
        blocked = stillBlocked;
        if (failures == 1 || failures % 10 == 0) {
            LOG.warn("writes wait: {} (next try in {} ms)", stillBlocked, delay.toMillis());
        }
        try {
            timer.schedule(this::attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // The node is stopping.
        }
    }

    /** One round: null when writes may go ahead, else why not. */
    private String check() {
        HubId self = config.self();
        List<Holder> holders = holders();
        if (holders.isEmpty()) {
            return "this node was restored from a backup that names no node holding this hub's log, so it"
                    + " cannot check that the backup is its latest state; if no other node follows this hub, start"
                    + " once with --rollback-check false (or recover with 'tsunagu init --recover-from URL')";
        }
        Map<Holder, CompletableFuture<Long>> asked = new LinkedHashMap<>();
        for (Holder h : holders) {
            asked.put(
                    h, CompletableFuture.supplyAsync(() -> client.feeds(h.url()).getOrDefault(self, -1L), askers));
        }
        Map<Holder, Long> heads = new LinkedHashMap<>();
        List<String> unreachable = new ArrayList<>();
        List<String> followersUnreachable = new ArrayList<>();
        for (Map.Entry<Holder, CompletableFuture<Long>> a : asked.entrySet()) {
            try {
                heads.put(a.getKey(), a.getValue().join());
            } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                String why = a.getKey().hub() + " (" + PeerClient.reason(e) + ")";
                unreachable.add(why);
                if (a.getKey().follower()) {
                    followersUnreachable.add(why);
                }
            }
        }
        boolean restored = marker != null && Files.exists(marker);
        boolean followers = holders.stream().anyMatch(Holder::follower);
        if (heads.isEmpty() && (followers || restored)) {
            return "none of the " + holders.size() + " nodes that hold this hub's log answered, so this node cannot"
                    + " tell whether it holds its whole log: " + String.join("; ", unreachable);
        }
        long local = log.head(self);
        List<Map.Entry<Holder, Long>> byHead = new ArrayList<>(heads.entrySet());
        byHead.sort(Map.Entry.<Holder, Long>comparingByValue(Comparator.reverseOrder()));
        long highest = byHead.isEmpty() ? 0 : byHead.get(0).getValue();
        for (Map.Entry<Holder, Long> h : byHead) {
            if (h.getValue() <= local) {
                break;
            }
            String fault = pullBack(h.getKey(), h.getValue());
            if (fault != null) {
                return fault;
            }
            local = log.head(self);
        }
        if (local < highest) {
            return byHead.get(0).getKey().hub() + " holds this hub's log up to seq " + highest + " but only seq "
                    + local + " could be pulled back; retrying";
        }
        if (!followersUnreachable.isEmpty()) {
            boolean anyHolds = heads.values().stream().anyMatch(seq -> seq > 0);
            Duration grace = config.requestTimeout().multipliedBy(3);
            if (!anyHolds || clock.instant().isBefore(startedAt.plus(grace))) {
                return "waiting for " + followersUnreachable.size() + " of the " + holders.size()
                        + " nodes that hold this hub's log to answer: " + String.join("; ", followersUnreachable);
            }
        }
        if (!unreachable.isEmpty()) {
            LOG.warn(
                    "rollback check: going ahead at seq {} without {} (unreachable): if one of them holds a later"
                            + " envelope of this hub, it will halt this hub",
                    local,
                    String.join("; ", unreachable));
        }
        return null;
    }

    /** Pulls this hub's own envelopes back from {@code holder}; null, or what went wrong. */
    private String pullBack(Holder holder, long remoteHead) {
        HubId self = config.self();
        long local = log.head(self);
        while (local < remoteHead) {
            List<Envelope> page;
            try {
                page = client.feed(holder.url(), self, local, config.pullPage());
            } catch (PeerException e) {
                return "cannot pull this hub's own log back from " + holder.hub() + ": " + e.getMessage();
            }
            if (page.isEmpty()) {
                break;
            }
            IngestResult r = log.ingest("pull", page);
            alerts.report(holder.hub().value(), "rollback check", r);
            if (!r.equivocations().isEmpty()) {
                return holder.hub() + " holds a different envelope of this hub at seq "
                        + r.equivocations().get(0).seq() + " than this node: this hub already signed two envelopes"
                        + " at one seq (see /admin/v1/halts); writes stay stopped until an admin resolves it";
            }
            long now = log.head(self);
            if (now <= local) {
                String why = r.rejected().isEmpty()
                        ? "no progress"
                        : r.rejected().get(0).message();
                return "this hub's own envelopes from " + holder.hub() + " after seq " + local + " were refused: "
                        + why;
            }
            LOG.info("rollback check: pulled this hub's log back from {} up to seq {}", holder.hub(), now);
            local = now;
        }
        return null;
    }

    private void open(String note) {
        blocked = null;
        nextAttempt = null;
        Path m = marker;
        if (m != null) {
            try {
                Files.deleteIfExists(m);
            } catch (IOException e) {
                LOG.warn("could not delete {}: {}", m, e.getClass().getSimpleName());
            }
        }
        if (note == null && failures > 0) {
            LOG.warn(
                    "rollback check passed: this node holds its log up to seq {}; writes are allowed",
                    log.head(config.self()));
        }
        failures = 0;
        opened.countDown();
        for (Runnable r : whenWritable) {
            if (whenWritable.remove(r)) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.error("a write waiting for the rollback check failed", e);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            askers.shutdownNow();
        }
    }
}
