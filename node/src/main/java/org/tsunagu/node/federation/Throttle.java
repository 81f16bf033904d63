package org.tsunagu.node.federation;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Lets an action run at most once per {@code gap}, however often it is asked for. Thread-safe. */
final class Throttle {
    private final long gapMs;
    private final Clock clock;
    private final AtomicLong lastMs = new AtomicLong(Long.MIN_VALUE);

    Throttle(Duration gap, Clock clock) {
        this.gapMs = gap.toMillis();
        this.clock = clock;
    }

    /** True (and the gap starts again) when the action may run now. */
    boolean tryAcquire() {
        long now = clock.millis();
        long last = lastMs.get();
        return (last == Long.MIN_VALUE || now - last >= gapMs) && lastMs.compareAndSet(last, now);
    }
}
