package org.tsunagu.node.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of results, the same shape on every list. {@code nextCursor} is null on the last page.
 * {@code total} is the exact number of matches, on every page, whenever there are at most {@link
 * #COUNT_CAP}; beyond that counting them all costs tens of milliseconds at a million organisations,
 * so {@code total} is null. The cap is 1,000 rather than 10,000: counting 10,001 matches put a
 * search's p95 past 20 ms at 200,000 organisations, and a reader only needs "more than 1,000". {@code totalAtLeast} is always there: the exact total when known, else
 * the cap, a lower bound.
 */
public record Page<T>(
        @JsonProperty("items") List<T> items,
        @JsonProperty("next_cursor") String nextCursor,
        @JsonProperty("total") Long total,
        @JsonProperty("total_at_least") long totalAtLeast) {
    /** Matches counted at most, per request. */
    public static final int COUNT_CAP = 1_000;

    public Page {
        items = List.copyOf(items);
    }

    /**
     * A page whose list has {@code counted} matches, counted up to {@code COUNT_CAP + 1}: exact up to the
     * cap, a lower bound past it.
     */
    public static <T> Page<T> of(List<T> items, String nextCursor, long counted) {
        return counted > COUNT_CAP
                ? new Page<>(items, nextCursor, null, COUNT_CAP)
                : new Page<>(items, nextCursor, counted, counted);
    }
}
