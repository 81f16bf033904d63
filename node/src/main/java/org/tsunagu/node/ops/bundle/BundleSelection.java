package org.tsunagu.node.ops.bundle;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
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

    /**
     * Reads a selection as an admin writes it (CLI flags, query parameters).
     *
     * @param origins hub ids, each entry possibly a comma-separated list; none for every origin
     * @param after entries {@code SEQ} (for every origin) or {@code ORIGIN=SEQ}
     * @throws IllegalArgumentException naming the value that is not understood
     */
    public static BundleSelection parse(List<String> origins, List<String> after) {
        Set<HubId> hubs = new LinkedHashSet<>();
        for (String entry : origins) {
            for (String part : entry.split(",")) {
                if (!part.isBlank()) {
                    hubs.add(hub(part.strip()));
                }
            }
        }
        Map<HubId, Long> perOrigin = new HashMap<>();
        long all = 0;
        for (String entry : after) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                all = seq(entry, entry);
            } else {
                perOrigin.put(hub(entry.substring(0, eq).strip()), seq(entry.substring(eq + 1), entry));
            }
        }
        return new BundleSelection(hubs, perOrigin, all);
    }

    private static HubId hub(String text) {
        if (!HubId.isValid(text)) {
            throw new IllegalArgumentException("\"" + text + "\" is not a hub id");
        }
        return HubId.of(text);
    }

    private static long seq(String text, String entry) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("\"" + entry + "\": expected SEQ or ORIGIN=SEQ with SEQ >= 0");
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
