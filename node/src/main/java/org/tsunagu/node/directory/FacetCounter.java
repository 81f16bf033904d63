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
 *   <li>Otherwise one pass over the matching doc ids in FTS5, reading each row's stored filter values
 *       ({@code organizations.facets}) and tallying them on their bytes. That costs about a microsecond
 *       per match, so at most {@code limit} matches are read; beyond that the exact total still comes
 *       from FTS5 ({@code count(*)} over the doclists, tens of ms at a million) and the counts are
 *       lower bounds.
 * </ul>
 *
 * <p>Counting each candidate value with its own FTS5 query ({@code q AND tag}) was measured too: each
 * one walks the whole doclist of the query, 5–10 ms at a million rows, times 100+ values.
 */
final class FacetCounter {
    private FacetCounter() {}

    static FilterCounts count(Connection c, OrganizationQuery q, int limit) throws SQLException {
        long version = version(c);
        Optional<SearchQuery.Match> match = SearchQuery.match(c, q);
        if (match.isEmpty()) {
            return new FilterCounts(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), 0, 0, version);
        }
        return match.get().everything() ? everything(c, version) : matching(c, match.get(), limit, version);
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
