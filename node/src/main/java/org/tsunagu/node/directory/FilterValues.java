package org.tsunagu.node.directory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
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
record FilterValues(String country, List<String> operations, List<String> sectors, List<String> languages, String hub) {
    static final char COUNTRY = 'c';
    /** A country of operation: counted for the map (V016), tagged for {@code operates_in} (V019). */
    static final char OPERATION = 'o';

    static final char SECTOR = 's';
    static final char LANGUAGE = 'l';
    static final char HUB = 'h';

    /** The lists are sorted and hold no repeats ({@link #of} makes them so). */
    FilterValues {
        Objects.requireNonNull(hub, "hub");
        operations = List.copyOf(operations);
        sectors = List.copyOf(sectors);
        languages = List.copyOf(languages);
    }

    // Issue 14 (speed): this runs on the one writer thread for every organisation stored, on C1 alone.
    // So: plain loops (a capturing lambda is a slow runtime call there), the lists sorted once here
    // rather than in each of tags() and keys(), and keys() in sorted order without a TreeSet.
    static FilterValues of(String origin, Organization record) {
        String country = record.country().toUpperCase(Locale.ROOT);
        List<String> operations = new ArrayList<>(record.countriesOfOperation().size());
        for (String o : record.countriesOfOperation()) {
            String code = o.toUpperCase(Locale.ROOT);
            if (!code.isEmpty()) {
                operations.add(code);
            }
        }
        List<String> sectors = new ArrayList<>(2 * record.sectors().size());
        for (String code : record.sectors()) {
            if (isSectorCode(code)) {
                sectors.add(code);
                if (code.length() == 5) {
                    sectors.add(code.substring(0, 3));
                }
            }
        }
        List<String> languages = new ArrayList<>(2 * record.languages().size());
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
        return new FilterValues(
                country.isEmpty() ? null : country,
                sortedDistinct(operations),
                sortedDistinct(sectors),
                sortedDistinct(languages),
                origin);
    }

    /** {@code values} sorted, repeats dropped, in place (a record's lists hold a handful). */
    private static List<String> sortedDistinct(List<String> values) {
        if (values.size() < 2) {
            return values;
        }
        Collections.sort(values);
        int kept = 1;
        for (int i = 1; i < values.size(); i++) {
            if (!values.get(i).equals(values.get(kept - 1))) {
                values.set(kept++, values.get(i));
            }
        }
        return values.subList(0, kept);
    }

    /** 3 or 5 ASCII digits: a sector category or code (checked by hand: this runs for every record stored). */
    private static boolean isSectorCode(String code) {
        if (code.length() != 3 && code.length() != 5) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The index's tag tokens (see {@link SearchIndex#countryTag} and the others), space-separated. */
    String tags() {
        StringBuilder tags = new StringBuilder(128);
        if (country != null) {
            tags.append(SearchIndex.countryTag(country)).append(' ');
        }
        for (String o : operations) {
            tags.append(SearchIndex.operationTag(o)).append(' ');
        }
        for (String s : sectors) {
            tags.append(SearchIndex.sectorTag(s)).append(' ');
        }
        for (String l : languages) {
            tags.append(SearchIndex.languageTag(l)).append(' ');
        }
        return tags.append(SearchIndex.hubTag(hub)).toString();
    }

    /**
     * Each value as {@code "<facet>:<value>"}, in sorted order: what is stored and counted. The facets
     * in the order of their letters, each one's values sorted, is the order of the keys themselves.
     */
    Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        add(keys, COUNTRY, country);
        add(keys, HUB, hub);
        addAll(keys, LANGUAGE, languages);
        addAll(keys, OPERATION, operations);
        addAll(keys, SECTOR, sectors);
        return keys;
    }

    private static void addAll(Set<String> keys, char facet, List<String> values) {
        for (String value : values) {
            add(keys, facet, value);
        }
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
        keys.add(new StringBuilder(value.length() + 2)
                .append(facet)
                .append(':')
                .append(value)
                .toString());
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
