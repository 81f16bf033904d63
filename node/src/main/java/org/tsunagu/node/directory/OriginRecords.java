package org.tsunagu.node.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Takes everything one origin put into the directory back out: its organisations (with their search
 * entries and filter counts), its partnerships, its endorsements and retractions of others'
 * partnerships (whose status is derived again), and its hub profile, moving the hub-pair counts
 * ({@link HubPairCounts}) with them. Used when an admin blocks an
 * origin, when a halt is resolved on the other branch and when a first-contact log is rejected; the
 * caller then re-applies whatever part of the log it keeps, in the same transaction.
 */
public final class OriginRecords {
    private OriginRecords() {}

    public static void clear(Connection c, String origin) throws SQLException {
        HubPairCounts.Watch pairs = HubPairCounts.origin(c, origin);
        try (PreparedStatement ps =
                c.prepareStatement("SELECT doc, removed, facets FROM organizations WHERE origin = ?")) {
            ps.setString(1, origin);
            List<long[]> docs = new ArrayList<>();
            List<String> facets = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    docs.add(new long[] {rs.getLong(1), rs.getInt(2)});
                    facets.add(rs.getString(3));
                }
            }
            // One page for the whole origin: its filter-count moves are summed and written once.
            PageWrites page = new PageWrites();
            for (int i = 0; i < docs.size(); i++) {
                if (docs.get(i)[1] == 0) {
                    page.facets(c, docs.get(i)[0], FilterValues.keysOf(facets.get(i)), Set.of());
                    SearchIndex.remove(c, docs.get(i)[0]);
                }
            }
            page.finish(c);
        }
        update(c, "DELETE FROM organizations WHERE origin = ?", origin);
        OpenedRecords.deleteOrigin(c, origin);
        update(c, "DELETE FROM partnership_parties WHERE origin = ?", origin);
        update(c, "DELETE FROM partnerships WHERE origin = ?", origin);
        Set<String> touched = new LinkedHashSet<>();
        for (String sql : List.of(
                "SELECT partnership FROM partnership_endorsements WHERE hub = ?",
                "SELECT partnership FROM partnership_retractions WHERE hub = ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, origin);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        touched.add(rs.getString(1));
                    }
                }
            }
        }
        update(c, "DELETE FROM partnership_endorsements WHERE hub = ?", origin);
        update(c, "DELETE FROM partnership_retractions WHERE hub = ?", origin);
        update(c, "UPDATE hubs SET name = NULL, country = NULL, url = NULL, profile_seq = NULL WHERE hub = ?", origin);
        for (String partnership : touched) {
            Partnerships.refresh(c, partnership);
        }
        pairs.count(c);
    }

    private static void update(Connection c, String sql, String origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, origin);
            ps.executeUpdate();
        }
    }
}
