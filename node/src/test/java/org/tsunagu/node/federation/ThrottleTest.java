package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tsunagu.node.ops.MutableClock;

class ThrottleTest {
    @Test
    void tryAcquire_manyCallsWithinGap_onlyFirstThenAgainAfterGap() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T02:00:00Z"));
        Throttle throttle = new Throttle(Duration.ofSeconds(10), clock);
        assertTrue(throttle.tryAcquire());
        for (int i = 0; i < 100; i++) {
            assertFalse(throttle.tryAcquire());
        }
        clock.advance(Duration.ofMillis(9_999));
        assertFalse(throttle.tryAcquire());
        clock.advance(Duration.ofMillis(1));
        assertTrue(throttle.tryAcquire());
        assertFalse(throttle.tryAcquire());
    }
}
