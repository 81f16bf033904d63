package org.tsunagu.node.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.tsunagu.node.directory.Materializer;
import org.tsunagu.node.directory.OriginRecords;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;

/**
 * Cuts an origin's log back to {@code keepUpTo} (0: all of it) inside the caller's transaction: the
 * envelopes after it, the keys their rotations introduced, and their effects on the directory, which is
 * rebuilt from the envelopes kept. The only way held envelopes leave the log, and only on an admin's
 * decision (a halt resolved on the other branch, a purge) or a first-contact log that does not lead to
 * the pinned key.
 */
final class LogRollback {
    private LogRollback() {}

    static void truncate(Connection c, HubId origin, long keepUpTo, Materializer materializer, boolean forgetKeys)
            throws SQLException {
        String o = origin.value();
        // Directory rows name log rows (foreign keys): out first, rebuilt from what is kept at the end.
        OriginRecords.clear(c, o);
        exec(c, "DELETE FROM log WHERE origin = ? AND seq > ?", o, keepUpTo);
        if (keepUpTo == 0) {
            exec(c, "DELETE FROM log_heads WHERE origin = ?", o);
        } else {
            String hash = LogStore.hashAt(c, origin, keepUpTo);
            try (PreparedStatement ps = c.prepareStatement("UPDATE log_heads SET seq = ?, hash = ? WHERE origin = ?")) {
                ps.setLong(1, keepUpTo);
                ps.setString(2, hash);
                ps.setString(3, o);
                ps.executeUpdate();
            }
        }
        if (forgetKeys) {
            exec(c, "DELETE FROM hub_keys WHERE hub = ?", o);
        } else {
            // A rotation at r > keepUpTo introduced the key from r + 1: it is gone with the rotation.
            exec(c, "DELETE FROM hub_keys WHERE hub = ? AND from_seq > ?", o, keepUpTo + 1);
            exec(c, "UPDATE hub_keys SET to_seq = NULL WHERE hub = ? AND to_seq > ?", o, keepUpTo);
        }
        replay(c, origin, keepUpTo, materializer);
    }

    /** Applies {@code origin}'s envelopes 1..upTo to the directory again (after {@link OriginRecords#clear}). */
    static void replay(Connection c, HubId origin, long upTo, Materializer materializer) throws SQLException {
        long after = 0;
        while (after < upTo) {
            List<String> page = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT envelope FROM log WHERE origin = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT 1000")) {
                ps.setString(1, origin.value());
                ps.setLong(2, after);
                ps.setLong(3, upTo);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        page.add(rs.getString(1));
                    }
                }
            }
            if (page.isEmpty()) {
                return;
            }
            for (String text : page) {
                Envelope e = Envelope.parse(text);
                materializer.apply(c, e);
                after = e.seq();
            }
        }
    }

    private static void exec(Connection c, String sql, String origin, long... seqs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, origin);
            for (int i = 0; i < seqs.length; i++) {
                ps.setLong(i + 2, seqs[i]);
            }
            ps.executeUpdate();
        }
    }
}
