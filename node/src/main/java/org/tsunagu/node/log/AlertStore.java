package org.tsunagu.node.log;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.Collection;
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
    private static final String COLUMNS = "id, kind, peer, origin, seq, message, details, created_at,"
            + " acknowledged_at, count, last_seen_at, address FROM alerts";
    /** The default order: the severe kinds ({@link Alert#SEVERE}) first, then newest first. */
    private static final String SEVERE_FIRST = " ORDER BY CASE WHEN kind IN ("
            + String.join(", ", Alert.SEVERE.stream().map(k -> "'" + k + "'").toList())
            + ") THEN 0 ELSE 1 END, id DESC";
    /**
     * Client addresses that get an alert row of their own per reason; requests refused from further
     * addresses are counted together on one row (address {@code *}), so that no number of addresses
     * (an IPv6 prefix holds billions) can grow the table.
     */
    public static final int MAX_STRANGER_ADDRESSES = 50;
    /** The address of the row that counts refusals from addresses past {@link #MAX_STRANGER_ADDRESSES}. */
    public static final String OTHER_ADDRESSES = "*";

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
                        long id = rs.getLong(1);
                        seenAgain(c, id, details, clock.instant());
                        return id;
                    }
                }
            }
            return insert(c, kind, peer, origin, seq, message, details, clock.instant());
        });
    }

    /**
     * Raises an alert about a request refused from a sender that is no pinned peer (anyone can make a
     * key), counted per client {@code address} and {@code message}: while it is unacknowledged, a repeat
     * from the same address adds to its count and last-seen time, and {@code details} (e.g. the last
     * key) replace the earlier ones. Past {@link #MAX_STRANGER_ADDRESSES} open rows of that kind, further
     * addresses are counted on one row for all of them. Returns the alert's count, this request
     * included.
     */
    public long raiseFromStranger(String kind, String peer, String address, String message, ObjectNode details) {
        String from = address == null || address.isBlank() ? OTHER_ADDRESSES : address;
        return db.inTransaction(c -> {
            if (!from.equals(OTHER_ADDRESSES)
                    && openStrangerRow(c, kind, peer, from, message) == null
                    && openAddresses(c, kind, from) >= MAX_STRANGER_ADDRESSES) {
                ObjectNode folded = details == null ? JsonNodeFactory.instance.objectNode() : details.deepCopy();
                return countOrInsert(c, kind, peer, OTHER_ADDRESSES, message, folded.put("last_address", from));
            }
            return countOrInsert(c, kind, peer, from, message, details);
        });
    }

    /** Counts a repeat on the open row of {@code address}, or opens one; returns its count. */
    private long countOrInsert(
            Connection c, String kind, String peer, String address, String message, ObjectNode details)
            throws SQLException {
        Long open = openStrangerRow(c, kind, peer, address, message);
        Instant now = clock.instant();
        if (open != null) {
            return seenAgain(c, open, details, now);
        }
        long id = insert(c, kind, peer, null, null, message, details, now);
        setAddress(c, id, address);
        return 1L;
    }

    private static Long openStrangerRow(Connection c, String kind, String peer, String address, String message)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM alerts WHERE kind = ? AND peer IS ?"
                + " AND address = ? AND message = ? AND acknowledged_at IS NULL LIMIT 1")) {
            ps.setString(1, kind);
            ps.setString(2, peer);
            ps.setString(3, address);
            ps.setString(4, message);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** Addresses other than {@code besides} with open rows of {@code kind} (each has a row of its own). */
    private static int openAddresses(Connection c, String kind, String besides) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT address) FROM alerts WHERE kind = ?"
                + " AND address IS NOT NULL AND address <> ? AND address <> ? AND acknowledged_at IS NULL")) {
            ps.setString(1, kind);
            ps.setString(2, OTHER_ADDRESSES);
            ps.setString(3, besides);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Counts a repeat of open alert {@code id}; returns its new count. */
    private static long seenAgain(Connection c, long id, ObjectNode details, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET count = count + 1, last_seen_at = ?,"
                + " details = coalesce(?, details) WHERE id = ?")) {
            ps.setString(1, now.toString());
            ps.setString(2, details == null ? null : details.toString());
            ps.setLong(3, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count FROM alerts WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 1L;
            }
        }
    }

    private static void setAddress(Connection c, long id, String address) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET address = ? WHERE id = ?")) {
            ps.setString(1, address);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /**
     * At most {@code limit} alerts of every kind: the severe kinds ({@link Alert#SEVERE}) first, so that
     * no number of lesser alerts can push an equivocation out of view, then newest first.
     */
    public List<Alert> list(int limit) {
        return query("SELECT " + COLUMNS + SEVERE_FIRST + " LIMIT ?", ps -> ps.setInt(1, limit));
    }

    /** At most {@code limit} alerts of every kind, newest first. */
    public List<Alert> newest(int limit) {
        return query("SELECT " + COLUMNS + " ORDER BY id DESC LIMIT ?", ps -> ps.setInt(1, limit));
    }

    /** At most {@code limit} alerts of one kind, newest first. */
    public List<Alert> list(String kind, int limit) {
        return query("SELECT " + COLUMNS + " WHERE kind = ? ORDER BY id DESC LIMIT ?", ps -> {
            ps.setString(1, kind);
            ps.setInt(2, limit);
        });
    }

    /**
     * Acknowledges every unacknowledged alert of {@code kind} (any kind when null) whose id is at most
     * {@code throughId} (any when null), at once. Returns how many were acknowledged.
     */
    public int acknowledgeAll(String kind, Long throughId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET acknowledged_at = ?"
                    + " WHERE acknowledged_at IS NULL AND (? IS NULL OR kind = ?) AND (? IS NULL OR id <= ?)")) {
                ps.setString(1, clock.instant().toString());
                ps.setString(2, kind);
                ps.setString(3, kind);
                setSeq(ps, 4, throughId);
                setSeq(ps, 5, throughId);
                return ps.executeUpdate();
            }
        });
    }

    /** Acknowledges the open alerts of {@code kind} about {@code peer} (its matter was settled). */
    public int acknowledgeOpen(String kind, String peer) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alerts SET acknowledged_at = ?"
                    + " WHERE acknowledged_at IS NULL AND kind = ? AND peer = ?")) {
                ps.setString(1, clock.instant().toString());
                ps.setString(2, kind);
                ps.setString(3, peer);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Deletes the open alerts of {@code kind} raised before {@code before} about a peer not in {@code
     * keep}: alerts whose matter went away by itself (a follow request that expired unanswered), so
     * they neither pile up nor stay open. Returns how many were deleted.
     */
    public int forgetOpen(String kind, Instant before, Collection<String> keep) {
        ArrayNode peers = JsonNodeFactory.instance.arrayNode();
        keep.forEach(peers::add);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM alerts WHERE acknowledged_at IS NULL"
                    + " AND kind = ? AND created_at < ? AND peer NOT IN (SELECT value FROM json_each(?))")) {
                ps.setString(1, kind);
                ps.setString(2, before.toString());
                ps.setString(3, peers.toString());
                return ps.executeUpdate();
            }
        });
    }

    /** Alerts not acknowledged yet, of every kind. */
    public int openCount() {
        return db.read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM alerts WHERE acknowledged_at IS NULL")) {
                rs.next();
                return rs.getInt(1);
            }
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
                c.prepareStatement("INSERT INTO alerts (kind, peer, origin, seq, message, details, created_at,"
                        + " last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, kind);
            ps.setString(2, peer);
            ps.setString(3, origin == null ? null : origin.value());
            setSeq(ps, 4, seq);
            ps.setString(5, message);
            ps.setString(6, details == null ? null : details.toString());
            ps.setString(7, now.toString());
            ps.setString(8, now.toString());
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
                        String lastSeen = rs.getString(11);
                        out.add(new Alert(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                seqOrNull,
                                rs.getString(6),
                                rs.getString(7),
                                Instant.parse(rs.getString(8)),
                                ack == null ? null : Instant.parse(ack),
                                rs.getLong(10),
                                lastSeen == null ? null : Instant.parse(lastSeen),
                                rs.getString(12)));
                    }
                }
            }
            return out;
        });
    }
}
