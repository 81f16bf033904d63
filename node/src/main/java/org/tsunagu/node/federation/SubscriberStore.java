package org.tsunagu.node.federation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;

/**
 * Who follows this node (table {@code fed_subscribers}) and, per subscriber and origin, the seq
 * delivered so far (table {@code fed_outbox}: the durable outbox position).
 */
final class SubscriberStore {
    enum Status {
        ACTIVE,
        PENDING,
        REFUSED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status fromWire(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    record Subscriber(
            HubId hub,
            KeyId key,
            String inbox,
            OriginFilter origins,
            Status status,
            Instant createdAt,
            int failures,
            long nextAttemptMs,
            String lastError,
            Instant lastDeliveryAt) {}

    private final Database db;
    private final Clock clock;

    SubscriberStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Records a subscription request and returns the status stored (an approval already given to the
     * same key stands). The outbox starts at {@code heads} for origins not yet tracked: the follower
     * pulls the history itself, pushes carry what comes after.
     */
    Status put(HubId hub, KeyId key, String inbox, OriginFilter origins, Status status, Map<HubId, Long> heads) {
        String now = clock.instant().toString();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO fed_subscribers (hub, key, inbox, origins, status, created_at, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hub) DO UPDATE SET key = excluded.key, "
                            + "inbox = excluded.inbox, origins = excluded.origins, "
                            // A follower asking again while its first request is pending races the admin's
                            // approval: the ask read "pending" before the approval committed. Decided here,
                            // in the write transaction, an approval of the same key is never undone.
                            + "status = CASE WHEN fed_subscribers.status = 'active' AND excluded.status = 'pending'"
                            + " AND fed_subscribers.key = excluded.key THEN 'active' ELSE excluded.status END, "
                            + "updated_at = excluded.updated_at, failures = 0, next_attempt_ms = 0")) {
                ps.setString(1, hub.value());
                ps.setString(2, key.value());
                ps.setString(3, inbox);
                ps.setString(4, origins.toJson());
                ps.setString(5, status.wire());
                ps.setString(6, now);
                ps.setString(7, now);
                ps.executeUpdate();
            }
            Status stored;
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM fed_subscribers WHERE hub = ?")) {
                ps.setString(1, hub.value());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    stored = Status.fromWire(rs.getString(1));
                }
            }
            startOutbox(c, hub, heads);
            return stored;
        });
    }

    /** Records whether {@code hub}'s subscriber entry, held for {@code key}, reads version 2 envelopes. */
    void readsV2(HubId hub, KeyId key, boolean readsV2) {
        if (readsV2(hub) == readsV2) {
            return; // a follower re-confirms on every pull: no write, no wait for the writer
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE fed_subscribers SET reads_v2 = ? WHERE hub = ? AND key = ? AND reads_v2 <> ?")) {
                ps.setInt(1, readsV2 ? 1 : 0);
                ps.setString(2, hub.value());
                ps.setString(3, key.value());
                ps.setInt(4, readsV2 ? 1 : 0);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Whether the subscriber {@code hub} declared that it reads version 2 envelopes (SPEC §10.4). */
    boolean readsV2(HubId hub) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT reads_v2 FROM fed_subscribers WHERE hub = ?")) {
                ps.setString(1, hub.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            }
        });
    }

    /** Sets the status; on activation the outbox starts at {@code heads} for origins not yet tracked. */
    boolean setStatus(HubId hub, Status status, Map<HubId, Long> heads) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE fed_subscribers SET status = ?, updated_at = ?, failures = 0, next_attempt_ms = 0 "
                            + "WHERE hub = ?")) {
                ps.setString(1, status.wire());
                ps.setString(2, clock.instant().toString());
                ps.setString(3, hub.value());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            if (status == Status.ACTIVE) {
                startOutbox(c, hub, heads);
            }
            return true;
        });
    }

    private static void startOutbox(Connection c, HubId hub, Map<HubId, Long> heads) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO fed_outbox (subscriber, origin, delivered) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Map.Entry<HubId, Long> e : heads.entrySet()) {
                ps.setString(1, hub.value());
                ps.setString(2, e.getKey().value());
                ps.setLong(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A subscription request naming a hub another key already asked for, kept apart (V005). */
    record Claim(HubId hub, KeyId key, String inbox, OriginFilter origins, Instant createdAt) {}

    /** Records (or renews) {@code key}'s claim to follow as {@code hub}; the hub's entry is not touched. */
    void putClaim(HubId hub, KeyId key, String inbox, OriginFilter origins) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO fed_subscriber_claims (hub, key, inbox, origins, created_at) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (hub, key) DO UPDATE SET inbox = excluded.inbox, origins = excluded.origins")) {
                ps.setString(1, hub.value());
                ps.setString(2, key.value());
                ps.setString(3, inbox);
                ps.setString(4, origins.toJson());
                ps.setString(5, clock.instant().toString());
                return ps.executeUpdate();
            }
        });
    }

    List<Claim> claims() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT hub, key, inbox, origins, created_at FROM fed_subscriber_claims ORDER BY hub, created_at")) {
                List<Claim> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Claim(
                                HubId.of(rs.getString(1)),
                                new KeyId(rs.getString(2)),
                                rs.getString(3),
                                OriginFilter.fromJson(rs.getString(4)),
                                Instant.parse(rs.getString(5))));
                    }
                }
                return out;
            }
        });
    }

    boolean deleteClaim(HubId hub, KeyId key) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM fed_subscriber_claims WHERE hub = ? AND key = ?")) {
                ps.setString(1, hub.value());
                ps.setString(2, key.value());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Requests waiting for an admin: pending entries and claims. */
    int pendingCount() {
        return db.read(c -> {
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT (SELECT count(*) FROM fed_subscribers WHERE status = 'pending')"
                                    + " + (SELECT count(*) FROM fed_subscriber_claims)");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    /** Forgets pending entries and claims no admin decided on for {@code age}; returns the cutoff. */
    java.time.Instant expirePending(java.time.Duration age) {
        java.time.Instant before = clock.instant().minus(age);
        String cutoff = before.toString();
        db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM fed_subscribers WHERE status = 'pending' AND updated_at < ?")) {
                ps.setString(1, cutoff);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM fed_subscriber_claims WHERE created_at < ?")) {
                ps.setString(1, cutoff);
                ps.executeUpdate();
            }
            return null;
        });
        return before;
    }

    boolean delete(HubId hub) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM fed_subscribers WHERE hub = ?")) {
                ps.setString(1, hub.value());
                return ps.executeUpdate() > 0;
            }
        });
    }

    Optional<Subscriber> find(HubId hub) {
        return query("WHERE hub = ?", hub.value()).stream().findFirst();
    }

    List<Subscriber> list() {
        return query("", null);
    }

    List<Subscriber> active() {
        return query("WHERE status = ?", Status.ACTIVE.wire());
    }

    /** The seq delivered per origin (origins never delivered are absent: start from 0). */
    Map<HubId, Long> delivered(HubId subscriber) {
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT origin, delivered FROM fed_outbox WHERE subscriber = ?")) {
                ps.setString(1, subscriber.value());
                Map<HubId, Long> out = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(HubId.of(rs.getString(1)), rs.getLong(2));
                    }
                }
                return out;
            }
        });
    }

    /** A batch was accepted by the subscriber: move its outbox past it and clear the failure count. */
    void delivered(HubId subscriber, Map<HubId, Long> upTo) {
        db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO fed_outbox (subscriber, origin, delivered) VALUES (?, ?, ?) "
                            + "ON CONFLICT (subscriber, origin) DO UPDATE SET delivered = "
                            + "max(delivered, excluded.delivered)")) {
                for (Map.Entry<HubId, Long> e : upTo.entrySet()) {
                    ps.setString(1, subscriber.value());
                    ps.setString(2, e.getKey().value());
                    ps.setLong(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE fed_subscribers SET failures = 0, next_attempt_ms = 0, last_error = NULL, "
                            + "last_delivery_at = ? WHERE hub = ?")) {
                ps.setString(1, clock.instant().toString());
                ps.setString(2, subscriber.value());
                ps.executeUpdate();
            }
            return null;
        });
    }

    void failed(HubId subscriber, int failures, long nextAttemptMs, String error) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE fed_subscribers SET failures = ?, next_attempt_ms = ?, last_error = ? WHERE hub = ?")) {
                ps.setInt(1, failures);
                ps.setLong(2, nextAttemptMs);
                ps.setString(3, error);
                ps.setString(4, subscriber.value());
                return ps.executeUpdate();
            }
        });
    }

    private List<Subscriber> query(String where, String arg) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT hub, key, inbox, origins, status, created_at, failures, next_attempt_ms, last_error, "
                            + "last_delivery_at FROM fed_subscribers " + where + " ORDER BY hub")) {
                if (arg != null) {
                    ps.setString(1, arg);
                }
                List<Subscriber> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String last = rs.getString(10);
                        out.add(new Subscriber(
                                HubId.of(rs.getString(1)),
                                new KeyId(rs.getString(2)),
                                rs.getString(3),
                                OriginFilter.fromJson(rs.getString(4)),
                                Status.fromWire(rs.getString(5)),
                                Instant.parse(rs.getString(6)),
                                rs.getInt(7),
                                rs.getLong(8),
                                rs.getString(9),
                                last == null ? null : Instant.parse(last)));
                    }
                }
                return out;
            }
        });
    }
}
