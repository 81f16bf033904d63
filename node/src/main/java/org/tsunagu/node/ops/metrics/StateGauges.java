package org.tsunagu.node.ops.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.db.SqlFunction;

/**
 * Gauges read from the database when metrics are scraped: its size, the log, halted origins and
 * equivocation evidence, open alerts, and each subscriber's outbox (envelopes waiting and the age of
 * the oldest). Reading at scrape time keeps them exact without hooks in the code that writes.
 */
final class StateGauges {
    private final Database db;
    private final Clock clock;
    private final MultiGauge outboxDepth;
    private final MultiGauge outboxOldest;

    StateGauges(MeterRegistry registry, Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        Gauge.builder("tsunagu.database.size", db, d -> d.sizeBytes())
                .description("Bytes on disk of the database and its write-ahead log")
                .baseUnit("bytes")
                .register(registry);
        gauge(
                registry,
                "tsunagu.log.envelopes",
                "Envelopes held, all origins",
                "SELECT coalesce(sum(seq), 0) FROM log_heads");
        gauge(registry, "tsunagu.log.origins", "Origins whose log is held", "SELECT count(*) FROM log_heads");
        gauge(
                registry,
                "tsunagu.origins.halted",
                "Origins halted after an equivocation",
                "SELECT count(*) FROM hubs WHERE halted_at IS NOT NULL");
        gauge(
                registry,
                "tsunagu.equivocations",
                "Equivocation evidence held (pairs of envelopes)",
                "SELECT count(*) FROM equivocations");
        gauge(
                registry,
                "tsunagu.alerts.open",
                "Alerts not yet acknowledged by an admin",
                "SELECT count(*) FROM alerts WHERE acknowledged_at IS NULL");
        gauge(
                registry,
                "tsunagu.follow.requests.pending",
                "Peers asking to follow this hub, waiting for the admin's approval",
                "SELECT count(*) FROM fed_subscribers WHERE status = 'pending'");
        // Issue 13: nodes that follow this hub directly and have not acknowledged one of its erasures.
        gauge(
                registry,
                "tsunagu.erasures.waiting",
                "Erasures of this hub times direct followers not yet acknowledged by a receipt",
                "SELECT count(*) FROM log l JOIN fed_subscribers s ON s.status = 'active'"
                        + " WHERE l.type = 'org.erase' AND l.origin IN (SELECT hub FROM hub_keys WHERE source = 'local')"
                        + " AND NOT EXISTS (SELECT 1 FROM erasure_receipts r WHERE r.erase_seq = l.seq AND r.hub = s.hub)");
        this.outboxDepth = MultiGauge.builder("tsunagu.outbox.depth")
                .description("Envelopes waiting to be pushed to a subscriber")
                .register(registry);
        this.outboxOldest = MultiGauge.builder("tsunagu.outbox.oldest.age")
                .description("Age of the oldest envelope waiting to be pushed to a subscriber (0 = none waiting)")
                .baseUnit("seconds")
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String sql) {
        Gauge.builder(name, this, g -> g.number(sql)).description(description).register(registry);
    }

    private double number(String sql) {
        Double value = read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql);
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getDouble(1) : Double.NaN;
            }
        });
        return value == null ? Double.NaN : value;
    }

    /** One origin of one subscriber's outbox. */
    private record Pending(String subscriber, long depth, String oldestReceived) {}

    /** Re-reads the per-subscriber gauges (their set of subscribers changes over time). */
    void refresh() {
        Instant now = clock.instant();
        Map<String, long[]> depth = new TreeMap<>();
        Map<String, Instant> oldest = new TreeMap<>();
        for (String subscriber :
                readList("SELECT hub FROM fed_subscribers WHERE status = 'active'", rs -> rs.getString(1))) {
            depth.put(subscriber, new long[1]);
        }
        for (Pending p : pending()) {
            depth.computeIfAbsent(p.subscriber(), s -> new long[1])[0] += p.depth();
            if (p.oldestReceived() != null) {
                Instant at = Instant.parse(p.oldestReceived());
                oldest.merge(p.subscriber(), at, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<MultiGauge.Row<?>> depthRows = new ArrayList<>();
        List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
        depth.forEach((peer, n) -> {
            depthRows.add(MultiGauge.Row.of(Tags.of("peer", peer), n[0]));
            Instant at = oldest.get(peer);
            double age = at == null ? 0 : Math.max(0, Duration.between(at, now).toMillis() / 1000.0);
            ageRows.add(MultiGauge.Row.of(Tags.of("peer", peer), age));
        });
        outboxDepth.register(depthRows, true);
        outboxOldest.register(ageRows, true);
    }

    /**
     * What each active subscriber still has to receive, per origin: the origins its filter takes, except
     * its own log (never echoed back), beyond the seq delivered to it (0 when never delivered).
     */
    private List<Pending> pending() {
        return readList(
                "SELECT s.hub, h.seq - coalesce(o.delivered, 0), "
                        + "(SELECT l.received_at FROM log l WHERE l.origin = h.origin "
                        + "AND l.seq = coalesce(o.delivered, 0) + 1) "
                        + "FROM fed_subscribers s JOIN log_heads h ON h.origin <> s.hub "
                        + "AND EXISTS (SELECT 1 FROM json_each(s.origins) j WHERE j.value IN ('*', h.origin)) "
                        + "LEFT JOIN fed_outbox o ON o.subscriber = s.hub AND o.origin = h.origin "
                        + "WHERE s.status = 'active' AND h.seq > coalesce(o.delivered, 0)",
                rs -> new Pending(rs.getString(1), rs.getLong(2), rs.getString(3)));
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> readList(String sql, Row<T> row) {
        List<T> out = read(c -> {
            List<T> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(row.read(rs));
                }
            }
            return list;
        });
        return out == null ? List.of() : out;
    }

    /** A failed read (a table not there yet, the database closing) shows as no value, not as an error page. */
    private <T> T read(SqlFunction<Connection, T> work) {
        try {
            return db.read(work);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
