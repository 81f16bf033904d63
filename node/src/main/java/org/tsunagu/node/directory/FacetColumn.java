package org.tsunagu.node.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The filter values of every live organisation by doc id, in memory, each value as a small number:
 * what a count over a large search reads instead of one {@code organizations} row per match.
 *
 * <p>Why: that row read was most of the ~1.2 us per match of the pass (a B-tree lookup in a table of
 * 1M rows that a reader's 8 MB page cache cannot hold), so the largest country or a common word
 * (150-180k matches) cost 200+ ms. Here a match costs an array read per value; the doc ids come
 * from FTS5 in one {@code group_concat} row, not one JDBC row each.
 *
 * <p>It holds exactly what {@code organizations.facets} holds for live rows, i.e. only what this
 * node may read of a sealed record (the rule stays in {@link Materializer}). It is built from that
 * column once, then kept in step from {@code facet_changes} (V022), which {@link FacetCountStore}
 * appends to in the transaction of every change of a doc's counted values: it is brought to the
 * state of the caller's read transaction before every count. Callers hold its monitor across the
 * read transaction, so each refresh sees a state at least as new as the last one (it never has to
 * go back).
 *
 * <p>Memory: a char per value plus 6 bytes per doc id, ~25 MB at a million organisations. A directory
 * with more than 65,535 distinct values (not seen in practice: ~400 at a million) is not held here;
 * {@link #refresh} then says so and the caller reads rows.
 */
final class FacetColumn {
    private static final long NOT_BUILT = -1;
    private static final int MAX_VALUES = Character.MAX_VALUE;

    private final Map<String, Character> ids = new HashMap<>();
    private final List<String> keys = new ArrayList<>();
    private int[] start = new int[0];
    private char[] length = new char[0];
    private char[] values = new char[0];
    private int used;
    private int garbage;
    private long tick = NOT_BUILT;
    private boolean usable;

    /**
     * Brings the column to the state {@code c}'s read transaction sees; false if it cannot hold this
     * directory.
     */
    boolean refresh(Connection c) throws SQLException {
        long first;
        long last;
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT coalesce(min(tick), 0), coalesce(max(tick), 0) FROM facet_changes");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            first = rs.getLong(1);
            last = rs.getLong(2);
        }
        if (tick == NOT_BUILT || last < tick || (last > tick && first > tick + 1)) {
            // Not built yet, or the changes since were pruned (FacetCountStore keeps the newest only).
            build(c, last);
        } else if (last > tick && usable) {
            catchUp(c, last);
        }
        return usable;
    }

    /** Distinct values held, the size of a tally for {@link #tally}. */
    int size() {
        return keys.size();
    }

    /** The {@code "f:value"} key of value number {@code id}. */
    String key(int id) {
        return keys.get(id);
    }

    /**
     * Adds one to {@code counts[value]} for each value of each doc in {@code docs} (decimal, comma
     * separated, as {@code group_concat(rowid)} writes them); returns how many docs, or -1 if one is
     * not held, which a refreshed column never meets.
     */
    long tally(String docs, long[] counts) {
        long n = 0;
        int i = 0;
        int end = docs.length();
        while (i < end) {
            long doc = 0;
            char ch;
            while (i < end && (ch = docs.charAt(i)) != ',') {
                doc = doc * 10 + (ch - '0');
                i++;
            }
            i++;
            if (doc >= start.length || length[(int) doc] == 0) {
                return -1;
            }
            int from = start[(int) doc];
            for (int k = from, to = from + length[(int) doc]; k < to; k++) {
                counts[values[k]]++;
            }
            n++;
        }
        return n;
    }

    private void build(Connection c, long last) throws SQLException {
        ids.clear();
        keys.clear();
        start = new int[1024];
        length = new char[1024];
        values = new char[16 * 1024];
        used = 0;
        garbage = 0;
        usable = true;
        try (PreparedStatement ps = c.prepareStatement("SELECT doc, facets FROM organizations WHERE removed = 0");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next() && usable) {
                put(rs.getLong(1), rs.getString(2));
            }
        }
        tick = last;
        // Growing doubles nothing (see put), but the build grew from empty: give back the slack.
        values = Arrays.copyOf(values, used + used / 16 + 1024);
    }

    private void catchUp(Connection c, long last) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT f.doc, o.facets FROM facet_changes f"
                + " LEFT JOIN organizations o ON o.doc = f.doc AND o.removed = 0 WHERE f.tick > ? AND f.tick <= ?")) {
            ps.setLong(1, tick);
            ps.setLong(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && usable) {
                    put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        tick = last;
        if (garbage > used / 2 && used > 1024) {
            compact();
        }
    }

    /** Sets the values of {@code doc} from its stored JSON array; null: not live. */
    private void put(long doc, String facets) {
        if (doc < 0 || doc >= Integer.MAX_VALUE - 8) {
            usable = false;
            return;
        }
        int d = (int) doc;
        if (d >= start.length) {
            // By an eighth, not double: at a million docs doubling would leave megabytes unused.
            int size = Math.max(d + 1, start.length + start.length / 8 + 1024);
            start = Arrays.copyOf(start, size);
            length = Arrays.copyOf(length, size);
        }
        int n = 0;
        char[] row = new char[16];
        if (facets != null) {
            int at = facets.indexOf('"');
            while (at >= 0) {
                int end = facets.indexOf('"', at + 1);
                if (end < 0) {
                    break;
                }
                Character id = id(facets.substring(at + 1, end));
                if (id == null) {
                    return;
                }
                if (n == row.length) {
                    row = Arrays.copyOf(row, n * 2);
                }
                row[n++] = id;
                at = facets.indexOf('"', end + 1);
            }
        }
        if (n > MAX_VALUES) {
            usable = false;
            return;
        }
        int old = length[d];
        if (n > old) {
            // Does not fit where it was: appended, the old place left as garbage until a compaction.
            if (used + n > values.length) {
                values = Arrays.copyOf(values, Math.max(used + n, values.length + values.length / 8 + 4096));
            }
            start[d] = used;
            used += n;
            garbage += old;
        } else {
            garbage += old - n;
        }
        System.arraycopy(row, 0, values, start[d], n);
        length[d] = (char) n;
    }

    private Character id(String key) {
        Character id = ids.get(key);
        if (id == null) {
            if (keys.size() == MAX_VALUES) {
                usable = false;
                return null;
            }
            id = (char) keys.size();
            ids.put(key, id);
            keys.add(key);
        }
        return id;
    }

    private void compact() {
        char[] packed = new char[Math.max(1024, used - garbage)];
        int at = 0;
        for (int d = 0; d < start.length; d++) {
            int n = length[d];
            System.arraycopy(values, start[d], packed, at, n);
            start[d] = at;
            at += n;
        }
        values = packed;
        used = at;
        garbage = 0;
    }
}
