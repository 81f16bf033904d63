package org.tsunagu.node.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Counts of matching organisations by value, largest first (insertion-ordered maps). */
public record Facets(
        @JsonProperty("country") Map<String, Long> country,
        @JsonProperty("sector") Map<String, Long> sector,
        @JsonProperty("language") Map<String, Long> language,
        @JsonProperty("hub") Map<String, Long> hub) {
    public Facets {
        country = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(country));
        sector = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sector));
        language = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(language));
        hub = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hub));
    }
}
