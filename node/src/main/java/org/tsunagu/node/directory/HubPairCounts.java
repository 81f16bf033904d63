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
 * #status}, {@link #party}, {@link #origin}) and, after it, writes the difference ({@link
 * Watch#count}). A partnership counts as {@link NetworkReader#fromParties} counts it for an empty
 * search: unless retracted, under the pairs ({@link NetworkReader#pairs}) of the hubs of its parties
 * that are live organisations, read with the same join.
 */
final class HubPairCounts {
    /**
     * The hubs of one partnership's parties that are live organisations here: its parties by primary
     * key, each organisation by its (origin, id) (PartnershipQueryPlanTest), read on every change of a
     * partnership's pairs.
     */
    static final String LIVE_HUBS = "SELECT pp.hub FROM partnership_parties pp"
            + " JOIN organizations o ON o.origin = substr(pp.party, 1, instr(pp.party, '/') - 1)"
            + " AND o.id = substr(pp.party, instr(pp.party, '/') + 1) AND o.removed = 0"
            + " WHERE pp.origin = ? AND pp.id = ?";

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
                tally(c, k, status(c, k), -1, delta);
            }
        }

        @Override
        public void count(Connection c) throws SQLException {
            for (Key k : partnerships) {
                tally(c, k, status(c, k), 1, delta);
            }
            write(c, delta);
        }
    }

    /**
     * One partnership whose status alone may change (an endorsement, a retraction): its parties stay,
     * so its live parties' hubs are read only when the status did change, as for the last endorsement
     * a partnership awaited, not the others.
     */
    private static final class Status implements Watch {
        private final Key partnership;
        private final String before;

        private Status(Connection c, Key partnership) throws SQLException {
            this.partnership = partnership;
            this.before = status(c, partnership);
        }

        @Override
        public void count(Connection c) throws SQLException {
            String after = status(c, partnership);
            if (Objects.equals(before, after)) {
                return;
            }
            Map<String, Long> delta = new HashMap<>();
            List<String> hubs = liveHubs(c, partnership);
            tally(hubs, before, -1, delta);
            tally(hubs, after, 1, delta);
            write(c, delta);
        }
    }

    /** The partnership's status; null when it is not held. */
    private static String status(Connection c, Key k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM partnerships WHERE origin = ? AND id = ?")) {
            ps.setString(1, k.origin());
            ps.setString(2, k.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
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

    /** Adds {@code sign} times what partnership {@code k}, with {@code status}, counts under. */
    private static void tally(Connection c, Key k, String status, long sign, Map<String, Long> delta)
            throws SQLException {
        if (status != null && !status.equals(RETRACTED)) {
            tally(liveHubs(c, k), status, sign, delta);
        }
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

    /** Before one partnership is endorsed or retracted: its status may change, not its parties. */
    static Watch status(Connection c, String origin, String id) throws SQLException {
        return new Status(c, new Key(origin, id));
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
