package org.tsunagu.node.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The map's counts for a search, largest first: matching organisations per {@code country} (where
 * they are based), per {@code countries_of_operation} (where they work), per {@code sector} (5-digit
 * codes and 3-digit categories) and per {@code hub} (every known hub, 0 included). Taken from the
 * same facet tables and pass as {@link FacetCounts}; {@code complete} false means the search matched
 * more than one request reads and the counts are lower bounds of the first {@code counted}.
 */
public record Aggregates(
        @JsonProperty("country") Map<String, Long> country,
        @JsonProperty("countries_of_operation") Map<String, Long> countriesOfOperation,
        @JsonProperty("sector") Map<String, Long> sector,
        @JsonProperty("hub") Map<String, Long> hub,
        @JsonProperty("total") long total,
        @JsonProperty("counted") long counted,
        @JsonProperty("complete") boolean complete) {
    public Aggregates {
        country = frozen(country);
        countriesOfOperation = frozen(countriesOfOperation);
        sector = frozen(sector);
        hub = frozen(hub);
    }

    private static Map<String, Long> frozen(Map<String, Long> counts) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
