package org.tsunagu.node.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteConnectionConfig;

/**
 * The node's one SQLite file: WAL, {@code synchronous=NORMAL}, foreign keys on.
 *
 * <p>All writes go through ONE connection, serialised by a lock, each in a {@code BEGIN IMMEDIATE}
 * transaction that is rolled back on any exception; reads use a small pool of read-only connections,
 * which WAL lets run beside the writer. Migrations run on open.
 */
public final class Database implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int READERS = 4;
    private static final int CACHE_KIB = 8_000;

    private final Path file;
    private final Connection writer;
    /** The writer's driver-side settings, where it keeps whether it thinks it is in autocommit mode. */
    private final SQLiteConnectionConfig writerConfig;

    private final ReentrantLock writeLock = new ReentrantLock();

    /** Write transactions committed since this database was opened: what readers' caches key on. */
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();

    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private final Object readersGuard = new Object();
    private volatile boolean closed;

    private Database(Path file, SQLiteConnection writer) {
        this.file = file;
        this.writer = StatementCache.wrap(writer);
        this.writerConfig = writer.getConnectionConfig();
    }

    /** Opens (creating if needed) the database at {@code file} and brings its schema up to date. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Database db = new Database(file, connect(file, false));
            try {
                Migrations.apply(db);
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
            return db;
        } catch (SQLException | IOException e) {
            throw new StorageException("cannot open database " + file, e);
        }
    }

    private static SQLiteConnection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // Page cache in KiB. Each connection keeps its own, outside the Java heap, and fills it as pages
        // are read: at 32 MB on all five, a 30-minute soak's nodes grew to 450-490 MiB resident (issue
        // 17). Misses are served from the operating system's file cache, which no process is charged
        // for. The writer kept 32 MB until issue 14 measured it: at 8 MB a 100,000-envelope sync and a
        // 300,000-record load ran as fast, and the 24 MiB it held went to the Java heap's young
        // generation instead (scripts/tsunagu), where they cut the sync's collections by a third.
        config.setCacheSize(-CACHE_KIB);
        // sqlite-jdbc would otherwise compile "SELECT last_insert_rowid()" after every INSERT.
        config.setGetGeneratedKeys(false);
        // Freed bytes are zeroed, not left in free space: an erased body (SPEC §6.9) must leave the file,
        // and text deleted before the erasure (an older version of the record) must not linger either.
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        if (readOnly) {
            config.setReadOnly(true);
        }
        return (SQLiteConnection) config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /**
     * Runs {@code work} in a write transaction on the single writer connection. Nested calls on the
     * same thread join the outer transaction.
     *
     * @throws StorageException wrapping any {@link SQLException}; any exception rolls back everything
     */
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        ensureOpen();
        if (writeLock.isHeldByCurrentThread()) {
            return call(work, writer);
        }
        writeLock.lock();
        try {
            ensureOpen();
            exec(writer, "BEGIN IMMEDIATE");
            // Issue 14 (speed): the driver is told it is inside a transaction. In its autocommit mode,
            // sqlite-jdbc follows every statement that completes with a "begin;" that fails here (a
            // transaction is open) and two resets: ~5% of a follower's storing CPU, for nothing. The
            // flag only steers that check; the transaction is still ours, begun and ended in SQL.
            writerConfig.setAutoCommit(false);
            try {
                return inside(work);
            } finally {
                writerConfig.setAutoCommit(true);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** The body of a write transaction begun by {@link #inTransaction}: its work, then COMMIT. */
    private <T> T inside(SqlFunction<Connection, T> work) {
        T result;
        try {
            result = work.apply(writer);
        } catch (SQLException e) {
            rollback();
            throw StorageFullException.wrap("transaction failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            rollback();
            throw e;
        }
        try {
            exec(writer, "COMMIT");
            commits.incrementAndGet();
        } catch (StorageException e) {
            // A COMMIT that fails (SQLITE_FULL while writing the WAL) may leave the transaction open;
            // the writer must not stay inside it, or every later BEGIN would fail until a restart.
            rollback();
            throw e;
        }
        return result;
    }

    /**
     * Write transactions committed so far by this process (a cache made after reading this number
     * may be used again while it has not moved).
     */
    public long commits() {
        return commits.get();
    }

    /**
     * Runs {@code work} on a read connection. Inside a write transaction on the same thread it uses the
     * writer, so it sees the transaction's own changes.
     */
    public <T> T read(SqlFunction<Connection, T> work) {
        ensureOpen();
        if (writeLock.isHeldByCurrentThread()) {
            return call(work, writer);
        }
        Connection c = borrowReader();
        boolean healthy = false;
        try {
            // One snapshot for the whole unit of work: a page and its provenance never disagree.
            exec(c, "BEGIN");
            T result = call(work, c);
            exec(c, "COMMIT");
            healthy = true;
            return result;
        } finally {
            giveBack(c, healthy);
        }
    }

    private static <T> T call(SqlFunction<Connection, T> work, Connection c) {
        try {
            return work.apply(c);
        } catch (SQLException e) {
            throw StorageFullException.wrap("query failed: " + e.getMessage(), e);
        }
    }

    private Connection borrowReader() {
        Connection c = idleReaders.poll();
        if (c != null) {
            return c;
        }
        synchronized (readersGuard) {
            if (allReaders.size() < READERS) {
                try {
                    Connection fresh = connect(file, true);
                    allReaders.add(fresh);
                    return fresh;
                } catch (SQLException e) {
                    throw new StorageException("cannot open a read connection", e);
                }
            }
        }
        try {
            return idleReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for a read connection", e);
        }
    }

    private void giveBack(Connection c, boolean healthy) {
        if (!healthy) {
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException e) {
                // No transaction was open: nothing to end.
            }
        }
        if (closed) {
            quietClose(c);
            return;
        }
        idleReaders.offer(c);
    }

    private void rollback() {
        try {
            exec(writer, "ROLLBACK");
        } catch (StorageException e) {
            // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing more to undo.
        }
    }

    private static void exec(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw StorageFullException.wrap(sql + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Copies the write-ahead log into the database file and truncates it to zero bytes ({@code PRAGMA
     * wal_checkpoint(TRUNCATE)}), so bytes a transaction overwrote (an erasure) leave the WAL too. A
     * reader still using an older snapshot blocks the truncation; it is retried for a few seconds.
     *
     * @return whether the WAL was truncated
     */
    public boolean checkpoint() {
        ensureOpen();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            writeLock.lock();
            try {
                ensureOpen();
                try (Statement s = writer.createStatement();
                        ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                    if (rs.next() && rs.getInt(1) == 0) {
                        return true;
                    }
                }
            } catch (SQLException e) {
                throw new StorageException("checkpoint failed: " + e.getMessage(), e);
            } finally {
                writeLock.unlock();
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Bytes on disk: the database file plus its write-ahead log. */
    public long sizeBytes() {
        long total = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            Path p = Path.of(file.toAbsolutePath() + suffix);
            try {
                if (Files.exists(p)) {
                    total += Files.size(p);
                }
            } catch (IOException e) {
                throw new StorageException("cannot stat " + p, e);
            }
        }
        return total;
    }

    public Path file() {
        return file;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException("database is closed");
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (readersGuard) {
                allReaders.forEach(Database::quietClose);
                allReaders.clear();
            }
            idleReaders.clear();
            quietClose(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private static void quietClose(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Closing is best effort; the file stays consistent thanks to WAL.
        }
    }
}
