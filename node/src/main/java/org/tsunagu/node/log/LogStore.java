package org.tsunagu.node.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.LogChain;
import org.tsunagu.protocol.body.OrganizationErasure;

/**
 * The append-only logs of every origin held, envelopes stored in their canonical (signed) form.
 * Appending is package-private: only {@link Publisher} and {@link Ingestor} write, inside the
 * transaction that also updates the materialised state.
 */
public final class LogStore {
    /** The most a single feed call returns, whatever the caller asks for. */
    public static final int MAX_FEED_LIMIT = 10_000;

    private final Database db;

    public LogStore(Database db) {
        this.db = db;
    }

    public Optional<LogChain.Head> head(HubId origin) {
        return db.read(c -> head(c, origin));
    }

    /** The hash of the envelope held at {@code seq}, or {@code null} if none is. */
    public String hashAt(HubId origin, long seq) {
        return db.read(c -> hashAt(c, origin, seq));
    }

    /** The envelope held at {@code seq}, if any. */
    public Optional<Envelope> envelope(HubId origin, long seq) {
        return Optional.ofNullable(db.read(c -> envelopeTextAt(c, origin, seq))).map(Envelope::parse);
    }

    /** Envelopes of {@code origin} with seq > {@code afterSeq}, in order, at most {@code limit}. */
    public List<Envelope> feed(HubId origin, long afterSeq, int limit) {
        List<Envelope> out = new ArrayList<>();
        streamFeed(origin, afterSeq, limit, line -> out.add(Envelope.parse(line)));
        return out;
    }

