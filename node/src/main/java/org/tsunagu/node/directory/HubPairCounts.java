package org.tsunagu.node.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Partnerships counted per pair of hubs and status ({@code hub_pair_counts}, V023): the whole
 * directory's network grouped by hub in O(pairs), where {@link NetworkReader#fromParties} reads every
 * partnership's parties (16-21 s of a core at a million organisations). Kept exact by the writers in
 * the writing transaction, as {@link FacetCountStore} keeps the facet counts: a change that may move
 * some partnerships' pairs takes what they count under before it ({@link #partnership}, {@link
 * #party}, {@link #origin}) and, after it, writes the difference ({@link Watch#count}); an
 * endorsement or a retraction, which moves only the status, tells {@link #statusMoved}. A partnership counts as {@link NetworkReader#fromParties} counts it for an empty
 * search: unless retracted, under the pairs ({@link NetworkReader#pairs}) of the hubs of its parties
 * that are live organisations, read with the same join.
 */
final class HubPairCounts {
    /** Party rows {@code pp} whose organisation is live here; {@link NetworkReader#fromParties} joins the same. */
    static final String LIVE = " JOIN organizations o ON o.origin = substr(pp.party, 1, instr(pp.party, '/') - 1)"
            + " AND o.id = substr(pp.party, instr(pp.party, '/') + 1) AND o.removed = 0";

    /**
     * The hubs of one partnership's parties that are live organisations here: its parties by primary
     * key, each organisation by its (origin, id) (PartnershipQueryPlanTest), read on every change of a
     * partnership's pairs.
     */
    static final String LIVE_HUBS =
            "SELECT pp.hub FROM partnership_parties pp" + LIVE + " WHERE pp.origin = ? AND pp.id = ?";

    /** As {@link #LIVE_HUBS}, with the partnership's status, for one that is not retracted. */
    private static final String COUNTED = "SELECT p.status, pp.hub FROM partnerships p"
            + " JOIN partnership_parties pp ON pp.origin = p.origin AND pp.id = p.id" + LIVE
            + " WHERE p.origin = ? AND p.id = ? AND p.status <> 'retracted'";

    private static final String RETRACTED = PartnershipStatus.RETRACTED.wire();

    /** For a change that moves no partnership's pairs. */
    static final Watch NONE = c -> {};

    private HubPairCounts() {}

    /** A partnership by the origin that announced it and its id. */
    private record Key(String origin, String id) {}

    /** What some partnerships count under, taken before a change. */
    interface Watch {
        /** After the change, in the same transaction: moves the counts by what it changed. */
        void count(Connection c) throws SQLException;
    }

    /**
     * Some partnerships' pairs, whatever may change of them. Only the net change per pair is held, so
     * watching a whole origin's partnerships holds their keys and a few counters.
     */
    private static final class Pairs implements Watch {
        private final Set<Key> partnerships;
        private final Map<String, Long> delta = new HashMap<>();

        private Pairs(Connection c, Set<Key> partnerships) throws SQLException {
            this.partnerships = partnerships;
            for (Key k : partnerships) {
                tally(c, k, -1, delta);
            }
        }

        @Override
        public void count(Connection c) throws SQLException {
            for (Key k : partnerships) {
                tally(c, k, 1, delta);
            }
            write(c, delta);
        }
    }

    /**
     * After one partnership's status moved from {@code before} to {@code after} (an endorsement, a
     * retraction; null: not announced), its parties unchanged: its pairs move with it.
     */
    static void statusMoved(Connection c, String origin, String id, String before, String after) throws SQLException {
        if (Objects.equals(before, after)) {
            return;
        }
        Map<String, Long> delta = new HashMap<>();
        List<String> hubs = liveHubs(c, new Key(origin, id));
        tally(hubs, before, -1, delta);
        tally(hubs, after, 1, delta);
        write(c, delta);
    }

    private static List<String> liveHubs(Connection c, Key k) throws SQLException {
        List<String> hubs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIVE_HUBS)) {
            ps.setString(1, k.origin());
            ps.setString(2, k.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hubs.add(rs.getString(1));
                }
            }
        }
        return hubs;
    }

    /** Adds {@code sign} times what partnership {@code k} counts under now. */
    private static void tally(Connection c, Key k, long sign, Map<String, Long> delta) throws SQLException {
        String status = null;
        List<String> hubs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(COUNTED)) {
            ps.setString(1, k.origin());
            ps.setString(2, k.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    status = rs.getString(1);
                    hubs.add(rs.getString(2));
                }
            }
        }
        tally(hubs, status, sign, delta);
    }

    private static void tally(List<String> hubs, String status, long sign, Map<String, Long> delta) {
        if (status != null && !status.equals(RETRACTED)) {
            for (String pair : NetworkReader.pairs(hubs, status)) {
                delta.merge(pair, sign, Long::sum);
            }
        }
    }

    /** One single-row upsert per pair that moved (see {@link FacetCountStore} for why single-row). */
    private static void write(Connection c, Map<String, Long> delta) throws SQLException {
        if (delta.values().stream().allMatch(n -> n == 0)) {
            return; // most changes: an organisation no partnership names, a status that stayed
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO hub_pair_counts (hub_a, hub_b, status, n)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (hub_a, hub_b, status) DO UPDATE SET n = n + excluded.n")) {
            for (Map.Entry<String, Long> moved : delta.entrySet()) {
                if (moved.getValue() != 0) {
                    String[] pair = moved.getKey().split("\n");
                    ps.setString(1, pair[0]);
                    ps.setString(2, pair[1]);
                    ps.setString(3, pair[2]);
                    ps.setLong(4, moved.getValue());
                    ps.executeUpdate();
                }
            }
        }
    }

    /** Before one partnership is announced again or forgotten: its parties may change, and its status. */
    static Watch partnership(Connection c, String origin, String id) throws SQLException {
        return new Pairs(c, Set.of(new Key(origin, id)));
    }

    /**
     * Before organisation {@code party} (its global id) becomes live or stops being live: the
     * partnerships naming it, one index lookup when there are none.
     */
    static Watch party(Connection c, String party) throws SQLException {
        Set<Key> keys = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT origin, id FROM partnership_parties WHERE party = ?")) {
            ps.setString(1, party);
            addKeys(ps, keys);
        }
        return new Pairs(c, keys);
    }

    /**
     * Before everything {@code origin} put into the directory leaves it ({@link OriginRecords}): its
     * partnerships, and the partnerships naming its organisations (the by-party index, as a range:
     * global ids are {@code origin/id}, and {@code '0'} follows {@code '/'}). Its endorsements and
     * retractions go too, but they count only where it is a party's hub (see {@link Partnerships}),
     * and a party's hub is its organisation's origin: those partnerships are in the range already.
     */
    static Watch origin(Connection c, String origin) throws SQLException {
        Set<Key> keys = new LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT origin, id FROM partnerships WHERE origin = ?")) {
            ps.setString(1, origin);
            addKeys(ps, keys);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT origin, id FROM partnership_parties WHERE party >= ? AND party < ?")) {
            ps.setString(1, origin + "/");
            ps.setString(2, origin + "0");
            addKeys(ps, keys);
        }
        return new Pairs(c, keys);
    }

    private static void addKeys(PreparedStatement ps, Set<Key> keys) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(new Key(rs.getString(1), rs.getString(2)));
            }
        }
    }

    /** Every pair's count above zero, keyed as {@link NetworkReader#pairs} keys them. */
    static SortedMap<String, Long> all(Connection c) throws SQLException {
        SortedMap<String, Long> counts = new TreeMap<>();
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT hub_a, hub_b, status, n FROM hub_pair_counts WHERE n > 0");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1) + "\n" + rs.getString(2) + "\n" + rs.getString(3), rs.getLong(4));
            }
        }
        return counts;
    }
}
