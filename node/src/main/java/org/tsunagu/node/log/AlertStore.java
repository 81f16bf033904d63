package org.tsunagu.node.log;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;

/**
 * The node's one alert store (table {@code alerts}): what the log records in its own transactions
 * (equivocations, key rotations, keys learned) and what federation raises about peers, listed newest
 * first for the admin; also the evidence of equivocations and which origins are halted.
 */
public final class AlertStore {
    private static final String COLUMNS =
            "id, kind, peer, origin, seq, message, details, created_at, acknowledged_at FROM alerts";

    private final Database db;
    private final Clock clock;

    public AlertStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Raises an alert now, unless the same alert (kind, peer, origin, seq and message) is still
     * unacknowledged: a peer that keeps sending the same refused request adds one row, not one per
     * attempt. Returns the id of the new or the open alert. {@code details} is a JSON object or null.
     */
    public long raise(String kind, String peer, HubId origin, Long seq, String message, ObjectNode details) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM alerts WHERE kind = ? AND origin IS ?"
                    + " AND seq IS ? AND peer IS ? AND message = ? AND acknowledged_at IS NULL LIMIT 1")) {
                ps.setString(1, kind);
                ps.setString(2, origin == null ? null : origin.value());
                setSeq(ps, 3, seq);
                ps.setString(4, peer);
                ps.setString(5, message);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            return insert(c, kind, peer, origin, seq, message, details, clock.instant());
        });
    }

    /** At most {@code limit} alerts of every kind, newest first. */
    public List<Alert> list(int limit) {
        return query("SELECT " + COLUMNS + " ORDER BY id DESC LIMIT ?", ps -> ps.setInt(1, limit));
    }

    /** At most {@code limit} alerts of one kind, newest first. */
    public List<Alert> list(String kind, int limit) {
        return query("SELECT " + COLUMNS + " WHERE kind = ? ORDER BY id DESC LIMIT ?", ps -> {
            ps.setString(1, kind);
            ps.setInt(2, limit);
        });
    }

    public Optional<Alert> find(long id) {
        return query("SELECT " + COLUMNS + " WHERE id = ?", ps -> ps.setLong(1, id)).stream()
                .findFirst();
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

    /**
     * Names {@code peer} on the alert the log raised for {@code origin}'s equivocation at {@code seq}
     * (the log knows the envelopes, not who delivered them).
     */
    public void attributeEquivocation(HubId origin, long seq, String peer) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET peer = ? WHERE kind = ? AND origin = ?" + " AND seq = ? AND peer IS NULL")) {
                ps.setString(1, peer);
                ps.setString(2, Alert.EQUIVOCATION);
                ps.setString(3, origin.value());
                ps.setLong(4, seq);
                return ps.executeUpdate();
            }
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
        ObjectNode details =
                JsonNodeFactory.instance.objectNode().put("held", heldHash).put("conflicting", other.hash());
        insert(
                c,
                Alert.EQUIVOCATION,
                null,
                origin,
                seq,
                origin + " signed two different envelopes for seq " + seq + " (" + heldHash + " and " + other.hash()
                        + "); no further envelopes of " + origin + " are applied",
                details,
                now);
    }

    /** Inserts an alert in the caller's transaction; returns its id. */
    static long insert(
            Connection c,
            String kind,
            String peer,
            HubId origin,
            Long seq,
            String message,
            ObjectNode details,
            Instant now)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO alerts (kind, peer, origin, seq, message, details, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, kind);
            ps.setString(2, peer);
            ps.setString(3, origin == null ? null : origin.value());
            setSeq(ps, 4, seq);
            ps.setString(5, message);
            ps.setString(6, details == null ? null : details.toString());
            ps.setString(7, now.toString());
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void setSeq(PreparedStatement ps, int index, Long seq) throws SQLException {
        if (seq == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, seq);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Alert> query(String sql, Binder binder) {
        return db.read(c -> {
            List<Alert> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(5);
                        Long seqOrNull = rs.wasNull() ? null : seq;
                        String ack = rs.getString(9);
                        out.add(new Alert(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                seqOrNull,
                                rs.getString(6),
                                rs.getString(7),
                                Instant.parse(rs.getString(8)),
                                ack == null ? null : Instant.parse(ack)));
                    }
                }
            }
            return out;
        });
    }
}
