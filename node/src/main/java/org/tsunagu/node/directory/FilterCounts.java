package org.tsunagu.node.directory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many organisations matching a search have each filter value: {@code country} (ISO codes),
 * {@code sector} (5-digit codes and 3-digit categories), {@code language} (lower-case tags and their
 * primary subtags) and {@code hub}. {@code total} is the exact number of matches. When a search
 * matches more organisations than a request may read, only the first {@code counted} (in doc order)
 * are counted and every count is a lower bound; {@link #exact()} says which. {@code version} names
 * the state of the directory the counts were taken at (see {@link DirectoryService#version()}).
 */
public record FilterCounts(
        Map<String, Long> country,
        Map<String, Long> sector,
        Map<String, Long> language,
        Map<String, Long> hub,
        Map<String, Long> operations,
        long total,
        long counted,
        long version) {
    public FilterCounts {
        country = frozen(country);
        sector = frozen(sector);
        language = frozen(language);
        hub = frozen(hub);
        operations = frozen(operations);
        if (counted < 0 || counted > total) {
            throw new IllegalArgumentException("counted must be within 0.." + total);
        }
    }

    public boolean exact() {
        return counted == total;
    }

    private static Map<String, Long> frozen(Map<String, Long> counts) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
