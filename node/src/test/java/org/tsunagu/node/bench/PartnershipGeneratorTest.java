package org.tsunagu.node.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.directory.DirectoryService;

/** The bench's partnerships: signed through the stores, confirmed and pending, the same for a seed. */
class PartnershipGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void plan_sameSeed_samePartnerships() {
        assertEquals(plan(19), plan(19));
        assertNotEquals(plan(19), plan(20));
    }

    @Test
    void addIfNone_generatedDirectory_signsConfirmedAndPendingPartnershipsAcrossHubs() {
        try (Database db = Database.open(dir.resolve("tsunagu.db"))) {
            new DirectoryService(db);
            SearchBench.load(db, 3000, 10, 500);
            assertTrue(PartnershipGenerator.addIfNone(db, 19));
            Map<String, Long> status = counts(db, "SELECT status, count(*) FROM partnerships GROUP BY status");
            assertTrue(status.getOrDefault("confirmed", 0L) > 100, status.toString());
            assertTrue(status.getOrDefault("announced", 0L) > 10, status.toString());
            assertFalse(status.containsKey("retracted"), status.toString());
            Map<String, Long> across = counts(
                    db,
                    "SELECT 'hubs', count(*) FROM (SELECT origin, id FROM partnership_parties"
                            + " GROUP BY origin, id HAVING count(DISTINCT hub) > 1)");
            assertTrue(across.get("hubs") > status.get("confirmed") / 2, across.toString());
            assertFalse(PartnershipGenerator.addIfNone(db, 19), "a database with partnerships is left as it is");
        }
    }

    private static List<String> plan(long seed) {
        List<String> out = new ArrayList<>();
        PartnershipGenerator.plan(2000, 10, seed, (parties, group, place, sector) -> out.add(parties + place + sector));
        return out;
    }

    private static Map<String, Long> counts(Database db, String sql) {
        return db.read(c -> {
            Map<String, Long> out = new HashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }
}