    /**
     * Like {@link #feed} but hands each envelope's canonical JSON to {@code sink} without parsing it:
     * what the NDJSON feed writes, byte for byte as signed.
     */
    public void streamFeed(HubId origin, long afterSeq, int limit, Consumer<String> sink) {
        int bounded = Math.max(0, Math.min(limit, MAX_FEED_LIMIT));
        db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT envelope FROM log WHERE origin = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                ps.setString(1, origin.value());
                ps.setLong(2, afterSeq);
                ps.setInt(3, bounded);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(rs.getString(1));
                    }
                }
            }
            return null;
        });
    }

    /** Every origin held, with its head; ordered by origin. */
    public List<FeedHead> heads() {
        return db.read(c -> {
            List<FeedHead> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT origin, seq, hash, updated_at FROM log_heads ORDER BY origin")) {
                while (rs.next()) {
                    out.add(new FeedHead(
                            HubId.of(rs.getString(1)), rs.getLong(2), rs.getString(3), Instant.parse(rs.getString(4))));
                }
            }
            return out;
        });
    }

    /** The first seq of {@code origin}'s log that is version 2 (SPEC §11), if any. */
    public Optional<Long> firstVersion2Seq(HubId origin) {
        return firstVersion2Seq(origin, 0, Long.MAX_VALUE - 1);
    }

    /** The first version 2 seq among the {@code count} after {@code after} (a bounded scan), if any. */
    public Optional<Long> firstVersion2Seq(HubId origin, long after, long count) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT min(seq) FROM log WHERE origin = ? AND seq > ?"
                    + " AND seq <= ? AND substr(envelope, -6) = '\"v\":2}'")) {
                ps.setString(1, origin.value());
                ps.setLong(2, after);
                ps.setLong(3, after + count);
                try (ResultSet rs = ps.executeQuery()) {
                    long seq = rs.next() ? rs.getLong(1) : 0;
                    return seq > 0 ? Optional.of(seq) : Optional.<Long>empty();
                }
            }
        });
    }

    /**
     * The canonical {@code org.erase} envelopes of {@code origin} after {@code after}, in order, at most
     * {@code limit}, that no {@code key.rotate} precedes after {@code after}: what a pusher may send ahead
     * of a subscriber's backlog, since the subscriber can check them with the key it holds (SPEC §6.9).
     */
    public List<String> erasesAhead(HubId origin, long after, int limit) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT envelope FROM log WHERE origin = ? AND seq > ?"
                    + " AND type = 'org.erase' AND seq < coalesce((SELECT min(seq) FROM log WHERE origin = ?"
                    + " AND seq > ? AND type = 'key.rotate'), 9007199254740992) ORDER BY seq LIMIT ?")) {
                ps.setString(1, origin.value());
                ps.setLong(2, after);
                ps.setString(3, origin.value());
                ps.setLong(4, after);
                ps.setInt(5, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** Envelopes held, all origins together. */
    public long count() {
        return db.read(c -> {
            // Summing heads is exact (every chain is gapless from 1) and avoids scanning a large log.
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT coalesce(sum(seq), 0) FROM log_heads")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    static Optional<LogChain.Head> head(Connection c, HubId origin) throws SQLException {
        // The head's version decides whether a version 1 envelope may follow (SPEC §11); every canonical
        // version 2 envelope, full or redacted, ends with "v":2}.
        try (PreparedStatement ps = c.prepareStatement("SELECT h.seq, h.hash, substr(l.envelope, -6) = '\"v\":2}'"
                + " FROM log_heads h JOIN log l ON l.origin = h.origin AND l.seq = h.seq WHERE h.origin = ?")) {
            ps.setString(1, origin.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new LogChain.Head(
                                origin,
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getBoolean(3) ? Envelope.VERSION_2 : Envelope.VERSION))
                        : Optional.empty();
            }
        }
    }

    static String hashAt(Connection c, HubId origin, long seq) throws SQLException {
        return columnAt(c, "SELECT hash FROM log WHERE origin = ? AND seq = ?", origin, seq);
    }

    static String envelopeTextAt(Connection c, HubId origin, long seq) throws SQLException {
        return columnAt(c, "SELECT envelope FROM log WHERE origin = ? AND seq = ?", origin, seq);
    }

    private static String columnAt(Connection c, String sql, HubId origin, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, origin.value());
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Applies an {@code org.erase} at {@code erase.seq()}: every earlier version 2 {@code org.upsert} or
     * {@code org.remove} of the same origin about the erased id is stored redacted (body and salt gone;
     * hash, signature and chain unchanged). Version 1 envelopes cannot be redacted and stay (SPEC §6.9).
     *
     * @return the envelopes redacted, as they were before (with their bodies)
     */
    static List<Envelope> redactErased(Connection c, Envelope erase) throws SQLException {
        String id = OrganizationErasure.fromBody(erase.body()).id();
        List<Envelope> covered = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT envelope FROM log WHERE origin = ? AND seq < ?"
                + " AND type IN ('org.upsert', 'org.remove') AND substr(envelope, -6) = '\"v\":2}'")) {
            ps.setString(1, erase.origin().value());
            ps.setLong(2, erase.seq());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Envelope e = Envelope.parse(rs.getString(1));
                    if (!e.isRedacted() && id.equals(e.body().path("id").asText())) {
                        covered.add(e);
                    }
                }
            }
        }
        if (covered.isEmpty()) {
            return covered;
        }
        // Every connection runs with secure_delete on (Database), so the bytes the rewrite frees are
        // zeroed rather than left in free space.
        try (PreparedStatement ps = c.prepareStatement("UPDATE log SET envelope = ? WHERE origin = ? AND seq = ?")) {
            for (Envelope e : covered) {
                ps.setString(1, e.redacted().canonicalJson());
                ps.setString(2, e.origin().value());
                ps.setLong(3, e.seq());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return covered;
    }

    /**
     * How many version 1 {@code org.upsert}/{@code org.remove} envelopes of {@code origin} below {@code
     * beforeSeq} are about organisation {@code id}: bodies an erasure cannot redact (SPEC §6.9).
     */
    static int version1Bodies(Connection c, HubId origin, String id, long beforeSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM log WHERE origin = ? AND seq < ?"
                + " AND type IN ('org.upsert', 'org.remove') AND substr(envelope, -6) <> '\"v\":2}'"
                + " AND json_extract(envelope, '$.body.id') = ?")) {
            ps.setString(1, origin.value());
            ps.setLong(2, beforeSeq);
            ps.setString(3, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Appends {@code e}, which the caller has checked to be the next of its chain, and moves the head. */
    static void append(Connection c, Envelope e, Instant receivedAt) throws SQLException {
        String at = receivedAt.toString();
        appendOnly(c, e, at);
        moveHead(c, e, at);
    }

    /**
     * Appends {@code e} as {@link #append} does but leaves the head where it is: the caller moves it
     * to the last envelope it appended ({@link #moveHead}) before its transaction ends, and reads no
     * head of that origin from the database meanwhile.
     */
    static void appendOnly(Connection c, Envelope e, String receivedAt) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO log (origin, seq, hash, prev, type, ts, key, envelope, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT), ?)")) {
            ps.setString(1, e.origin().value());
            ps.setLong(2, e.seq());
            ps.setString(3, e.hash());
            ps.setString(4, e.prev());
            ps.setString(5, e.type().wire());
            ps.setString(6, e.ts());
            ps.setString(7, e.key().value());
            // The canonical UTF-8 bytes, bound as they are and stored as TEXT: a String would decode them
            // and the driver encode them again, two copies of every envelope a follower stores (issue 14).
            ps.setBytes(8, e.canonicalBytes());
            ps.setString(9, receivedAt);
            ps.executeUpdate();
        }
    }

    /** Moves the head of {@code e}'s origin to {@code e}, appended at {@code receivedAt}. */
    static void moveHead(Connection c, Envelope e, String receivedAt) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO log_heads (origin, seq, hash, updated_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (origin) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,"
                        + " updated_at = excluded.updated_at")) {
            ps.setString(1, e.origin().value());
            ps.setLong(2, e.seq());
            ps.setString(3, e.hash());
            ps.setString(4, receivedAt);
            ps.executeUpdate();
        }
    }
}
