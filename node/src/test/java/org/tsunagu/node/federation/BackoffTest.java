package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(3));

    @Test
    void delay_growsExponentiallyWithJitterWithinBounds() {
        assertEquals(Duration.ofMillis(500), backoff.delay(1, () -> 0.0));
        assertEquals(Duration.ofMillis(1000), backoff.delay(1, () -> 0.99999));
        assertEquals(Duration.ofMillis(2000), backoff.delay(3, () -> 0.0));
        assertEquals(Duration.ofMillis(4000), backoff.delay(3, () -> 0.99999));
    }

    @Test
    void delay_afterAnyNumberOfFailures_neverExceedsCap() {
        for (int n : new int[] {9, 20, 64, 10_000}) {
            Duration d = backoff.delay(n, () -> 0.99999);
            assertTrue(d.compareTo(Duration.ofMinutes(3)) <= 0, "after " + n + ": " + d);
            assertTrue(d.compareTo(Duration.ofSeconds(90)) >= 0, "after " + n + ": " + d);
        }
    }

    @Test
    void constructor_capBelowBase_throws() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-29T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void breaker_opensAfterThresholdThenLetsOneProbeThrough() {
        MutableClock clock = new MutableClock();
        CircuitBreaker b = new CircuitBreaker(2, Duration.ofSeconds(30), clock);
        b.recordFailure();
        assertTrue(b.allowRequest());
        b.recordFailure();
        assertEquals(CircuitBreaker.State.OPEN, b.state());
        assertTrue(!b.allowRequest());
        clock.now = clock.now.plusSeconds(31);
        assertTrue(b.allowRequest());
        assertTrue(!b.allowRequest(), "only one probe while half-open");
        b.recordSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, b.state());
    }
}
