package org.tsunagu.node.ops.limits;

/**
 * A token bucket's shape: {@code perSecond} tokens refill continuously up to {@code burst}; each request
 * takes one.
 */
public record RateLimit(double perSecond, int burst) {
    public RateLimit {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs perSecond > 0 and burst >= 1");
        }
    }
}
