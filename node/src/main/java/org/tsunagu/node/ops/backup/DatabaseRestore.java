package org.tsunagu.node.ops.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code tsunagu restore}: puts a backup in place of a node's database, only after the backup has
 * passed SQLite's integrity check and the caller's verification (the same check as {@code tsunagu
 * verify}: every signature and chain), and only while no node has the database open. The database it
 * replaces is kept beside it, never deleted.
 */
public final class DatabaseRestore {
    /** Checks a database file as {@code tsunagu verify} does; throws when anything does not verify. */
    @FunctionalInterface
    public interface Verifier {
        void verify(Path database) throws BackupException;
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final Verifier verifier;
    private final Clock clock;

    public DatabaseRestore(Verifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    /** What a restore did. {@code replacedKeptAs} is null when there was no database before. */
    public record Restored(BackupSummary restored, Path replacedKeptAs) {}

    /**
     * Restores {@code backup} as {@code database}.
     *
     * @param replace whether an existing database may be replaced (it is kept, renamed)
     * @throws BackupException if the backup does not check or verify, the database is in use, or it
     *     exists and {@code replace} is false; the existing database is then untouched
     */
    public Restored restore(Path backup, Path database, boolean replace) throws BackupException {
        SqliteFiles.check(backup);
        boolean exists = Files.exists(database);
        if (exists && !replace) {
            throw new BackupException(database + " exists; add --force to replace it (it is kept, renamed)");
        }
        Path staged = database.resolveSibling("." + database.getFileName() + ".restoring");
        try {
            Files.createDirectories(database.toAbsolutePath().getParent());
            SqliteFiles.deleteWithSideFiles(staged);
            SqliteFiles.createOwnerOnly(staged);
            Files.copy(backup, staged, StandardCopyOption.REPLACE_EXISTING);
            // Verify the very bytes that go into place; verification may also bring the schema up to date.
            verifier.verify(staged);
            SqliteFiles.check(staged);
            Path kept = null;
            if (exists) {
                settle(database);
                kept = database.resolveSibling(database.getFileName() + ".before-restore-"
                        + STAMP.format(clock.instant().atOffset(ZoneOffset.UTC)));
                Files.move(database, kept);
            }
            Files.move(staged, database, StandardCopyOption.ATOMIC_MOVE);
            return new Restored(SqliteFiles.check(database), kept);
        } catch (IOException e) {
            throw e instanceof BackupException b ? b : new BackupException("restore failed: " + e.getMessage(), e);
        } finally {
            try {
                SqliteFiles.deleteWithSideFiles(staged);
            } catch (IOException e) {
                // A hidden leftover; the next restore removes it.
            }
        }
    }

    /**
     * Makes sure no process has {@code database} open (a running node holds it), then folds its
     * write-ahead log back into the file so the file alone is the whole database.
     */
    private static void settle(Path database) throws BackupException {
        try (Connection c = SqliteFiles.open(database, false, 0);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            try {
                s.execute("BEGIN EXCLUSIVE");
                s.execute("COMMIT");
            } catch (SQLException busy) {
                throw new BackupException(
                        database + " is in use (is the node running?): stop the node first, then restore");
            }
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw new BackupException("cannot settle " + database + ": " + e.getMessage(), e);
        }
        for (String suffix : SqliteFiles.SIDE_FILES) {
            Path side = SqliteFiles.sibling(database, suffix);
            try {
                // The -shm file is only an index of the WAL; the WAL and a rollback journal hold data.
                if (!suffix.equals("-shm") && Files.exists(side) && Files.size(side) > 0) {
                    throw new BackupException(side + " still holds data after a checkpoint; not replacing " + database);
                }
                Files.deleteIfExists(side);
            } catch (IOException e) {
                throw e instanceof BackupException b ? b : new BackupException(side + ": " + e.getMessage(), e);
            }
        }
    }
}
