package org.tsunagu.node.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit for admin writes. Writes that arrive while another batch is being committed wait in a
 * queue; one thread then runs all of them in ONE transaction, each inside its own savepoint, and
 * commits once. A write that fails is rolled back to its savepoint alone; the others still commit.
 * Every caller is answered only after the commit that holds its write, so an acknowledged write is
 * durable (the crash test checks this). Under concurrent load this saves a commit (and SQLite's
 * per-transaction index flush) per write; a lone writer sees one extra thread hand-off.
 */
public final class GroupCommit implements AutoCloseable {
    /** Enough to amortise the commit; small enough that one batch never holds the writer for long. */
    static final int MAX_BATCH = 128;

    private record Task(SqlFunction<Connection, ?> work, CompletableFuture<Object> done) {}

    private static final Task STOP = new Task(c -> null, new CompletableFuture<>());

    private final Database db;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private boolean closed;

    public GroupCommit(Database db) {
        this.db = db;
        this.committer = new Thread(this::loop, "tsunagu-group-commit");
        committer.setDaemon(true);
        committer.start();
    }

    /**
     * Runs {@code work} in a write transaction shared with other waiting writes, and returns its result
     * once that transaction is committed. Code inside may call {@link Database#inTransaction}: it joins.
     *
     * @throws RuntimeException whatever {@code work} threw (its changes are undone), or a {@link
     *     StorageException} if the commit failed
     */
    @SuppressWarnings("unchecked")
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                throw new StorageException("the node is shutting down");
            }
            queue.add(new Task(work, done));
        }
        try {
            return (T) done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw StorageFullException.wrap("write failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void loop() {
        List<Task> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stopping = batch.remove(STOP);
            commit(batch);
            if (stopping) {
                return;
            }
        }
    }

    private void commit(List<Task> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Object[] results = new Object[batch.size()];
        RuntimeException[] failures = new RuntimeException[batch.size()];
        try {
            db.inTransaction(c -> {
                for (int i = 0; i < batch.size(); i++) {
                    exec(c, "SAVEPOINT w");
                    try {
                        results[i] = batch.get(i).work().apply(c);
                        exec(c, "RELEASE w");
                    } catch (RuntimeException | SQLException e) {
                        RuntimeException failure = e instanceof SQLException sql
                                ? StorageFullException.wrap("write failed: " + sql.getMessage(), sql)
                                : (RuntimeException) e;
                        if (failure instanceof StorageFullException) {
                            // SQLite may have rolled back the whole transaction on SQLITE_FULL, savepoint
                            // included: fail the batch (none of it is acknowledged) with the typed cause.
                            throw failure;
                        }
                        exec(c, "ROLLBACK TO w");
                        exec(c, "RELEASE w");
                        failures[i] = failure;
                    }
                }
                return null;
            });
        } catch (RuntimeException | Error e) {
            batch.forEach(task -> task.done().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (failures[i] != null) {
                batch.get(i).done().completeExceptionally(failures[i]);
            } else {
                batch.get(i).done().complete(results[i]);
            }
        }
    }

    /** Prepared, so the writer's statement cache compiles each savepoint statement once. */
    private static void exec(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }

    /** Commits what is queued, then stops; later writes are refused. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        try {
            committer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
