package org.tsunagu.node.federation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A one-connection SQLite database for federation tests: applies the federation migration and a small
 * log schema of its own (the node's log package plays that part in production).
 */
final class TestDb implements FederationDb, AutoCloseable {
    private final Connection c;

    TestDb(Path file) {
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA synchronous=NORMAL");
                int version;
                try (var rs = s.executeQuery("PRAGMA user_version")) {
                    version = rs.getInt(1);
                }
                if (version == 0) {
                    for (String stmt : (migration() + ";" + LOG_SCHEMA).split(";")) {
                        if (!stmt.strip().isEmpty()) {
                            s.execute(stmt);
                        }
                    }
                    s.execute("PRAGMA user_version = 50");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String LOG_SCHEMA =
            "CREATE TABLE log (origin TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, "
                    + "envelope TEXT NOT NULL, PRIMARY KEY (origin, seq));"
                    + "CREATE TABLE keys (origin TEXT NOT NULL, key TEXT NOT NULL, from_seq INTEGER NOT NULL, "
                    + "PRIMARY KEY (origin, from_seq));"
                    + "CREATE TABLE evidence (origin TEXT NOT NULL, seq INTEGER NOT NULL, envelope TEXT NOT NULL);"
                    + "CREATE TABLE halted (origin TEXT PRIMARY KEY)";

    private static String migration() {
        try (InputStream in = TestDb.class.getResourceAsStream("/db/V050__federation.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return sql.replaceAll("(?m)--.*$", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized <T> T inTransaction(SqlWork<T> work) {
        try {
            c.setAutoCommit(false);
            try {
                T t = work.run(c);
                c.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized <T> T read(SqlWork<T> work) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        c.close();
    }
}
