package org.tsunagu.node.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One page of results. {@code nextCursor} is null on the last page; {@code total} is exact when
 * cheap to know and null otherwise (counting a million matches is not free).
 */
public record Page<T>(
        @JsonProperty("items") List<T> items,
        @JsonProperty("next_cursor") String nextCursor,
        @JsonProperty("total") Long total) {
    public Page {
        items = List.copyOf(items);
    }
}
