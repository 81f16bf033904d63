package org.tsunagu.node.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's statements: compiled once per SQL text, cleared on close, really closed when dropped. */
class StatementCacheTest {
    @TempDir
    Path dir;

    @Test
    void prepareStatement_closedAndAskedAgain_sameStatementWithItsParametersCleared() {
        try (Database db = Database.open(dir.resolve("t.db"))) {
            db.inTransaction(c -> {
                String sql = "SELECT ?1 IS NULL";
                PreparedStatement first;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, "bound");
                    first = ps;
                }
                assertFalse(first.isClosed(), "a closed cached statement stays compiled");
                try (PreparedStatement ps = c.prepareStatement(sql);
                        ResultSet rs = ps.executeQuery()) {
                    assertSame(first, ps);
                    assertTrue(rs.next());
                    assertTrue(rs.getBoolean(1), "the parameter bound before close is gone");
                }
                return null;
            });
        }
    }

    @Test
    void prepareStatement_moreTextsThanKept_theLeastRecentlyUsedIsReallyClosed() {
        try (Database db = Database.open(dir.resolve("t.db"))) {
            db.inTransaction(c -> {
                PreparedStatement oldest = c.prepareStatement("SELECT -1");
                oldest.close();
                for (int i = 0; i < 256; i++) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT " + i);
                            ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(i, rs.getInt(1));
                    }
                }
                assertTrue(oldest.isClosed(), "dropped from the cache: finalised, not only cleared");
                return null;
            });
        }
    }
}
