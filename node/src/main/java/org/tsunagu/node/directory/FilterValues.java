package org.tsunagu.node.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The values of a record that the search filters select on: its country (upper case), its sectors
 * (5-digit codes and, for each, its 3-digit category, which the sector filter also accepts), its
 * working languages (lower case, and the primary subtag of each, since {@code ja} finds
 * {@code ja-JP}) and its hub. Written twice from this one place: as tag tokens in the search index
 * ({@link #tags()}) and as the row's filter values ({@link #json()}, see V004__facets.sql).
 */
record FilterValues(String country, Set<String> sectors, Set<String> languages, String hub) {
    static final char COUNTRY = 'c';
    static final char SECTOR = 's';
    static final char LANGUAGE = 'l';
    static final char HUB = 'h';

    private static final Pattern SECTOR_CODE = Pattern.compile("\\d{3}|\\d{5}");
    /** What may stand in a stored value unescaped; validated bodies and hub ids hold nothing else. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._~-]*");

    FilterValues {
        Objects.requireNonNull(hub, "hub");
        sectors = Set.copyOf(sectors);
        languages = Set.copyOf(languages);
    }

    static FilterValues of(String origin, JsonNode record) {
        String country = record.path("country").asText("").toUpperCase(Locale.ROOT);
        Set<String> sectors = new TreeSet<>();
        for (JsonNode s : record.path("sectors")) {
            String code = s.asText("");
            if (SECTOR_CODE.matcher(code).matches()) {
                sectors.add(code);
                if (code.length() == 5) {
                    sectors.add(code.substring(0, 3));
                }
            }
        }
        Set<String> languages = new TreeSet<>();
        for (JsonNode l : record.path("languages")) {
            String tag = l.asText("").toLowerCase(Locale.ROOT);
            if (!tag.isEmpty()) {
                languages.add(tag);
                int dash = tag.indexOf('-');
                if (dash > 0) {
                    languages.add(tag.substring(0, dash));
                }
            }
        }
        return new FilterValues(country.isEmpty() ? null : country, sectors, languages, origin);
    }

    /** The index's tag tokens (see {@link SearchIndex#countryTag} and the others), space-separated. */
    String tags() {
        List<String> tags = new ArrayList<>();
        if (country != null) {
            tags.add(SearchIndex.countryTag(country));
        }
        sectors.stream().sorted().forEach(s -> tags.add(SearchIndex.sectorTag(s)));
        languages.stream().sorted().forEach(l -> tags.add(SearchIndex.languageTag(l)));
        tags.add(SearchIndex.hubTag(hub));
        return String.join(" ", tags);
    }

    /**
     * The stored form: a JSON array of {@code "<facet>:<value>"}, sorted, exactly as the migration's
     * backfill builds it, so an unchanged record compares equal and its counts are not touched.
     */
    String json() {
        Set<String> keys = new TreeSet<>();
        if (country != null) {
            keys.add(COUNTRY + ":" + country);
        }
        sectors.forEach(s -> keys.add(SECTOR + ":" + s));
        languages.forEach(l -> keys.add(LANGUAGE + ":" + l));
        keys.add(HUB + ":" + hub);
        StringBuilder out = new StringBuilder("[");
        for (String key : keys) {
            if (!PLAIN.matcher(key.substring(2)).matches()) {
                continue; // cannot happen for a validated body; never let a value break the JSON
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(key).append('"');
        }
        return out.append(']').toString();
    }
}
