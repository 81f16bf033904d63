package org.tsunagu.node.log;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.sign.Ed25519PublicKey;

/**
 * Hubs and their keys: which key signs which seqs of each origin. A hub is first pinned (its own key,
 * a peer's key fetched by an admin, or learned from a relayed seq-1 profile); afterwards only a
 * {@code key.rotate} signed by the current key moves it on.
 */
public final class KeyRing {
    private final Database db;
    private final Clock clock;

    public KeyRing(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The key that must have signed {@code origin}'s envelope at {@code seq}, if known. */
    public Optional<Ed25519PublicKey> keyFor(HubId origin, long seq) {
        return db.read(c -> keyFor(c, origin, seq)).map(k -> new KeyId(k).publicKey());
    }

    /** The key that signs {@code origin}'s next envelopes. */
    public Optional<KeyId> currentKey(HubId origin) {
        return db.read(c -> currentKey(c, origin)).map(KeyId::new);
    }

    /** Every hub whose current key is {@code key}, by hub id (one, unless a hub showed another's key). */
    public List<HubId> hubsWithCurrentKey(KeyId key) {
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT hub FROM hub_keys WHERE key = ? AND to_seq IS NULL ORDER BY hub")) {
                ps.setString(1, key.value());
                List<HubId> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(HubId.of(rs.getString(1)));
                    }
                }
                return out;
            }
        });
    }

    /** The hub whose current key is {@code key}, if this node pinned it for one. */
    public Optional<HubId> hubWithCurrentKey(KeyId key) {
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT hub FROM hub_keys WHERE key = ? AND to_seq IS NULL LIMIT 1")) {
                ps.setString(1, key.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(HubId.of(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** Every key of {@code origin}, oldest first. */
    public List<HubKey> history(HubId origin) {
        return db.read(c -> {
            List<HubKey> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT key, from_seq, to_seq, source, added_at FROM hub_keys WHERE hub = ? ORDER BY from_seq")) {
                ps.setString(1, origin.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long to = rs.getLong(3);
                        Long toSeq = rs.wasNull() ? null : to;
                        out.add(new HubKey(
                                origin,
                                new KeyId(rs.getString(1)),
                                rs.getLong(2),
                                toSeq,
                                KeySource.fromSql(rs.getString(4)),
                                Instant.parse(rs.getString(5))));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Pins {@code key} for a hub not yet known: it signs from seq 1 (or, if part of the log is already
     * held, from the next seq).
     *
     * @throws KeyConflictException if the hub already has a different current key
     */
    public void pin(HubId hub, KeyId key, KeySource source) {
        db.inTransaction(c -> {
            pin(c, hub, key, source, clock.instant());
            return null;
        });
    }

    static void pin(Connection c, HubId hub, KeyId key, KeySource source, Instant now) throws SQLException {
        Optional<String> current = currentKey(c, hub);
        if (current.isPresent()) {
            if (current.get().equals(key.value())) {
                return;
            }
            throw new KeyConflictException(hub, new KeyId(current.get()), key);
        }
        ensureHub(c, hub);
        long from = LogStore.head(c, hub).map(h -> h.seq() + 1).orElse(1L);
        insertKey(c, hub, key, from, source, now);
        if (source == KeySource.LEARNED_FROM_PROFILE) {
            // Trust on first sight: nobody compared this key out of band, so the admin must see it.
            AlertStore.insert(
                    c,
                    Alert.KEY_LEARNED,
                    null,
                    hub,
                    from,
                    "pinned the key of " + hub + " on first sight of its signed hub.profile: fingerprint "
                            + key.fingerprint() + "; compare it with the hub out of band",
                    JsonNodeFactory.instance.objectNode().put("key", key.value()),
                    now);
        }
    }

    /**
     * An admin replaces {@code hub}'s key out of band (SPEC §8, a stolen key): {@code key} signs from the
     * seq after the head held; the envelopes held keep the key they were signed with.
     *
     * @return false when nothing of {@code hub} is pinned
     */
    public boolean replace(HubId hub, KeyId key) {
        key.publicKey(); // the full check of SPEC §2 before pinning
        return db.inTransaction(c -> {
            Optional<String> current = currentKey(c, hub);
            if (current.isEmpty()) {
                return false;
            }
            if (current.get().equals(key.value())) {
                return true;
            }
            long head = LogStore.head(c, hub).map(h -> h.seq()).orElse(0L);
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM hub_keys WHERE hub = ? AND to_seq IS NULL AND from_seq > ?")) {
                ps.setString(1, hub.value());
                ps.setLong(2, head);
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE hub_keys SET to_seq = ? WHERE hub = ? AND to_seq IS NULL")) {
                ps.setLong(1, head);
                ps.setString(2, hub.value());
                ps.executeUpdate();
            }
            Instant now = clock.instant();
            insertKey(c, hub, key, head + 1, KeySource.PEER_PINNED, now);
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE fed_peers SET key = ?, updated_at = ? WHERE hub = ?")) {
                ps.setString(1, key.value());
                ps.setString(2, now.toString());
                ps.setString(3, hub.value());
                ps.executeUpdate();
            }
            AlertStore.insert(
                    c,
                    Alert.KEY_REPLACED,
                    null,
                    hub,
                    head + 1,
                    "the admin replaced the key of " + hub + " out of band: from seq " + (head + 1) + " fingerprint "
                            + key.fingerprint() + " (was " + new KeyId(current.get()).fingerprint() + ")",
                    JsonNodeFactory.instance
                            .objectNode()
                            .put("old_key", current.get())
                            .put("new_key", key.value()),
                    now);
            return true;
        });
    }

    /** A {@code key.rotate} at {@code seq}: the current key signs up to seq, {@code next} from seq + 1. */
    static void rotate(Connection c, HubId hub, long seq, KeyId next, Instant now) throws SQLException {
        Optional<String> previous = currentKey(c, hub);
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE hub_keys SET to_seq = ? WHERE hub = ? AND to_seq IS NULL")) {
            ps.setLong(1, seq);
            ps.setString(2, hub.value());
            ps.executeUpdate();
        }
        insertKey(c, hub, next, seq + 1, KeySource.ROTATION, now);
        ObjectNode details = JsonNodeFactory.instance.objectNode().put("new_key", next.value());
        String was = "";
        if (previous.isPresent()) {
            details.put("old_key", previous.get());
            was = " (was " + new KeyId(previous.get()).fingerprint() + ")";
        }
        AlertStore.insert(
                c,
                Alert.KEY_ROTATION,
                null,
                hub,
                seq,
                hub + " rotated its key at seq " + seq + ": envelopes from seq " + (seq + 1)
                        + " are signed by fingerprint " + next.fingerprint() + was,
                details,
                now);
    }

    /** The key id text (not decoded: decoding validates the point, which costs about one verify). */
    static Optional<String> keyFor(Connection c, HubId origin, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT key FROM hub_keys WHERE hub = ? AND from_seq <= ?"
                + " AND (to_seq IS NULL OR to_seq >= ?) ORDER BY from_seq DESC LIMIT 1")) {
            ps.setString(1, origin.value());
            ps.setLong(2, seq);
            ps.setLong(3, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static Optional<String> currentKey(Connection c, HubId origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT key FROM hub_keys WHERE hub = ? AND to_seq IS NULL")) {
            ps.setString(1, origin.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static void ensureHub(Connection c, HubId hub) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO hubs (hub) VALUES (?)")) {
            ps.setString(1, hub.value());
            ps.executeUpdate();
        }
    }

    private static void insertKey(Connection c, HubId hub, KeyId key, long from, KeySource source, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO hub_keys (hub, key, from_seq, to_seq, source, added_at) VALUES (?, ?, ?, NULL, ?, ?)")) {
            ps.setString(1, hub.value());
            ps.setString(2, key.value());
            ps.setLong(3, from);
            ps.setString(4, source.sql());
            ps.setString(5, now.toString());
            ps.executeUpdate();
        }
    }
}
