package org.tsunagu.node.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Grouped networks: one computed at a time, kept until a write (or a while, when costly). */
class GroupedNetworksTest {
    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger computed = new AtomicInteger();
    private final GroupedNetworks networks =
            new GroupedNetworks(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMillis(50), clock::get);

    private static OrganizationQuery country(String cc) {
        return new OrganizationQuery(null, cc, null, null, null, 20, null, null);
    }

    /** A computation that takes {@code took} on the test's clock. */
    private Supplier<Network> taking(Duration took) {
        return () -> {
            computed.incrementAndGet();
            clock.addAndGet(took.toNanos());
            return new Network(Network.HUB, 500, List.of(), List.of());
        };
    }

    @Test
    void quickNetwork_keptUntilAWrite_thenComputedAgain() {
        Network first = networks.get(country("TH"), 500, 7, taking(Duration.ofMillis(10)));
        assertSame(first, networks.get(country("TH"), 500, 7, taking(Duration.ofMillis(10))));
        assertEquals(1, computed.get());
        networks.get(country("TH"), 500, 8, taking(Duration.ofMillis(10)));
        assertEquals(2, computed.get(), "a write came: a quick network is exact again");
        networks.get(country("JP"), 500, 8, taking(Duration.ofMillis(10)));
        assertEquals(3, computed.get(), "another search is another network");
    }

    @Test
    void costlyNetwork_answeredFromWhatWasKeptForAMinuteDespiteWrites() {
        Network first = networks.get(country("TH"), 500, 7, taking(Duration.ofSeconds(5)));
        clock.addAndGet(Duration.ofSeconds(50).toNanos());
        assertSame(first, networks.get(country("TH"), 500, 9, taking(Duration.ofSeconds(5))));
        assertEquals(1, computed.get());
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        networks.get(country("TH"), 500, 9, taking(Duration.ofSeconds(5)));
        assertEquals(2, computed.get(), "older than a minute after writes: computed again");
    }

    @Test
    void secondComputationMeanwhile_refusedAsBusy_sameNetworkWaitsForTheFirst() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Network> first =
                CompletableFuture.supplyAsync(() -> networks.get(country("TH"), 500, 7, () -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    computed.incrementAndGet();
                    return new Network(Network.HUB, 500, List.of(), List.of());
                }));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        NetworkBusyException busy = assertThrows(
                NetworkBusyException.class, () -> networks.get(country("JP"), 500, 7, taking(Duration.ofMillis(10))));
        assertEquals(GroupedNetworks.RETRY_AFTER_SECONDS, busy.retryAfterSeconds());
        release.countDown();
        Network done = first.get(10, TimeUnit.SECONDS);
        assertSame(done, networks.get(country("TH"), 500, 7, taking(Duration.ofMillis(10))));
        assertEquals(1, computed.get(), "the refused one never started; the kept one was not recomputed");
    }
}
