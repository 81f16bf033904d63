package org.tsunagu.node.ops.backup;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Low-level handling of SQLite database files, outside the node's own {@code Database}. */
final class SqliteFiles {
    static final String[] SIDE_FILES = {"-wal", "-shm", "-journal"};

    private SqliteFiles() {}

    static Connection open(Path file, boolean readOnly, int busyTimeoutMs) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(busyTimeoutMs);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /**
     * Runs SQLite's integrity check and reads the log's size.
     *
     * @throws BackupException if the file is not a sound node database
     */
    static BackupSummary check(Path file) throws BackupException {
        if (!Files.isRegularFile(file)) {
            throw new BackupException(file + ": no such file");
        }
        try (Connection c = open(file, true, 1_000);
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                String first = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(first)) {
                    throw new BackupException(file + ": SQLite integrity check failed: " + first);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(seq), 0) FROM log_heads")) {
                rs.next();
                return new BackupSummary(file, Files.size(file), rs.getInt(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new BackupException(file + " is not a Tsunagu node database: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BackupException(file + ": " + e.getMessage(), e);
        }
    }

    /** A path SQLite's {@code backup to} statement can take (it is not SQL, so it is quoted by hand). */
    static String quoted(Path file) throws BackupException {
        String text = file.toAbsolutePath().toString();
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        throw new BackupException(file + ": a path with both kinds of quotes cannot be used");
    }

    static void deleteWithSideFiles(Path file) throws IOException {
        Files.deleteIfExists(file);
        for (String suffix : SIDE_FILES) {
            Files.deleteIfExists(sibling(file, suffix));
        }
    }

    /**
     * Creates an empty file only its owner can read. The database may hold contact details of member
     * organisations, which are not for other users of the machine; SQLite takes an empty file as an
     * empty database.
     */
    static void createOwnerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
