package org.tsunagu.node.federation;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter, capped: the delay before attempt {@code n+1} after {@code n}
 * consecutive failures is uniform in [base·2^(n−1)/2, min(cap, base·2^(n−1))]. The cap is minutes, so a
 * peer that comes back is reached again within minutes, never after a day-long cliff; the jitter keeps
 * many senders from retrying in lockstep.
 */
record Backoff(Duration base, Duration cap) {
    Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap");
        }
    }

    /** Default for production: 1 s doubling up to 3 minutes. */
    static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(3));
    }

    /**
     * @param failures consecutive failures so far (≥ 1)
     * @param random uniform in [0, 1)
     */
    Duration delay(int failures, DoubleSupplier random) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        long baseMs = base.toMillis();
        long capMs = cap.toMillis();
        // Shift guarded so a long outage cannot overflow into a negative delay.
        int shift = Math.min(failures - 1, 30);
        long ceiling = baseMs > (capMs >> shift) ? capMs : Math.min(capMs, baseMs << shift);
        long floor = ceiling / 2;
        return Duration.ofMillis(floor + (long) (random.getAsDouble() * (ceiling - floor + 1)));
    }
}
