package org.tsunagu.node.ops.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void take_burstThenEmpty_refusesWithTheWaitForOneToken() {
        RateLimiter<String> limiter = new RateLimiter<>(new RateLimit(2, 3), 100, now::get);
        assertEquals(0, limiter.take("a"));
        assertEquals(0, limiter.take("a"));
        assertEquals(0, limiter.take("a"));

        long wait = limiter.take("a");

        assertEquals(TimeUnit.MILLISECONDS.toNanos(500), wait);
        assertEquals(0, limiter.take("b"), "another key has its own bucket");
    }

    @Test
    void take_afterTimePasses_refillsAtTheRateUpToTheBurst() {
        RateLimiter<String> limiter = new RateLimiter<>(new RateLimit(2, 3), 100, now::get);
        for (int i = 0; i < 3; i++) {
            limiter.take("a");
        }
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertEquals(0, limiter.take("a"));
        assertEquals(0, limiter.take("a"));
        assertTrue(limiter.take("a") > 0, "only two tokens came back in one second");

        now.addAndGet(TimeUnit.HOURS.toNanos(1));
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.take("a"), "refilled, but never beyond the burst");
        }
        assertTrue(limiter.take("a") > 0);
    }

    @Test
    void charge_pastTheAllowance_leavesADebtToWaitOut() {
        RateLimiter<String> limiter = new RateLimiter<>(new RateLimit(1, 2), 100, now::get);
        for (int i = 0; i < 4; i++) {
            limiter.charge("peer");
        }
        assertEquals(TimeUnit.SECONDS.toNanos(3), limiter.waitNanos("peer"));
        assertEquals(0, limiter.waitNanos("unknown"), "waitNanos takes nothing and knows no stranger");
    }

    @Test
    void take_manyDistinctKeys_tableStaysBounded() {
        RateLimiter<Integer> limiter = new RateLimiter<>(new RateLimit(1, 1), 1_000, now::get);
        for (int i = 0; i < 100_000; i++) {
            limiter.take(i);
        }
        assertEquals(1_000, limiter.size());
    }

    @Test
    void take_recentlySeenKey_survivesEviction() {
        RateLimiter<Integer> limiter = new RateLimiter<>(new RateLimit(1, 1), 10, now::get);
        limiter.take(-1);
        for (int i = 0; i < 100; i++) {
            limiter.take(i);
            limiter.waitNanos(-1);
        }
        assertTrue(limiter.take(-1) > 0, "the busy key kept its (empty) bucket");
    }

    @Test
    void constructor_badShapes_refused() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RateLimit(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter<>(new RateLimit(1, 1), 0, now::get));
    }
}
