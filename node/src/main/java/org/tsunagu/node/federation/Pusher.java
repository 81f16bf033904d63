package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.node.api.ProtocolVersions;
import org.tsunagu.protocol.HubId;

/**
 * Drains every active subscriber's outbox to its inbox. One scheduler thread builds batches (per origin
 * in seq order, so order per peer is kept) and sends them asynchronously, at most one request in flight
 * per subscriber: a peer that hangs or fails holds only its own queue, behind its own backoff and
 * circuit breaker, and slows no one else. Progress is stored only when the peer accepted a batch, so
 * the queue survives restarts and a lost answer means a harmless resend of duplicates.
 */
final class Pusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pusher.class);

    private final FederationConfig config;
    private final NodeLog log;
    private final long stuckAfterMs;
    private volatile Sender sender;
    private final SubscriberStore subscribers;
    private final Alerts alerts;
    private final Clock clock;
    private final ScheduledExecutorService loop;
    private final Map<HubId, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    /** The push in flight to each subscriber, at most one: a new one waits for it to end. */
    private final Map<HubId, Attempt> inFlight = new ConcurrentHashMap<>();

    private final AtomicBoolean wakePending = new AtomicBoolean();
    /** Erases sent ahead of one origin's backlog per batch, at most. */
    private static final int MAX_ERASES_AHEAD = 16;

    private final java.util.Set<String> versionHeld = ConcurrentHashMap.newKeySet();

    /**
     * Subscribers a round found with nothing to send, with the heads of the origins they take as they
     * were then (loop thread only). While those heads stay the same such a subscriber still has nothing
     * to send, since what was delivered only grows: its outbox is not read again. A hub in a full mesh
     * has some 60 subscribers that each take its own origin alone, and every envelope it took from any
     * peer woke a round that read all 60 outboxes for nothing (issue 14).
     */
    private final Map<HubId, CaughtUp> caughtUp = new HashMap<>();

    private record CaughtUp(OriginFilter origins, Map<HubId, Long> heads) {}

    Pusher(
            FederationConfig config,
            NodeLog log,
            PeerClient client,
            SubscriberStore subscribers,
            Alerts alerts,
            Clock clock) {
        this.config = config;
        this.log = log;
        this.sender = client::push;
        // A push ends within the request deadline (PeerClient cancels it then); one that has not ended
        // well after it lost its completion, and holding its place would stop this subscriber's pushes
        // for good (seen once in a 60-hub region run: six subscribers of a forum starved of heap were
        // never pushed to again, with no error and no connection, until a restart).
        this.stuckAfterMs = 2 * config.limits().requestDeadline().toMillis();
        this.subscribers = subscribers;
        this.alerts = alerts;
        this.clock = clock;
        this.loop = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Puller.daemon("tsunagu-push"));
    }

    void start() {
        long every = config.pushPollInterval().toMillis();
        loop.scheduleWithFixedDelay(this::pollQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The poll reads the outboxes only when something may have changed since the last round found
     * nothing to send: a wake, a backoff or an open circuit coming due, a push ending, or the safety
     * round every {@link #SAFETY_ROUNDS} polls (5 s by default). At rest a hub followed by 30 nodes had
     * run some 130 queries a second here for nothing (issue 14: a region of 62 nodes on two cores).
     */
    private void pollQuietly() {
        long now = clock.millis();
        if (!changed
                && now < nextDueMs
                && now - lastRoundMs < SAFETY_ROUNDS * config.pushPollInterval().toMillis()) {
            return;
        }
        tickQuietly();
    }

    /** Every this many polls the outboxes are read anyway, whatever said nothing changed. */
    static final int SAFETY_ROUNDS = 20;

    /** Rounds that read the outboxes so far (for tests: at rest, one per safety round). */
    long rounds() {
        return rounds.get();
    }

    private final java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();

    /** Subscribers' outboxes read so far, one query each (for tests: see {@link #caughtUp}). */
    long outboxReads() {
        return outboxReads.get();
    }

    private final java.util.concurrent.atomic.AtomicLong outboxReads = new java.util.concurrent.atomic.AtomicLong();

    /** Set by whatever may give the pusher work; cleared when a round starts (only the loop thread reads it). */
    private volatile boolean changed = true;

    /** When the earliest subscriber held back by its backoff or circuit may be tried again. */
    private long nextDueMs;

    private long lastRoundMs;

    /** Something new was stored: look at the outboxes now rather than at the next poll. */
    void wake() {
        changed = true;
        if (wakePending.compareAndSet(false, true)) {
            try {
                loop.execute(() -> {
                    wakePending.set(false);
                    tickQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                wakePending.set(false);
            }
        }
    }

    /** {@code subscriber} is up again: forget its open circuit and push now (its backoff was lifted). */
    void retryNow(HubId subscriber) {
        breakers.remove(subscriber);
        wake();
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("push round failed", e);
        }
    }

    private void tick() {
        rounds.incrementAndGet();
        changed = false;
        long now = clock.millis();
        lastRoundMs = now;
        nextDueMs = Long.MAX_VALUE;
        List<SubscriberStore.Subscriber> active = subscribers.active();
        caughtUp.keySet()
                .retainAll(active.stream()
                        .map(SubscriberStore.Subscriber::hub)
                        .collect(java.util.stream.Collectors.toSet()));
        if (active.isEmpty()) {
            return;
        }
        Map<HubId, Long> heads = log.heads();
        List<HubId> origins = new ArrayList<>(heads.keySet());
        origins.sort(java.util.Comparator.comparing(HubId::value));
        LastPage pages = new LastPage();
        for (SubscriberStore.Subscriber s : active) {
            if (stillInFlight(s.hub(), now)) {
                continue; // its end sets changed
            }
            if (now < s.nextAttemptMs()) {
                nextDueMs = Math.min(nextDueMs, s.nextAttemptMs());
                continue;
            }
            Map<HubId, Long> taken = headsTaken(s, origins, heads);
            CaughtUp seen = caughtUp.get(s.hub());
            if (seen != null
                    && seen.origins().equals(s.origins())
                    && seen.heads().equals(taken)) {
                continue;
            }
            Batch batch = batch(s, origins, heads, pages);
            if (batch.lines.isEmpty()) {
                if (batch.caughtUp) {
                    caughtUp.put(s.hub(), new CaughtUp(s.origins(), taken));
                } else {
                    caughtUp.remove(s.hub());
                }
                continue;
            }
            caughtUp.remove(s.hub());
            CircuitBreaker breaker = breakers.computeIfAbsent(
                    s.hub(), h -> new CircuitBreaker(config.breakerThreshold(), config.breakerOpenFor(), clock));
            if (!breaker.allowRequest()) {
                nextDueMs = Math.min(nextDueMs, now + config.breakerOpenFor().toMillis());
                continue;
            }
            Attempt attempt = new Attempt(now);
            inFlight.put(s.hub(), attempt);
            java.util.concurrent.CompletableFuture<JsonNode> sent;
            try {
                sent = sender.push(s.inbox(), batch.lines);
            } catch (RuntimeException e) {
                sent = java.util.concurrent.CompletableFuture.failedFuture(e); // ends as a failed push
            }
            sent.whenComplete((report, error) -> {
                try {
                    loop.execute(() -> finish(s, attempt, breaker, batch, report, error));
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    inFlight.remove(s.hub(), attempt);
                }
            });
        }
    }

    /**
     * @param caughtUp true when the subscriber had been delivered every head it takes (nothing held back,
     *     by size or by version)
     */
    private record Batch(List<String> lines, Map<HubId, Long> upTo, boolean caughtUp) {}

    /** The heads of the origins {@code s} takes from this node: those its filter names, but its own. */
    private static Map<HubId, Long> headsTaken(
            SubscriberStore.Subscriber s, List<HubId> origins, Map<HubId, Long> heads) {
        Map<HubId, Long> taken = new HashMap<>();
        for (HubId origin : origins) {
            if (!origin.equals(s.hub()) && s.origins().matches(origin)) {
                taken.put(origin, heads.get(origin));
            }
        }
        return taken;
    }

    /** Sends one batch of envelope lines to a subscriber's inbox; completes with its ingest report. */
    @FunctionalInterface
    interface Sender {
        java.util.concurrent.CompletableFuture<JsonNode> push(String inboxUrl, List<String> lines);
    }

    /** One push in flight: its own identity, so only it can end its place, and when it began. */
    private static final class Attempt {
        final long startedMs;

        Attempt(long startedMs) {
            this.startedMs = startedMs;
        }
    }

    /** For tests: sends through {@code wrap} applied to the current sender (a peer whose answer is lost). */
    void interceptSends(java.util.function.UnaryOperator<Sender> wrap) {
        sender = wrap.apply(sender);
    }

    /**
     * Whether a push is still in flight to {@code hub}. One that began longer than {@link #stuckAfterMs} ago
     * is given up (its late end, if any, is ignored but for a delivery it reports) and the batch is built
     * and sent again: the subscriber takes duplicates harmlessly.
     */
    private boolean stillInFlight(HubId hub, long now) {
        Attempt attempt = inFlight.get(hub);
        if (attempt == null) {
            return false;
        }
        long giveUpAt = attempt.startedMs + stuckAfterMs;
        if (now < giveUpAt) {
            nextDueMs = Math.min(nextDueMs, giveUpAt);
            return true;
        }
        if (inFlight.remove(hub, attempt)) {
            LOG.warn(
                    "push to {} has not ended {} ms after it began, twice its deadline: sending again",
                    hub,
                    now - attempt.startedMs);
            // Lost counts as failed: were it a half-open circuit's probe, the circuit would otherwise wait
            // for its end for good (its late end, given up on, no longer reaches the breaker).
            CircuitBreaker breaker = breakers.get(hub);
            if (breaker != null) {
                breaker.recordFailure();
            }
        }
        return false;
    }

    /**
     * The last page of a log a push round read. Subscribers at the same place in a log come one after
     * the other (a full mesh's all take the hub's own origin, and are all at its head but for the last
     * write) and share one read, and its very strings let the client make and hash their push body once
     * ({@link PeerClient#push}). One page only: a round over a forum's 60 subscribers at 60 different
     * places would otherwise hold 60 pages of up to 256 KiB at once.
     */
    private final class LastPage {
        private HubId origin;
        private long after;
        private int limit;
        private List<String> page;
        /** Each line's UTF-8 length plus its newline, measured once for every subscriber (-1: not yet). */
        private int[] sizes;

        List<String> read(HubId origin, long after, int limit) {
            if (page == null || !origin.equals(this.origin) || after != this.after || limit != this.limit) {
                this.page = log.feed(origin, after, limit);
                this.sizes = new int[page.size()];
                java.util.Arrays.fill(sizes, -1);
                this.origin = origin;
                this.after = after;
                this.limit = limit;
            }
            return page;
        }

        /** The size line {@code i} of the page {@link #read} last returned takes in a push body. */
        int size(int i) {
            if (sizes[i] < 0) {
                sizes[i] = utf8Length(page.get(i)) + 1;
            }
            return sizes[i];
        }
    }

    private Batch batch(SubscriberStore.Subscriber s, List<HubId> origins, Map<HubId, Long> heads, LastPage pages) {
        Map<HubId, Long> delivered = null;
        Boolean readsV2 = null;
        boolean behind = false;
        List<String> ahead = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Map<HubId, Long> upTo = new LinkedHashMap<>();
        long bytes = 0;
        for (HubId origin : origins) {
            if (lines.size() >= config.pushBatch()) {
                break;
            }
            // Echo suppression: a subscriber already holds its own log.
            if (origin.equals(s.hub()) || !s.origins().matches(origin)) {
                continue;
            }
            if (delivered == null) {
                delivered = subscribers.delivered(s.hub());
                outboxReads.incrementAndGet();
            }
            long from = delivered.getOrDefault(origin, 0L);
            if (heads.get(origin) <= from) {
                continue;
            }
            behind = true;
            int limit = config.pushBatch() - lines.size();
            List<String> page = pages.read(origin, from, limit);
            if (readsV2 == null) {
                readsV2 = subscribers.readsV2(s.hub());
            }
            int taken = 0;
            boolean versionStop = false;
            for (int i = 0; i < page.size(); i++) {
                String line = page.get(i);
                if (!readsV2 && ProtocolVersions.isVersion2(line)) {
                    // SPEC §10.4: never a version 2 envelope to a subscriber that did not declare it.
                    versionStop = true;
                    behindOnVersion(s.hub(), origin, from + taken + 1);
                    break;
                }
                // Stay under the receiver's body limit (SPEC: 256 KiB a message), counting the line's
                // real UTF-8 bytes: three per char, the bound this once assumed, let a batch of typical
                // ~800-byte envelopes hold about a hundred, and a 1,000-record import took ten round trips
                // to reach a follower (issue 14).
                int size = pages.size(i);
                if (bytes + size > config.inboxMaxBytes() && !lines.isEmpty()) {
                    break;
                }
                lines.add(line);
                bytes += size;
                taken++;
            }
            if (taken > 0) {
                upTo.put(origin, from + taken);
            }
            if (readsV2 && from > 0 && heads.get(origin) > from + taken) {
                // Issue 13: an erasure goes ahead of the backlog. The subscriber keeps an org.erase that
                // arrives beyond a gap and stores the envelopes it covers redacted when they come (SPEC
                // §6.9); it is sent again in its place later, a harmless duplicate.
                for (String erase : log.erasesAhead(origin, from + taken, MAX_ERASES_AHEAD)) {
                    ahead.add(erase);
                }
            }
            if (taken < page.size() && !versionStop) {
                break;
            }
        }
        if (!ahead.isEmpty()) {
            ahead.addAll(lines);
            return new Batch(ahead, upTo, false);
        }
        return new Batch(lines, upTo, !behind);
    }

    /** The length of {@code s} in UTF-8, without encoding it. */
    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isSurrogate(c)) {
                bytes += 2; // a pair is four bytes; a lone surrogate becomes '?' (1), so this overcounts
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Tells this node's admin, once per subscriber and origin, that a version 1 reader is held back. */
    private void behindOnVersion(HubId subscriber, HubId origin, long seq) {
        if (!versionHeld.add(subscriber.value() + " " + origin.value())) {
            return; // said once; every push round finds the same
        }
        alerts.peerFailed(
                subscriber.value(),
                "push",
                "it did not declare protocol version 2 (" + ProtocolVersions.HEADER + "), so pushes of " + origin
                        + " stop before seq " + seq + ", a version 2 envelope; it must upgrade to follow",
                true);
    }

    private void finish(
            SubscriberStore.Subscriber s,
            Attempt attempt,
            CircuitBreaker breaker,
            Batch batch,
            JsonNode report,
            Throwable error) {
        changed = true;
        if (!inFlight.remove(s.hub(), attempt)) {
            // Given up on as lost (stillInFlight); a newer push holds the place. Its delivery is still
            // true (stored progress only ever grows); its failure is the newer push's to count.
            if (error == null) {
                subscribers.delivered(s.hub(), new HashMap<>(batch.upTo));
            }
            return;
        }
        if (error == null) {
            breaker.recordSuccess();
            subscribers.delivered(s.hub(), new HashMap<>(batch.upTo));
            JsonNode rejected = report == null ? null : report.get("rejected");
            if (rejected != null && rejected.isArray() && !rejected.isEmpty()) {
                LOG.warn("push to {}: the subscriber rejected {} envelopes", s.hub(), rejected.size());
            }
            wake();
            return;
        }
        // Counted on from the count stored now, not the one this push began with: a subscriber that
        // restarted re-confirmed meanwhile and that reset it, and the stale count's backoff (seconds, after
        // a few failed pushes while it was down) held its live pushes back after a busy answer.
        int failures = subscribers
                        .find(s.hub())
                        .map(SubscriberStore.Subscriber::failures)
                        .orElse(s.failures())
                + 1;
        Duration delay = config.backoff().delay(failures, ThreadLocalRandom.current()::nextDouble);
        Optional<PeerException> answer = PeerException.in(error);
        if (answer.isPresent()) {
            delay = answer.get().nextTry(delay); // a busy subscriber's Retry-After is a floor
        }
        // A busy subscriber (503, 429) is alive: it backs this push off, but opens no dead-peer circuit and
        // raises no alert (one that just restarted answers busy while it pulls the same envelopes).
        boolean busy = answer.map(PeerException::busy).orElse(false);
        if (busy) {
            // An answer all the same: the subscriber is up, so its circuit closes. Left alone, a half-open
            // circuit whose probe came back busy waited for that probe's end for good, and pushes to the
            // subscriber stopped without a word until a restart or its next pull (issue 14: in a region
            // run with hourly pulls, 6 of 60 hubs were left hundreds of envelopes short).
            breaker.recordSuccess();
        } else {
            breaker.recordFailure();
        }
        String reason = PeerClient.reason(error);
        subscribers.failed(s.hub(), failures, clock.millis() + delay.toMillis(), reason);
        // One alert per outage (the first failure after a delivery), not one per retry.
        alerts.peerFailed(
                s.hub().value(), "push", reason + "; retry in " + delay.toMillis() + " ms", failures == 1 && !busy);
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
