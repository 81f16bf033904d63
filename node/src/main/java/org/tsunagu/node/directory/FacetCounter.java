package org.tsunagu.node.directory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the filter values of everything a search matches, from the tables V004__facets.sql adds.
 *
 * <ul>
 *   <li>No text and no filter (the landing page): {@code facet_counts}, kept exact by the writers, in
 *       O(values).
 *   <li>Otherwise the matching doc ids from FTS5, in one {@code group_concat} row, tallied against
 *       the filter values held in memory ({@link FacetColumn}): ~0.1 us per match instead of the ~1.2
 *       us of reading each match's {@code organizations} row, which is kept as the fallback for a
 *       directory the column cannot hold. At most {@code limit} matches are read; beyond that the
 *       exact total still comes from FTS5 ({@code count(*)} over the doclists) and the counts are
 *       lower bounds.
 * </ul>
 *
 * <p>Both read the same thing, {@code organizations.facets} of live rows, which holds only what this
 * node may read of a sealed record ({@link Materializer}): no count can say more than the search
 * shows.
 *
 * <p>Counting each candidate value with its own FTS5 query ({@code q AND tag}) was measured too: each
 * one walks the whole doclist of the query, 5–10 ms at a million rows, times 100+ values. Counts
 * per pair of values kept by the writers would answer one filter but not two (country and language
 * go together, so country+language is as large as the country) nor any text.
 */
final class FacetCounter {
    private FacetCounter() {}

