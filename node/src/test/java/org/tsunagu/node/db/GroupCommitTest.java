package org.tsunagu.node.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    @TempDir
    Path dir;

    private Database db;
    private GroupCommit writes;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("t.db"));
        db.inTransaction(c -> c.createStatement().execute("CREATE TABLE t (x INTEGER NOT NULL UNIQUE)"));
        writes = new GroupCommit(db);
    }

    @AfterEach
    void close() {
        writes.close();
        db.close();
    }

    private void insert(int x) {
        writes.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (x) VALUES (?)")) {
                ps.setInt(1, x);
                return ps.executeUpdate();
            }
        });
    }

    private List<Integer> rows() {
        return db.read(c -> {
            List<Integer> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT x FROM t ORDER BY x")) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            return out;
        });
    }

    @Test
    void concurrentWrites_oneFails_othersCommittedAndItsChangeUndone() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int x = i;
            futures.add(pool.submit(() -> insert(x)));
        }
        Future<?> failing = pool.submit(() -> writes.inTransaction(c -> {
            c.createStatement().execute("INSERT INTO t (x) VALUES (1000)");
            throw new IllegalStateException("refused after writing");
        }));
        Future<?> duplicate = pool.submit(() -> insert(5));
        for (Future<?> f : futures) {
            f.get();
        }
        Exception refused = assertThrows(Exception.class, failing::get);
        assertEquals(IllegalStateException.class, refused.getCause().getClass());
        assertEquals(
                StorageException.class,
                assertThrows(Exception.class, duplicate::get).getCause().getClass());
        pool.shutdown();
        List<Integer> rows = rows();
        assertEquals(200, rows.size(), "every successful write is there, the failed ones are not");
        assertEquals(199, rows.get(rows.size() - 1));
    }

    @Test
    void inTransaction_returnsAfterCommit_visibleToReaders() {
        insert(7);
        assertEquals(List.of(7), rows());
    }

    @Test
    void inTransaction_afterClose_refused() {
        writes.close();
        assertThrows(StorageException.class, () -> insert(1));
    }
}
