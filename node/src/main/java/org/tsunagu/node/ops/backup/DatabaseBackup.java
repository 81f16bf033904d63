package org.tsunagu.node.ops.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code tsunagu backup}: a consistent copy of a node's database while the node keeps serving, through
 * SQLite's online backup API ({@code backup to FILE} in sqlite-jdbc).
 *
 * <p>The copy runs on its own connection inside one read transaction. Under WAL that transaction
 * sees one snapshot and does not block the node's writer; without it, the backup API would restart
 * from the first page whenever the node commits between two steps, and under steady writes might never
 * finish. The copy is written under a temporary name, checked, flushed to disk and only then moved to
 * the name asked for, so a failed backup never leaves a file that looks like a good one.
 *
 * <p>The key and admin token are not in the database: keep {@code node.key} (and {@code node.json})
 * safe separately, since a restored database without its hub's key can no longer publish.
 */
public final class DatabaseBackup {
    private static final int BUSY_TIMEOUT_MS = 30_000;

    private DatabaseBackup() {}

    /**
     * Copies {@code database} to {@code out}, which must not exist yet.
     *
     * @return what the copy holds
     */
    public static BackupSummary backup(Path database, Path out) throws BackupException {
        if (!Files.isRegularFile(database)) {
            throw new BackupException("no database at " + database);
        }
        if (Files.exists(out)) {
            throw new BackupException(out + " already exists; choose another name or remove it first");
        }
        Path partial = out.resolveSibling("." + out.getFileName() + ".partial");
        try {
            SqliteFiles.deleteWithSideFiles(partial);
            SqliteFiles.createOwnerOnly(partial);
            copy(database, partial);
            BackupSummary summary = SqliteFiles.check(partial);
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
            return new BackupSummary(out, summary.bytes(), summary.origins(), summary.envelopes());
        } catch (IOException e) {
            throw e instanceof BackupException b ? b : new BackupException("backup failed: " + e.getMessage(), e);
        } finally {
            try {
                SqliteFiles.deleteWithSideFiles(partial);
            } catch (IOException e) {
                // Leftover temporary file; it has a hidden name and the next backup removes it.
            }
        }
    }

    private static void copy(Path database, Path target) throws BackupException {
        try (Connection c = SqliteFiles.open(database, true, BUSY_TIMEOUT_MS)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // Start the read transaction: from here on this connection sees one snapshot.
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                    rs.next();
                }
                s.executeUpdate("backup to " + SqliteFiles.quoted(target));
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new BackupException("SQLite backup of " + database + " failed: " + e.getMessage(), e);
        }
    }
}
