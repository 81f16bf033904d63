package org.tsunagu.node.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tsunagu.node.directory.Materializer;
import org.tsunagu.node.directory.OriginRecords;
import org.tsunagu.protocol.HubId;

/**
 * Hubs an admin blocked ({@code blocks}, V006__blocks.sql). The {@link Ingestor} refuses a blocked
 * origin's envelopes whatever path they came by; blocking takes its records out of the directory (and
 * with {@code purge} drops its log and keys), unblocking puts back what the kept log says.
 */
public final class Blocks {
    /** One block as the admin sees it. */
    public record Block(HubId hub, String reason, boolean purged, Instant blockedAt) {}

    private Blocks() {}

    static boolean isBlocked(Connection c, HubId hub) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM blocks WHERE hub = ?")) {
            ps.setString(1, hub.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void block(Connection c, HubId hub, String reason, boolean purge, Instant now, Materializer m)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO blocks (hub, reason, purged, blocked_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (hub) DO UPDATE SET reason = excluded.reason,"
                + " purged = max(purged, excluded.purged)")) {
            ps.setString(1, hub.value());
            ps.setString(2, reason);
            ps.setInt(3, purge ? 1 : 0);
            ps.setString(4, now.toString());
            ps.executeUpdate();
        }
        if (purge) {
            LogRollback.truncate(c, hub, 0, m, true);
        }
        OriginRecords.clear(c, hub.value());
    }

    /** @return false when {@code hub} was not blocked */
    static boolean unblock(Connection c, HubId hub, Materializer m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM blocks WHERE hub = ?")) {
            ps.setString(1, hub.value());
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        long head = LogStore.head(c, hub).map(h -> h.seq()).orElse(0L);
        OriginRecords.clear(c, hub.value());
        LogRollback.replay(c, hub, head, m);
        return true;
    }

    static List<Block> list(Connection c) throws SQLException {
        List<Block> out = new ArrayList<>();
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT hub, reason, purged, blocked_at FROM blocks ORDER BY hub");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Block(
                        HubId.of(rs.getString(1)), rs.getString(2), rs.getInt(3) == 1, Instant.parse(rs.getString(4))));
            }
        }
        return out;
    }
}
