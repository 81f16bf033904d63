package org.tsunagu.node.web;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tsunagu.protocol.HubId;

/**
 * The newest head seq of each origin that the peers this node pulls from have advertised, as read by
 * federation's pulls ({@code GET /v1/feeds}). The hubs page subtracts this node's own head from it to
 * say how many updates it is behind. Kept in memory: the next pull (at start, then every few minutes)
 * tells again.
 */
public final class AdvertisedHeads {
    private final Map<HubId, Long> heads = new ConcurrentHashMap<>();

    public AdvertisedHeads() {}

    /** A peer's feed heads, origin to head seq; an older head than one already seen changes nothing. */
    public void observed(HubId peer, Map<HubId, Long> advertised) {
        advertised.forEach((origin, seq) -> heads.merge(origin, seq, Math::max));
    }

    /** The newest head seq any peer advertised for {@code origin}, if one did. */
    public Optional<Long> head(HubId origin) {
        return Optional.ofNullable(heads.get(origin));
    }
}
