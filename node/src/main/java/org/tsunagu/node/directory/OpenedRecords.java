package org.tsunagu.node.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.tsunagu.protocol.canon.CanonicalJson;

/**
 * {@code opened_records} (V012): the sealed records this hub opened, one per organisation, read by the
 * directory in place of the log body's clear members. Only {@link Materializer} writes it.
 */
final class OpenedRecords {
    private OpenedRecords() {}

    static void put(Connection c, String origin, String id, long seq, JsonNode record) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR REPLACE INTO opened_records (origin, id, seq, record) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, origin);
            ps.setString(2, id);
            ps.setLong(3, seq);
            ps.setString(4, CanonicalJson.canonicalString(record));
            ps.executeUpdate();
        }
    }

    /** Deletes the opened record of {@code origin/id}, if any. */
    static void delete(Connection c, String origin, String id) throws SQLException {
        // Not through take: RETURNING makes the driver read the result's column names, on every upsert.
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM opened_records WHERE origin = ? AND id = ?")) {
            ps.setString(1, origin);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    /** Deletes the opened record of {@code origin/id}, answering what it held. */
    static Optional<JsonNode> take(Connection c, String origin, String id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM opened_records WHERE origin = ? AND id = ? RETURNING record")) {
            ps.setString(1, origin);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(LogText.json(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** Every opened record of {@code origin} goes (the origin is blocked or its log rolled back). */
    static void deleteOrigin(Connection c, String origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM opened_records WHERE origin = ?")) {
            ps.setString(1, origin);
            ps.executeUpdate();
        }
    }
}
