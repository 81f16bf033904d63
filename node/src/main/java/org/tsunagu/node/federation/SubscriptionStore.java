package org.tsunagu.node.federation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.HubId;

/** Whom this node follows (table {@code fed_subscriptions}); each row is a pinned peer. */
final class SubscriptionStore {
    enum Status {
        ACTIVE,
        PENDING,
        REFUSED,
        FAILED;

        String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status fromWire(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    record Subscription(
            HubId hub, OriginFilter origins, Status status, Instant createdAt, Instant lastPullAt, String lastError) {}

    private final Database db;
    private final Clock clock;

    SubscriptionStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void put(HubId hub, OriginFilter origins, Status status, String error) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO fed_subscriptions (hub, origins, status, created_at, last_error) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (hub) DO UPDATE SET origins = excluded.origins, status = excluded.status, "
                            + "last_error = excluded.last_error")) {
                ps.setString(1, hub.value());
                ps.setString(2, origins.toJson());
                ps.setString(3, status.wire());
                ps.setString(4, clock.instant().toString());
                ps.setString(5, error);
                return ps.executeUpdate();
            }
        });
    }

    void markPulled(HubId hub, String error) {
        db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE fed_subscriptions SET last_pull_at = ?, last_error = ? WHERE hub = ?")) {
                ps.setString(1, clock.instant().toString());
                ps.setString(2, error);
                ps.setString(3, hub.value());
                return ps.executeUpdate();
            }
        });
    }

    boolean delete(HubId hub) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM fed_subscriptions WHERE hub = ?")) {
                ps.setString(1, hub.value());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** One subscription by its hub: a key lookup (an inbox asks this on every push it takes). */
    Optional<Subscription> find(HubId hub) {
        List<Subscription> found = select("WHERE hub = ?", hub.value());
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    List<Subscription> list() {
        return select("ORDER BY hub", null);
    }

    private List<Subscription> select(String where, String arg) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT hub, origins, status, created_at, last_pull_at, last_error FROM fed_subscriptions "
                            + where)) {
                if (arg != null) {
                    ps.setString(1, arg);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Subscription> out = new ArrayList<>();
                    while (rs.next()) {
                        String pulled = rs.getString(5);
                        out.add(new Subscription(
                                HubId.of(rs.getString(1)),
                                OriginFilter.fromJson(rs.getString(2)),
                                Status.fromWire(rs.getString(3)),
                                Instant.parse(rs.getString(4)),
                                pulled == null ? null : Instant.parse(pulled),
                                rs.getString(6)));
                    }
                    return out;
                }
            }
        });
    }
}
