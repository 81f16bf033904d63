package org.tsunagu.node.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many matching organisations have each country, sector (5-digit codes and 3-digit categories),
 * language and hub, largest first; {@code total} is the exact number of matches. {@code complete}
 * says whether every count is exact; when not (a search matching more than one request may read),
 * the counts cover the first {@code counted} matches and are lower bounds, which the page shows as
 * "≥ n".
 */
public record FacetCounts(
        @JsonProperty("country") Map<String, Long> country,
        @JsonProperty("sector") Map<String, Long> sector,
        @JsonProperty("language") Map<String, Long> language,
        @JsonProperty("hub") Map<String, Long> hub,
        @JsonProperty("total") long total,
        @JsonProperty("counted") long counted,
        @JsonProperty("complete") boolean complete) {
    public FacetCounts {
        country = frozen(country);
        sector = frozen(sector);
        language = frozen(language);
        hub = frozen(hub);
    }

    private static Map<String, Long> frozen(Map<String, Long> counts) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
