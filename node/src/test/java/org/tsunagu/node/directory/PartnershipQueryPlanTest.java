package org.tsunagu.node.directory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;

/**
 * The questions "is this hub a party to that partnership" read the partnership's parties by primary
 * key. Without statistics SQLite preferred the by-hub index, which reads every party row of the hub:
 * at a million organisations' partnerships (scripts/bench-map-page) each endorsement then took longer
 * than the one before. A plan, not a clock, so it holds on a busy machine.
 */
class PartnershipQueryPlanTest {
    @TempDir
    Path dir;

    private Database db;

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("tsunagu.db"));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void hubIsParty_searchesOnePartnershipsParties() {
        assertByPrimaryKey(LocalRules.HUB_IS_PARTY.replace("?", "'x'"));
    }

    @Test
    void partnershipsOfAHub_searchEachPartnershipsParties() {
        assertByPrimaryKey("SELECT p.origin FROM partnerships p WHERE "
                + PartnershipReader.FILTERS.replace("?1", "NULL").replace("?2", "'th-ngocoord'")
                + " ORDER BY p.origin, p.id LIMIT 50");
    }

    @Test
    void endorsers_searchOnePartnershipsParties() {
        assertByPrimaryKey(PartnershipReader.ENDORSERS.replace("?", "'x'"));
    }

    @Test
    void liveHubs_searchOnePartnershipsPartiesAndEachOrganisation() {
        String plan = assertByPrimaryKey(HubPairCounts.LIVE_HUBS.replace("?", "'x'"));
        assertTrue(plan.contains("sqlite_autoindex_organizations_1 (origin=? AND id=?)"), plan);
    }

    @Test
    void partiesNamingTheMatches_fromTheByPartyIndexAlone() {
        String plan = plan(NetworkReader.partiesNaming(3).replace("?", "'x'"));
        assertTrue(plan.contains("USING COVERING INDEX partnership_parties_by_party (party=?)"), plan);
    }

    private String assertByPrimaryKey(String sql) {
        String plan = plan(sql);
        assertTrue(plan.contains("sqlite_autoindex_partnership_parties_1 (origin=? AND id=?)"), plan);
        assertTrue(!plan.contains("partnership_parties_by_hub"), plan);
        return plan;
    }

    private String plan(String sql) {
        return db.read(c -> {
            StringJoiner lines = new StringJoiner("\n");
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
                while (rs.next()) {
                    lines.add(rs.getString("detail"));
                }
            }
            return lines.toString();
        });
    }
}
