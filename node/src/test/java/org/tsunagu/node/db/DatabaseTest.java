package org.tsunagu.node.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void open_freshFile_appliesEveryMigrationInWalMode() {
        try (Database db = Database.open(dir.resolve("t.db"))) {
            assertEquals(Migrations.latest(), (int) db.read(Migrations::userVersion));
            assertEquals("wal", db.read(c -> scalar(c.createStatement(), "PRAGMA journal_mode")));
            assertEquals("1", db.read(c -> scalar(c.createStatement(), "PRAGMA synchronous")));
            assertEquals("1", db.read(c -> scalar(c.createStatement(), "PRAGMA foreign_keys")));
            assertTrue(db.sizeBytes() > 0);
        }
    }

    @Test
    void pageCaches_writerAndReadersKeep8MB() {
        // Each connection's cache is resident memory of its own (issue 17's soak); beyond 8 MB every
        // connection relies on the operating system's file cache (issue 14: the writer too).
        try (Database db = Database.open(dir.resolve("t.db"))) {
            assertEquals("-8000", db.read(c -> scalar(c.createStatement(), "PRAGMA cache_size")));
            assertEquals("-8000", db.inTransaction(c -> scalar(c.createStatement(), "PRAGMA cache_size")));
        }
    }

    @Test
    void open_twice_doesNotReapplyMigrations() {
        Path file = dir.resolve("t.db");
        Database.open(file).close();
        try (Database db = Database.open(file)) {
            assertEquals(Migrations.latest(), (int) db.read(Migrations::userVersion));
        }
    }

    @Test
    void inTransaction_exceptionMidway_rollsBackEverything() {
        try (Database db = Database.open(dir.resolve("t.db"))) {
            assertThrows(
                    IllegalStateException.class,
                    () -> db.inTransaction(c -> {
                        try (Statement s = c.createStatement()) {
                            s.execute("INSERT INTO hubs (hub) VALUES ('jp-one')");
                        }
                        throw new IllegalStateException("boom");
                    }));
            assertThrows(
                    StorageException.class,
                    () -> db.inTransaction(c -> {
                        try (Statement s = c.createStatement()) {
                            s.execute("INSERT INTO hubs (hub) VALUES ('jp-two')");
                            s.execute("INSERT INTO no_such_table VALUES (1)");
                        }
                        return null;
                    }));
            assertEquals("0", db.read(c -> scalar(c.createStatement(), "SELECT count(*) FROM hubs")));
        }
    }

    @Test
    void read_insideTransaction_seesUncommittedWrites() {
        try (Database db = Database.open(dir.resolve("t.db"))) {
            String seen = db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO hubs (hub) VALUES ('jp-one')");
                }
                return db.read(r -> scalar(r.createStatement(), "SELECT count(*) FROM hubs"));
            });
            assertEquals("1", seen);
        }
    }

    private static String scalar(Statement s, String sql) throws SQLException {
        try (s;
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
