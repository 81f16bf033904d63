package org.tsunagu.node.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.log.Alert;
import org.tsunagu.node.log.AlertStore;

/** V003 merges federation's {@code fed_alerts} into the log's {@code alerts} on a database of version 2. */
class AlertsMigrationTest {
    @TempDir
    Path dir;

    @Test
    void open_version2WithBothAlertTables_mergesIntoOneTableInTimeOrder() throws Exception {
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            for (String name : List.of("V001__log_directory_search.sql", "V002__federation.sql")) {
                for (String sql : Migrations.statements(resource(name))) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version = 2");
            s.execute("INSERT INTO alerts (kind, origin, seq, message, created_at, acknowledged_at) VALUES"
                    + " ('equivocation', 'jp-a', 2, 'forked', '2026-11-29T08:00:02.5Z', NULL),"
                    + " ('equivocation', 'jp-b', 3, 'old fork', '2026-11-29T08:00:00Z', '2026-11-29T09:00:00Z')");
            s.execute("INSERT INTO fed_alerts (at, kind, peer, origin, seq, message) VALUES"
                    + " ('2026-11-29T08:00:02.6Z', 'equivocation', 'jp-relay', 'jp-a', 2, 'twin of the log''s alert'),"
                    + " ('2026-11-29T08:00:01Z', 'refused', 'key 0000', NULL, NULL, 'push: bad signature'),"
                    + " ('2026-11-29T08:00:03Z', 'rejected', 'jp-relay', 'jp-c', 5, 'BAD_SIGNATURE')");
        }

        try (Database db = Database.open(file)) {
            assertEquals(Migrations.latest(), (int) db.read(Migrations::userVersion));
            boolean fedAlerts = db.read(c -> tableExists(c, "fed_alerts"));
            assertFalse(fedAlerts);
            List<Alert> all = new AlertStore(db, Clock.systemUTC()).newest(10);
            assertEquals(
                    List.of("rejected", "equivocation", "refused", "equivocation"),
                    all.stream().map(Alert::kind).toList(),
                    "newest first across both old tables, the federation twin of an equivocation dropped");
            Alert fork = all.get(1);
            assertEquals("jp-a", fork.origin());
            assertEquals("forked", fork.message());
            assertEquals("jp-relay", fork.peer(), "the twin's peer is kept on the log's alert");
            assertNull(fork.acknowledgedAt());
            assertEquals("jp-relay", all.get(0).peer());
            assertEquals(5L, all.get(0).seq());
            assertNotNull(all.get(3).acknowledgedAt(), "acknowledgements survive");
        }
    }

    private static boolean tableExists(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + name + "'")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AlertsMigrationTest.class.getResourceAsStream("/db/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
