package org.tsunagu.node.ops.limits;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets by key (a client address, a peer's key id), in a table of bounded size: past {@code
 * maxKeys} the least recently seen key is forgotten, so no stream of new addresses can grow memory. A
 * forgotten key starts again with a full bucket, which errs towards letting a client through.
 */
public final class RateLimiter<K> {
    private final RateLimit limit;
    private final LongSupplier nanoTime;
    private final Map<K, TokenBucket> buckets;

    /** @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests) */
    public RateLimiter(RateLimit limit, int maxKeys, LongSupplier nanoTime) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1");
        }
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(Math.min(maxKeys, 1024), 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, TokenBucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /**
     * The ticker for a node running on {@code clock}: {@code System::nanoTime} (monotonic, immune to
     * wall-clock steps) on the system clock, the clock's own time otherwise, so a test that holds its
     * node's clock still also holds the limits still, however slowly a loaded machine runs it.
     */
    public static LongSupplier ticker(Clock clock) {
        if (clock.equals(Clock.systemUTC())) {
            return System::nanoTime;
        }
        return () -> {
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /** Takes a token for {@code key}: 0 when allowed, else the nanoseconds to wait before retrying. */
    public synchronized long take(K key) {
        long now = nanoTime.getAsLong();
        return buckets.computeIfAbsent(key, k -> new TokenBucket(limit, now)).take(now);
    }

    /** Counts a request already served against {@code key}, even past its allowance. */
    public synchronized void charge(K key) {
        long now = nanoTime.getAsLong();
        buckets.computeIfAbsent(key, k -> new TokenBucket(limit, now)).charge(now);
    }

    /** Nanoseconds {@code key} must wait before its next request; 0 when it may go now. Takes nothing. */
    public synchronized long waitNanos(K key) {
        TokenBucket bucket = buckets.get(key);
        return bucket == null ? 0 : bucket.waitNanos(nanoTime.getAsLong());
    }

    /** Keys currently tracked (for tests and metrics). */
    public synchronized int size() {
        return buckets.size();
    }
}
