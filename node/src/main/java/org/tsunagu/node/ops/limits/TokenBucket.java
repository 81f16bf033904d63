package org.tsunagu.node.ops.limits;

/**
 * One token bucket. Not thread-safe on its own: {@link RateLimiter} calls it under its lock. Time is
 * passed in (nanoseconds from any fixed origin), so tests need no sleeps.
 */
final class TokenBucket {
    private static final double NANOS = 1_000_000_000.0;

    private final RateLimit limit;
    private double tokens;
    private long updated;

    TokenBucket(RateLimit limit, long now) {
        this.limit = limit;
        this.tokens = limit.burst();
        this.updated = now;
    }

    /** Takes a token: 0 when there was one, else the nanoseconds until there will be. */
    long take(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return waitFor(1 - tokens);
    }

    /** Takes a token even if none is left (a debt paid back by later refills), down to one burst of debt. */
    void charge(long now) {
        refill(now);
        tokens = Math.max(tokens - 1, -limit.burst());
    }

    /** Nanoseconds until a token is available; 0 when one is. */
    long waitNanos(long now) {
        refill(now);
        return tokens >= 1 ? 0 : waitFor(1 - tokens);
    }

    private long waitFor(double missing) {
        return (long) Math.ceil(missing / limit.perSecond() * NANOS);
    }

    private void refill(long now) {
        long elapsed = now - updated;
        if (elapsed > 0) {
            tokens = Math.min(limit.burst(), tokens + elapsed / NANOS * limit.perSecond());
            updated = now;
        }
    }
}
