package org.tsunagu.node.ops.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.tsunagu.protocol.HubId;

/**
 * How far this node is behind the peers it pulls from, per origin: the envelopes a peer advertised in
 * its feed heads that are not held here yet, and for how long this node has been behind. Fed by the
 * puller each time it reads a peer's heads.
 */
public final class PullLag {
    static final String ENVELOPES = "tsunagu.pull.lag.envelopes";
    static final String SECONDS = "tsunagu.pull.lag.seconds";

    private final MeterRegistry registry;
    private final ToLongFunction<HubId> localHead;
    private final Clock clock;
    private final Map<HubId, Origin> origins = new ConcurrentHashMap<>();

    /** What is known of one origin elsewhere. */
    private final class Origin {
        final HubId id;
        volatile long remoteHead;
        volatile Instant behindSince;

        Origin(HubId id) {
            this.id = id;
        }

        synchronized void advertised(long head, Instant now) {
            remoteHead = Math.max(remoteHead, head);
            if (behindSince == null && envelopes() > 0) {
                behindSince = now;
            }
        }

        long envelopes() {
            return Math.max(0, remoteHead - localHead.applyAsLong(id));
        }

        synchronized double seconds() {
            if (envelopes() == 0) {
                behindSince = null;
                return 0;
            }
            Instant since = behindSince == null ? clock.instant() : behindSince;
            return Duration.between(since, clock.instant()).toMillis() / 1000.0;
        }
    }

    /** @param localHead the seq of the origin's head held here (0 when none) */
    public PullLag(MeterRegistry registry, ToLongFunction<HubId> localHead, Clock clock) {
        this.registry = registry;
        this.localHead = localHead;
        this.clock = clock;
    }

    /** A peer's feed heads, as read by a pull: origin to head seq. */
    public void observed(HubId peer, Map<HubId, Long> heads) {
        Instant now = clock.instant();
        heads.forEach((origin, head) ->
                origins.computeIfAbsent(origin, this::register).advertised(head, now));
    }

    /**
     * The newest head seq any followed peer advertised for {@code origin}, if one did (the hubs page
     * subtracts this node's head from it).
     */
    public Optional<Long> remoteHead(HubId origin) {
        Origin known = origins.get(origin);
        return known == null ? Optional.empty() : Optional.of(known.remoteHead);
    }

    private Origin register(HubId id) {
        Origin origin = new Origin(id);
        Gauge.builder(ENVELOPES, origin, Origin::envelopes)
                .description("Envelopes of the origin that a followed peer holds and this node does not yet")
                .tag("origin", id.value())
                .strongReference(true)
                .register(registry);
        Gauge.builder(SECONDS, origin, Origin::seconds)
                .description("How long this node has been behind a followed peer for the origin (0 = caught up)")
                .tag("origin", id.value())
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        return origin;
    }
}
