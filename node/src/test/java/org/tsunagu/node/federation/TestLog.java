package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tsunagu.protocol.ChainException;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.LogChain;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * A small signed log following the node internals contract (key per origin and seq, chain check,
 * duplicates, gaps, equivocation evidence, learning an origin from its seq-1 hub.profile), standing in
 * for the log package in federation tests.
 */
final class TestLog implements NodeLog {
    private final TestDb db;
    private final HubId self;
    private final Clock clock;
    private final boolean learnFromProfile;
    private volatile Ed25519KeyPair key;

    TestLog(TestDb db, HubId self, Ed25519KeyPair key, Clock clock, boolean learnFromProfile) {
        this.db = db;
        this.self = self;
        this.key = key;
        this.clock = clock;
        this.learnFromProfile = learnFromProfile;
        if (currentKey(self).isEmpty()) {
            db.inTransaction(c -> insertKey(c, self, key.publicKey().keyId(), 1));
        }
    }

    Ed25519KeyPair key() {
        return key;
    }

    Envelope publish(UpdateType type, JsonNode body) {
        return db.inTransaction(c -> {
            Optional<LogChain.Head> head = head(c, self);
            long seq = head.map(h -> h.seq() + 1).orElse(1L);
            Envelope e = Envelope.sign(
                    self, seq, head.map(LogChain.Head::hash).orElse(null), clock.instant(), type, body, key);
            insert(c, e);
            return e;
        });
    }

    /** key.rotate signed by the old key, then switch. */
    Envelope rotate(Ed25519KeyPair next) {
        Envelope e = publish(
                UpdateType.KEY_ROTATE,
                FederationFixtures.json(
                        "{\"new_key\":\"" + next.publicKey().keyId().value() + "\"}"));
        db.inTransaction(c -> insertKey(c, self, next.publicKey().keyId(), e.seq() + 1));
        key = next;
        return e;
    }

    @Override
    public Map<HubId, Long> heads() {
        return db.read(c -> {
            Map<HubId, Long> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT origin, max(seq) FROM log GROUP BY origin");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(HubId.of(rs.getString(1)), rs.getLong(2));
                }
            }
            return out;
        });
    }

    @Override
    public List<String> feed(HubId origin, long after, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT envelope FROM log WHERE origin = ? AND seq > ? ORDER BY seq LIMIT ?")) {
                ps.setString(1, origin.value());
                ps.setLong(2, after);
                ps.setInt(3, limit);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public IngestResult ingest(List<Envelope> batch) {
        return db.inTransaction(c -> {
            int accepted = 0;
            int duplicates = 0;
            List<IngestResult.Rejection> rejected = new ArrayList<>();
            Map<String, Long> gaps = new HashMap<>();
            List<IngestResult.Rejection> equivocations = new ArrayList<>();
            Set<HubId> stopped = new HashSet<>();
            for (Envelope e : batch) {
                HubId o = e.origin();
                if (stopped.contains(o)) {
                    continue;
                }
                if (isHalted(c, o)) {
                    rejected.add(reject(e, "HALTED", null, "origin halted after an equivocation"));
                    continue;
                }
                Optional<KeyId> k = keyFor(c, o, e.seq());
                if (k.isEmpty() && learnFromProfile && e.seq() == 1 && e.type() == UpdateType.HUB_PROFILE) {
                    k = Optional.of(e.key());
                    insertKey(c, o, e.key(), 1);
                }
                if (k.isEmpty()) {
                    rejected.add(reject(e, "UNKNOWN_ORIGIN", "$.origin", "no pinned key"));
                    continue;
                }
                if (!k.get().equals(e.key())) {
                    rejected.add(reject(e, "WRONG_KEY", "$.key", "not the origin's key at this seq"));
                    continue;
                }
                try {
                    e.verifySignature(k.get().publicKey());
                    LogChain.Head head = head(c, o).orElse(null);
                    if (LogChain.check(head, e, s -> hashAt(c, o, s)) == LogChain.Outcome.DUPLICATE) {
                        duplicates++;
                        continue;
                    }
                    insert(c, e);
                    accepted++;
                    if (e.type() == UpdateType.KEY_ROTATE) {
                        insertKey(c, o, KeyId.parse(e.body().get("new_key").asText(), "$.body.new_key"), e.seq() + 1);
                    }
                } catch (ChainException ce) {
                    if (ce.kind() == ChainException.Kind.GAP) {
                        gaps.put(o.value(), head(c, o).map(h -> h.seq() + 1).orElse(1L));
                        stopped.add(o);
                    } else if (ce.kind() == ChainException.Kind.EQUIVOCATION) {
                        try (PreparedStatement ps =
                                c.prepareStatement("INSERT INTO evidence (origin, seq, envelope) VALUES (?, ?, ?)")) {
                            ps.setString(1, o.value());
                            ps.setLong(2, e.seq());
                            ps.setString(3, e.canonicalJson());
                            ps.executeUpdate();
                        }
                        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO halted VALUES (?)")) {
                            ps.setString(1, o.value());
                            ps.executeUpdate();
                        }
                        equivocations.add(reject(e, "EQUIVOCATION", ce.path(), ce.getMessage()));
                        stopped.add(o);
                    } else {
                        rejected.add(reject(e, ce.kind().name(), ce.path(), ce.getMessage()));
                    }
                } catch (ProtocolException pe) {
                    rejected.add(reject(e, "BAD_SIGNATURE", pe.path(), pe.getMessage()));
                }
            }
            return new IngestResult(accepted, duplicates, rejected, gaps, equivocations);
        });
    }

    private static IngestResult.Rejection reject(Envelope e, String reason, String path, String message) {
        return new IngestResult.Rejection(e.origin().value(), e.seq(), reason, path, message);
    }

    @Override
    public Optional<KeyId> currentKey(HubId origin) {
        return db.read(c -> keyFor(c, origin, Long.MAX_VALUE));
    }

    @Override
    public void pinPeerKey(HubId origin, KeyId k) {
        db.inTransaction(c -> keyFor(c, origin, Long.MAX_VALUE).isPresent() ? 0 : insertKey(c, origin, k, 1));
    }

    int evidenceCount() {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM evidence")) {
                return rs.getInt(1);
            }
        });
    }

    private static boolean isHalted(Connection c, HubId o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM halted WHERE origin = ?")) {
            ps.setString(1, o.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Optional<KeyId> keyFor(Connection c, HubId o, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key FROM keys WHERE origin = ? AND from_seq <= ? ORDER BY from_seq DESC LIMIT 1")) {
            ps.setString(1, o.value());
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new KeyId(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static int insertKey(Connection c, HubId o, KeyId k, long from) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT OR REPLACE INTO keys (origin, key, from_seq) VALUES (?, ?, ?)")) {
            ps.setString(1, o.value());
            ps.setString(2, k.value());
            ps.setLong(3, from);
            return ps.executeUpdate();
        }
    }

    private static Optional<LogChain.Head> head(Connection c, HubId o) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT seq, hash FROM log WHERE origin = ? ORDER BY seq DESC LIMIT 1")) {
            ps.setString(1, o.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new LogChain.Head(o, rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    private static String hashAt(Connection c, HubId o, long seq) {
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM log WHERE origin = ? AND seq = ?")) {
            ps.setString(1, o.value());
            ps.setLong(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void insert(Connection c, Envelope e) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO log (origin, seq, hash, envelope) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, e.origin().value());
            ps.setLong(2, e.seq());
            ps.setString(3, e.hash());
            ps.setString(4, e.canonicalJson());
            ps.executeUpdate();
        }
    }
}