    /**
     * The counts for {@code q}, reading at most {@code limit} matches; {@code column} is brought up to
     * date in {@code c}'s transaction, so its caller holds it (see {@link FacetColumn}). A null
     * {@code column}: the matches' rows are read instead.
     */
    static FilterCounts count(Connection c, OrganizationQuery q, int limit, FacetColumn column) throws SQLException {
        long version = version(c);
        Optional<SearchQuery.Match> match = SearchQuery.match(c, q);
        if (match.isEmpty()) {
            return new FilterCounts(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), 0, 0, version);
        }
        if (match.get().everything()) {
            return everything(c, version);
        }
        // Not inside a write transaction (the writer's connection): the column would take in changes
        // that may yet roll back.
        if (column != null && c.isReadOnly() && column.refresh(c)) {
            FilterCounts counts = fromColumn(c, match.get(), limit, version, column);
            if (counts != null) {
                return counts;
            }
        }
        return matching(c, match.get(), limit, version);
    }

    /** The counts from {@code column}; null if it does not hold some match (never once refreshed). */
    private static FilterCounts fromColumn(
            Connection c, SearchQuery.Match match, int limit, long version, FacetColumn column) throws SQLException {
        String table = match.table(); // one of two constants, never input
        String docs;
        try (PreparedStatement ps = c.prepareStatement("SELECT group_concat(rowid) FROM (SELECT rowid FROM " + table
                + " WHERE " + table + " MATCH ? LIMIT ?)")) {
            ps.setString(1, match.expression());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                docs = rs.next() ? rs.getString(1) : null;
            }
        }
        long[] tally = new long[column.size()];
        long counted = docs == null ? 0 : column.tally(docs, tally);
        if (counted < 0) {
            return null;
        }
        Builder counts = new Builder();
        for (int id = 0; id < tally.length; id++) {
            if (tally[id] > 0) {
                String key = column.key(id);
                counts.put(key.charAt(0), key.substring(2), tally[id]);
            }
        }
        return counts.build(counted == limit ? total(c, match) : counted, counted, version);
    }

    /**
     * The directory's version: the newest log row. Every change of the materialised state comes with
     * an appended envelope in the same transaction, so equal versions mean equal counts.
     */
    static long version(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(rowid), 0) FROM log");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static FilterCounts everything(Connection c, long version) throws SQLException {
        Builder counts = new Builder();
        try (PreparedStatement ps = c.prepareStatement("SELECT facet, value, n FROM facet_counts WHERE n > 0");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1).charAt(0), rs.getString(2), rs.getLong(3));
            }
        }
        // Every live organisation has exactly one hub.
        long total = counts.hub.values().stream().mapToLong(Long::longValue).sum();
        return counts.build(total, total, version);
    }

    private static FilterCounts matching(Connection c, SearchQuery.Match match, int limit, long version)
            throws SQLException {
        String table = match.table(); // one of two constants, never input
        Tally tally = new Tally();
        long counted = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT o.facets FROM " + table
                + " JOIN organizations o ON o.doc = " + table + ".rowid WHERE " + table + " MATCH ? LIMIT ?")) {
            ps.setString(1, match.expression());
            ps.setInt(2, limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (counted == limit) {
                        return tally.counts().build(total(c, match), counted, version);
                    }
                    tally.addAll(rs.getBytes(1));
                    counted++;
                }
            }
        }
        return tally.counts().build(counted, counted, version);
    }

    private static long total(Connection c, SearchQuery.Match match) throws SQLException {
        String table = match.table();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT count(*) FROM " + table + " WHERE " + table + " MATCH ?")) {
            ps.setString(1, match.expression());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Counts per facet while they are gathered. */
    private static final class Builder {
        final Map<String, Long> country = new HashMap<>();
        final Map<String, Long> sector = new HashMap<>();
        final Map<String, Long> language = new HashMap<>();
        final Map<String, Long> hub = new HashMap<>();
        final Map<String, Long> operations = new HashMap<>();

        void put(char facet, String value, long n) {
            Map<String, Long> into = switch (facet) {
                case FilterValues.COUNTRY -> country;
                case FilterValues.SECTOR -> sector;
                case FilterValues.LANGUAGE -> language;
                case FilterValues.HUB -> hub;
                case FilterValues.OPERATION -> operations;
                default -> null; // a facet of a later version: not offered here
            };
            if (into != null && n > 0) {
                into.merge(value, n, Long::sum);
            }
        }

        FilterCounts build(long total, long counted, long version) {
            return new FilterCounts(country, sector, language, hub, operations, total, counted, version);
        }
    }

    /**
     * A small open-addressing table from the bytes of a {@code "f:value"} key to its count, fed with
     * each row's JSON array as stored: no String per value, which was most of the time per row.
     */
    private static final class Tally {
        private byte[][] keys = new byte[256][];
        private long[] counts = new long[256];
        private int size;

        void addAll(byte[] json) {
            if (json == null) {
                return;
            }
            int i = 0;
            while (i < json.length) {
                if (json[i] != '"') {
                    i++;
                    continue;
                }
                int end = i + 1;
                while (end < json.length && json[end] != '"') {
                    end++;
                }
                add(json, i + 1, end);
                i = end + 1;
            }
        }

        private void add(byte[] bytes, int from, int to) {
            int hash = 1;
            for (int k = from; k < to; k++) {
                hash = 31 * hash + bytes[k];
            }
            int mask = keys.length - 1;
            for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
                byte[] key = keys[slot];
                if (key == null) {
                    keys[slot] = Arrays.copyOfRange(bytes, from, to);
                    counts[slot] = 1;
                    if (++size * 2 > keys.length) {
                        grow();
                    }
                    return;
                }
                if (Arrays.equals(key, 0, key.length, bytes, from, to)) {
                    counts[slot]++;
                    return;
                }
            }
        }

        private static int mix(int hash) {
            return hash ^ (hash >>> 16);
        }

        private void grow() {
            byte[][] oldKeys = keys;
            long[] oldCounts = counts;
            keys = new byte[oldKeys.length * 2][];
            counts = new long[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                byte[] key = oldKeys[i];
                if (key == null) {
                    continue;
                }
                int hash = 1;
                for (byte b : key) {
                    hash = 31 * hash + b;
                }
                int slot = mix(hash) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                counts[slot] = oldCounts[i];
            }
        }

        Builder counts() {
            Builder out = new Builder();
            for (int i = 0; i < keys.length; i++) {
                byte[] key = keys[i];
                if (key != null && key.length >= 2 && key[1] == ':') {
                    out.put((char) key[0], new String(key, 2, key.length - 2, StandardCharsets.UTF_8), counts[i]);
                }
            }
            return out;
        }
    }
}
