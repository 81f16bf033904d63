package org.tsunagu.node.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * The per-value counts of live organisations ({@code facet_counts}, V004__facets.sql), moved by the
 * materialiser in the transaction that changes an organisation, and the note that the doc changed
 * ({@code facet_changes}, V022) that {@link FacetColumn} catches up from. One batched single-row
 * upsert per value that changed: a statement that may change several rows would open a statement
 * journal, and SQLite then makes FTS5 flush the transaction's pending index writes to disk
 * (measured: ~100 us per new organisation in a batch).
 */
final class FacetCountStore {
    /** Changes kept for readers to catch up from; one further behind builds its column again. */
    static final long KEPT_CHANGES = 100_000;

    /** Pruning is a multi-row delete (see above): done for one doc in this many, not every change. */
    private static final long PRUNE_EVERY = 4096;

    private FacetCountStore() {}

    /** Notes that organisation {@code doc}'s filter values changed, for {@link FacetColumn} to catch up. */
    static void changed(Connection c, long doc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO facet_changes (doc) VALUES (?)")) {
            ps.setLong(1, doc);
            ps.executeUpdate();
        }
        if (doc % PRUNE_EVERY == 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM facet_changes WHERE tick <= (SELECT max(tick) FROM facet_changes) - ?")) {
                ps.setLong(1, KEPT_CHANGES);
                ps.executeUpdate();
            }
        }
    }

    /** Moves each value's count by its delta (a zero still makes the value's row, as +1 then -1 would). */
    static void move(Connection c, Map<String, Integer> deltas) throws SQLException {
        if (deltas.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO facet_counts (facet, value, n)"
                        + " VALUES (substr(?1, 1, 1), substr(?1, 3), ?2) ON CONFLICT (facet, value) DO UPDATE SET n = n + ?2")) {
            for (Map.Entry<String, Integer> move : deltas.entrySet()) {
                ps.setString(1, move.getKey());
                ps.setInt(2, move.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
