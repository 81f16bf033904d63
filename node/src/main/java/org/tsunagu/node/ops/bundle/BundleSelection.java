package org.tsunagu.node.ops.bundle;

import java.util.Map;
import java.util.Set;
import org.tsunagu.protocol.HubId;

/**
 * What to put in a bundle.
 *
 * @param origins the origins to carry; empty for every origin held
 * @param after per origin, the seq the receiver already holds (only later envelopes are carried)
 * @param defaultAfter the same for origins not in {@code after}; 0 carries whole logs
 */
public record BundleSelection(Set<HubId> origins, Map<HubId, Long> after, long defaultAfter) {
    public BundleSelection {
        origins = Set.copyOf(origins);
        after = Map.copyOf(after);
        if (defaultAfter < 0 || after.values().stream().anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("after: a seq is never negative");
        }
    }

    /** Every envelope of every origin held. */
    public static BundleSelection everything() {
        return new BundleSelection(Set.of(), Map.of(), 0);
    }

    long after(HubId origin) {
        return after.getOrDefault(origin, defaultAfter);
    }

    boolean includes(HubId origin) {
        return origins.isEmpty() || origins.contains(origin);
    }
}
