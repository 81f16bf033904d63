package org.tsunagu.node.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.tsunagu.protocol.body.Organization;

/**
 * The values of a record that the search filters select on: its country (upper case), its sectors
 * (5-digit codes and, for each, its 3-digit category, which the sector filter also accepts), its
 * working languages (lower case, and the primary subtag of each, since {@code ja} finds
 * {@code ja-JP}) and its hub; and its countries of operation (upper case), counted for the map and,
 * since V019, a tag for the {@code operates_in} filter.
 * Written twice from this one place: as tag tokens in the search index
 * ({@link #tags()}) and as the row's filter values ({@link #json}, see V004__facets.sql).
 */
record FilterValues(String country, Set<String> operations, Set<String> sectors, Set<String> languages, String hub) {
    static final char COUNTRY = 'c';
    /** A country of operation: counted for the map (V016), tagged for {@code operates_in} (V019). */
    static final char OPERATION = 'o';

    static final char SECTOR = 's';
    static final char LANGUAGE = 'l';
    static final char HUB = 'h';

    private static final Pattern SECTOR_CODE = Pattern.compile("\\d{3}|\\d{5}");

    FilterValues {
        Objects.requireNonNull(hub, "hub");
        operations = Set.copyOf(operations);
        sectors = Set.copyOf(sectors);
        languages = Set.copyOf(languages);
    }

    static FilterValues of(String origin, Organization record) {
        String country = record.country().toUpperCase(Locale.ROOT);
        Set<String> operations = new TreeSet<>();
        for (String o : record.countriesOfOperation()) {
            String code = o.toUpperCase(Locale.ROOT);
            if (!code.isEmpty()) {
                operations.add(code);
            }
        }
        Set<String> sectors = new TreeSet<>();
        for (String code : record.sectors()) {
            if (SECTOR_CODE.matcher(code).matches()) {
                sectors.add(code);
                if (code.length() == 5) {
                    sectors.add(code.substring(0, 3));
                }
            }
        }
        Set<String> languages = new TreeSet<>();
        for (String l : record.languages()) {
            String tag = l.toLowerCase(Locale.ROOT);
            if (!tag.isEmpty()) {
                languages.add(tag);
                int dash = tag.indexOf('-');
                if (dash > 0) {
                    languages.add(tag.substring(0, dash));
                }
            }
        }
        return new FilterValues(country.isEmpty() ? null : country, operations, sectors, languages, origin);
    }

    /** The index's tag tokens (see {@link SearchIndex#countryTag} and the others), space-separated. */
    String tags() {
        List<String> tags = new ArrayList<>();
        if (country != null) {
            tags.add(SearchIndex.countryTag(country));
        }
        operations.stream().sorted().forEach(o -> tags.add(SearchIndex.operationTag(o)));
        sectors.stream().sorted().forEach(s -> tags.add(SearchIndex.sectorTag(s)));
        languages.stream().sorted().forEach(l -> tags.add(SearchIndex.languageTag(l)));
        tags.add(SearchIndex.hubTag(hub));
        return String.join(" ", tags);
    }

    /** Each value as {@code "<facet>:<value>"}, sorted: what is stored and counted. */
    Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        add(keys, COUNTRY, country);
        operations.forEach(o -> add(keys, OPERATION, o));
        sectors.forEach(s -> add(keys, SECTOR, s));
        languages.forEach(l -> add(keys, LANGUAGE, l));
        add(keys, HUB, hub);
        return keys;
    }

    /** Values outside [A-Za-z0-9._~-] cannot come from a validated body; never let one break the JSON. */
    private static void add(Set<String> keys, char facet, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            boolean plain = (ch >= 'a' && ch <= 'z')
                    || (ch >= 'A' && ch <= 'Z')
                    || (ch >= '0' && ch <= '9')
                    || ch == '.'
                    || ch == '_'
                    || ch == '~'
                    || ch == '-';
            if (!plain) {
                return;
            }
        }
        keys.add(facet + ":" + value);
    }

    /**
     * The stored form of {@link #keys()}: a JSON array, exactly as the migration's backfill builds it,
     * so an unchanged record compares equal and its counts are not touched.
     */
    static String json(Set<String> keys) {
        StringBuilder out = new StringBuilder("[");
        for (String key : keys) {
            out.append(out.length() > 1 ? "," : "").append('"').append(key).append('"');
        }
        return out.append(']').toString();
    }

    /** The keys of a stored {@link #json} (null: none); its values hold no quote or escape. */
    static Set<String> keysOf(String json) {
        Set<String> keys = new TreeSet<>();
        if (json == null) {
            return keys;
        }
        int at = json.indexOf('"');
        while (at >= 0) {
            int end = json.indexOf('"', at + 1);
            if (end < 0) {
                break;
            }
            keys.add(json.substring(at + 1, end));
            at = json.indexOf('"', end + 1);
        }
        return keys;
    }
}
