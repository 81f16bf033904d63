package org.tsunagu.node.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.body.OrganizationErasure;

/**
 * {@code org.erase} envelopes kept beyond a gap in their origin's log (SPEC §6.9, table {@code
 * pending_erasures}, V011): erasure wins every race, so an envelope of the erased record that fills the
 * gap is stored redacted from the start, and the erase itself is applied when the chain reaches it.
 */
final class PendingErasures {
    private PendingErasures() {}

    /** Keeps {@code erase}, whose signature the caller verified; keeping it twice changes nothing. */
    static void keep(Connection c, Envelope erase, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO pending_erasures (origin, seq, id, envelope, received_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")) {
            ps.setString(1, erase.origin().value());
            ps.setLong(2, erase.seq());
            ps.setString(3, OrganizationErasure.fromBody(erase.body()).id());
            ps.setString(4, erase.canonicalJson());
            ps.setString(5, now.toString());
            ps.executeUpdate();
        }
    }

    /** The erases kept for {@code origin}: erased id to the highest seq of an erase of it. */
    static Map<String, Long> of(Connection c, HubId origin) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT id, max(seq) FROM pending_erasures WHERE origin = ? GROUP BY id")) {
            ps.setString(1, origin.value());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** The chain reached {@code erase}: the kept copies up to it are done with. */
    static void applied(Connection c, Envelope erase) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending_erasures WHERE origin = ? AND seq <= ?")) {
            ps.setString(1, erase.origin().value());
            ps.setLong(2, erase.seq());
            ps.executeUpdate();
        }
    }
}
