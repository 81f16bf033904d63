package org.tsunagu.node.directory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Networks grouped by hub of a search, the costly kind: at a million organisations with half a
 * million partnerships a country's takes ~5 s of a core (issue 19). (The whole directory's, 16-21 s
 * counted that way, is kept by the writers instead: {@link HubPairCounts}, not here.) Two rules keep
 * that from being a way to take a node down (the endpoint is public) and from making every visitor
 * wait:
 *
 * <ul>
 *   <li>one is computed at a time: a request that finds another being computed waits a moment,
 *       then is told to retry ({@link NetworkBusyException}, a 503 with Retry-After), rather than starting a
 *       second one beside it on a two-core machine;
 *   <li>each is kept: asked again while nothing was written, it is answered at once; one that took
 *       {@code slow} or more is also answered from what was kept for {@code staleFor} after it was
 *       computed, even if writes came meanwhile (a forum receiving changes all day would otherwise
 *       recompute it for every visitor). A quick one is always recomputed after a write, so a small
 *       directory's network is always exact.
 * </ul>
 */
final class GroupedNetworks {
    /** A request that finds another network being computed is answered 503 after this wait. */
    static final Duration WAIT = Duration.ofSeconds(2);

    /** Seconds a refused request is asked to wait (Retry-After). */
    static final long RETRY_AFTER_SECONDS = 5;

    private static final int KEPT = 32;

    private final Duration slow;
    private final Duration staleFor;
    private final Duration wait;
    private final LongSupplier nanos;
    private final Semaphore computing = new Semaphore(1);
    private final Map<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > KEPT;
        }
    };

    private record Kept(Network network, long commits, long computedAtNanos, long tookNanos) {}

    GroupedNetworks(Duration slow, Duration staleFor, Duration wait, LongSupplier nanos) {
        this.slow = slow;
        this.staleFor = staleFor;
        this.wait = wait;
        this.nanos = nanos;
    }

    /** Kept for a minute when it took a second or more. */
    static GroupedNetworks standard() {
        return new GroupedNetworks(Duration.ofSeconds(1), Duration.ofMinutes(1), WAIT, System::nanoTime);
    }

    /**
     * {@code q}'s grouped network: kept, or computed by {@code compute} now.
     *
     * @param commits the database's commit count read before {@code compute} reads anything
     * @throws NetworkBusyException when another is being computed and does not end within the wait
     */
    Network get(OrganizationQuery q, int max, long commits, Supplier<Network> compute) {
        String key = key(q, max);
        Network usable = usable(key, commits);
        if (usable != null) {
            return usable;
        }
        boolean acquired;
        try {
            acquired = computing.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new NetworkBusyException(RETRY_AFTER_SECONDS);
        }
        try {
            usable = usable(key, commits); // the one that held us up may have been this very network
            if (usable != null) {
                return usable;
            }
            long start = nanos.getAsLong();
            Network network = compute.get();
            long end = nanos.getAsLong();
            synchronized (kept) {
                kept.put(key, new Kept(network, commits, end, end - start));
            }
            return network;
        } finally {
            computing.release();
        }
    }

    private Network usable(String key, long commits) {
        Kept k;
        synchronized (kept) {
            k = kept.get(key);
        }
        if (k == null) {
            return null;
        }
        if (k.commits() == commits) {
            return k.network();
        }
        boolean costly = k.tookNanos() >= slow.toNanos();
        return costly && nanos.getAsLong() - k.computedAtNanos() < staleFor.toNanos() ? k.network() : null;
    }

    /** The query's filters, without its page (cursor and limit do not change a network). */
    private static String key(OrganizationQuery q, int max) {
        return String.join(
                "\n",
                String.valueOf(q.q()),
                String.valueOf(q.country()),
                String.valueOf(q.sector()),
                String.valueOf(q.language()),
                String.valueOf(q.hub()),
                String.valueOf(q.operatesIn()),
                Integer.toString(max));
    }
}
