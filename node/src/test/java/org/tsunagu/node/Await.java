package org.tsunagu.node;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The one way tests wait: poll a condition on real state until it holds or a deadline passes, never a
 * fixed sleep. Every test package uses it (federation's {@code FederationFixtures.await} delegates
 * here), so a deadline or poll change happens in one place.
 */
public final class Await {
    /** Enough for one node, or two on loopback, on a loaded machine. */
    public static final Duration DEFAULT = Duration.ofSeconds(15);

    private static final long POLL_MILLIS = 5;

    private Await() {}

    /** Waits until {@code condition} holds, at most {@link #DEFAULT}; fails naming {@code what}. */
    public static void until(String what, BooleanSupplier condition) {
        until(DEFAULT, what, condition);
    }

    /** Waits until {@code condition} holds, at most {@code timeout}; fails naming {@code what}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
