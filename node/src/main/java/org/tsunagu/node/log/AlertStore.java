package org.tsunagu.node.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;

/** Alerts for the admin API, the evidence of equivocations, and which origins are halted. */
public final class AlertStore {
    private final Database db;
    private final Clock clock;

    public AlertStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Every alert, newest first. */
    public List<Alert> list() {
        return db.read(c -> {
            List<Alert> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id, kind, origin, seq, message, created_at, acknowledged_at"
                            + " FROM alerts ORDER BY id DESC")) {
                while (rs.next()) {
                    long seq = rs.getLong(4);
                    Long seqOrNull = rs.wasNull() ? null : seq;
                    String ack = rs.getString(7);
                    out.add(new Alert(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            seqOrNull,
                            rs.getString(5),
                            Instant.parse(rs.getString(6)),
                            ack == null ? null : Instant.parse(ack)));
                }
            }
            return out;
        });
    }

    /** Both envelopes of every equivocation of {@code origin}, as they arrived. */
    public List<EquivocationEvidence> equivocations(HubId origin) {
        return db.read(c -> {
            List<EquivocationEvidence> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, held_hash, held_envelope, conflicting_hash,"
                    + " conflicting_envelope, detected_at FROM equivocations WHERE origin = ? ORDER BY id")) {
                ps.setString(1, origin.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new EquivocationEvidence(
                                origin,
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                Instant.parse(rs.getString(6))));
                    }
                }
            }
            return out;
        });
    }

    public Set<HubId> haltedOrigins() {
        return db.read(c -> {
            Set<HubId> out = new LinkedHashSet<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT hub FROM hubs WHERE halted_at IS NOT NULL ORDER BY hub")) {
                while (rs.next()) {
                    out.add(HubId.of(rs.getString(1)));
                }
            }
            return out;
        });
    }

    /** Marks an alert as seen; it stays listed. Returns false if there is no such alert. */
    public boolean acknowledge(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET acknowledged_at = coalesce(acknowledged_at, ?) WHERE id = ?")) {
                ps.setString(1, clock.instant().toString());
                ps.setLong(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    static boolean isHalted(Connection c, HubId origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT halted_at IS NOT NULL FROM hubs WHERE hub = ?")) {
            ps.setString(1, origin.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Keeps both envelopes, halts the origin and raises an alert, in the caller's transaction. */
    static void recordEquivocation(
            Connection c, HubId origin, long seq, String heldEnvelope, Envelope other, Instant now)
            throws SQLException {
        String heldHash = LogStore.hashAt(c, origin, seq);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR IGNORE INTO equivocations (origin, seq, held_hash,"
                        + " held_envelope, conflicting_hash, conflicting_envelope, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, origin.value());
            ps.setLong(2, seq);
            ps.setString(3, heldHash);
            ps.setString(4, heldEnvelope);
            ps.setString(5, other.hash());
            ps.setString(6, other.canonicalJson());
            ps.setString(7, now.toString());
            ps.executeUpdate();
        }
        KeyRing.ensureHub(c, origin);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE hubs SET halted_at = ?, halted_reason = ? WHERE hub = ? AND halted_at IS NULL")) {
            ps.setString(1, now.toString());
            ps.setString(2, "equivocation at seq " + seq);
            ps.setString(3, origin.value());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alerts (kind, origin, seq, message, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, Alert.EQUIVOCATION);
            ps.setString(2, origin.value());
            ps.setLong(3, seq);
            ps.setString(
                    4,
                    origin + " signed two different envelopes for seq " + seq + " (" + heldHash + " and " + other.hash()
                            + "); no further envelopes of " + origin + " are applied");
            ps.setString(5, now.toString());
            ps.executeUpdate();
        }
    }
}
