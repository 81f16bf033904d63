package org.tsunagu.node.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@link HubView}s from hubs, their current key, head and latest profile envelope. */
final class HubReader {
    private static final String SELECT = "SELECT h.hub, h.name, h.country, h.url, k.key, coalesce(hd.seq, 0),"
            + " h.halted_at IS NOT NULL, l.seq, l.ts, l.key, l.hash, l.envelope FROM hubs h"
            + " LEFT JOIN hub_keys k ON k.hub = h.hub AND k.to_seq IS NULL"
            + " LEFT JOIN log_heads hd ON hd.origin = h.hub"
            + " LEFT JOIN log l ON l.origin = h.hub AND l.seq = h.profile_seq";

    private HubReader() {}

    static List<HubView> all(Connection c) throws SQLException {
        // A blocked hub is out of the directory (V006__blocks.sql).
        try (PreparedStatement ps = c.prepareStatement(
                SELECT + " WHERE NOT EXISTS (SELECT 1 FROM blocks b WHERE b.hub = h.hub) ORDER BY h.hub")) {
            return read(ps);
        }
    }

    static Optional<HubView> one(Connection c, String hub) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE h.hub = ?")) {
            ps.setString(1, hub);
            return read(ps).stream().findFirst();
        }
    }

    private static List<HubView> read(PreparedStatement ps) throws SQLException {
        List<HubView> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String hub = rs.getString(1);
                String envelope = rs.getString(12);
                Provenance p = envelope == null
                        ? null
                        : new Provenance(hub, rs.getLong(8), rs.getString(9), rs.getString(10), rs.getString(11), true);
                out.add(new HubView(
                        hub,
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getBoolean(7),
                        envelope == null ? null : LogText.body(envelope),
                        p));
            }
        }
        return out;
    }
}
