package org.tsunagu.node.federation;

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

/** Hubs whose key an admin pinned (table {@code fed_peers}). */
final class PeerStore {
    record Peer(HubId hub, String url, KeyId key, Instant pinnedAt, Instant updatedAt) {}

    private static final String COLUMNS = "hub, url, key, pinned_at, updated_at";
    private final Database db;
    private final Clock clock;

    PeerStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Pins (or re-pins after a verified rotation) the key of {@code hub}, reached at {@code url}. */
    Peer pin(HubId hub, String url, KeyId key) {
        String now = clock.instant().toString();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO fed_peers (hub, url, key, pinned_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (hub) DO UPDATE SET url = excluded.url, key = excluded.key, "
                            + "updated_at = excluded.updated_at")) {
                ps.setString(1, hub.value());
                ps.setString(2, url);
                ps.setString(3, key.value());
                ps.setString(4, now);
                ps.setString(5, now);
                return ps.executeUpdate();
            }
        });
        return find(hub).orElseThrow();
    }

    /** Follows a key.rotate seen in the peer's own log. */
    void updateKey(HubId hub, KeyId key) {
        db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE fed_peers SET key = ?, updated_at = ? WHERE hub = ?")) {
                ps.setString(1, key.value());
                ps.setString(2, clock.instant().toString());
                ps.setString(3, hub.value());
                return ps.executeUpdate();
            }
        });
    }

    /** Forgets a peer (and, first, this node's subscription to it). */
    boolean delete(HubId hub) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM fed_subscriptions WHERE hub = ?")) {
                ps.setString(1, hub.value());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM fed_peers WHERE hub = ?")) {
                ps.setString(1, hub.value());
                return ps.executeUpdate() > 0;
            }
        });
    }

    Optional<Peer> find(HubId hub) {
        return one("WHERE hub = ?", hub.value());
    }

    Optional<Peer> findByUrl(String url) {
        return one("WHERE url = ?", url);
    }

    Optional<Peer> findByKey(KeyId key) {
        return one("WHERE key = ?", key.value());
    }

    List<Peer> list() {
        return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM fed_peers ORDER BY hub", null));
    }

    private Optional<Peer> one(String where, String arg) {
        return db.read(c -> query(c, "SELECT " + COLUMNS + " FROM fed_peers " + where, arg)).stream()
                .findFirst();
    }

    private static List<Peer> query(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<Peer> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Peer(
                            HubId.of(rs.getString(1)),
                            rs.getString(2),
                            new KeyId(rs.getString(3)),
                            Instant.parse(rs.getString(4)),
                            Instant.parse(rs.getString(5))));
                }
            }
            return out;
        }
    }
}
