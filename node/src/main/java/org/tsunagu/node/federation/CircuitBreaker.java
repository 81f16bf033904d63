package org.tsunagu.node.federation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Per-peer dead-peer breaker: after {@code threshold} consecutive failures the circuit opens and no
 * request is attempted until {@code openFor} has passed; then one probe is let through (half-open). A
 * success closes it. Not thread-safe: each breaker is owned by the one worker serving its peer.
 */
final class CircuitBreaker {
    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private Instant openedAt;
    private boolean probing;

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold >= 1");
        }
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    State state() {
        if (openedAt == null) {
            return State.CLOSED;
        }
        return probing || clock.instant().isBefore(openedAt.plus(openFor)) ? State.OPEN : State.HALF_OPEN;
    }

    /** True when a request may be sent now; in half-open state only one probe at a time. */
    boolean allowRequest() {
        State s = state();
        if (s == State.HALF_OPEN) {
            probing = true;
            return true;
        }
        return s == State.CLOSED;
    }

    void recordSuccess() {
        failures = 0;
        openedAt = null;
        probing = false;
    }

    void recordFailure() {
        failures++;
        probing = false;
        if (failures >= threshold) {
            openedAt = clock.instant();
        }
    }

    int failures() {
        return failures;
    }
}
