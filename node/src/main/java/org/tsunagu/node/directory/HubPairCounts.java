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
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Partnerships counted per pair of hubs and status ({@code hub_pair_counts}, V023): the whole
 * directory's network grouped by hub in O(pairs), where {@link NetworkReader#fromParties} reads every
 * partnership's parties (16-21 s of a core at a million organisations). Kept exact by the writers in
 * the writing transaction, as {@link FacetCountStore} keeps the facet counts: a change that may move
 * some partnerships' pairs takes what they count under before it ({@link #partnership}, {@link
 * #party}, {@link #origin}) and, after it, writes the difference ({@link Watch#count}). A partnership
 * counts exactly as {@link NetworkReader#fromParties} counts it for an empty search, with the same
 * query and the same pairs ({@link NetworkReader#pairs}), so the two cannot drift apart.
 */
final class HubPairCounts {
    /** One partnership's status and the hubs of its live parties, as the whole directory's network reads them. */
    private static final String LIVE_PARTIES = "SELECT p.status, pp.hub FROM partnerships p"
            + " JOIN partnership_parties pp ON pp.origin = p.origin AND pp.id = p.id"
            + " JOIN organizations o ON o.origin = substr(pp.party, 1, instr(pp.party, '/') - 1)"
            + " AND o.id = substr(pp.party, instr(pp.party, '/') + 1) AND o.removed = 0"
            + " WHERE p.origin = ? AND p.id = ? AND p.status <> 'retracted'";

    /** For a change that moves no partnership's pairs. */
    static final Watch NONE = new Watch(Set.of());

    private HubPairCounts() {}

    /** A partnership by the origin that announced it and its id. */
    private record Key(String origin, String id) {}

    /**
     * Some partnerships' pairs, taken before a change; {@link #count} after it moves the counts by the
     * difference. Only the net change per pair is held, so watching a whole origin's partnerships holds
     * their keys and a few counters.
     */
    static final class Watch {
        private final Set<Key> partnerships;
        private final Map<String, Long> delta = new HashMap<>();

        private Watch(Set<Key> partnerships) {
            this.partnerships = partnerships;
        }

        private Watch(Connection c, Set<Key> partnerships) throws SQLException {
            this(partnerships);
            for (Key k : partnerships) {
                tally(c, k, -1);
            }
        }

        /** After the change, in the same transaction: adds what the partnerships count under now. */
        void count(Connection c) throws SQLException {
            if (partnerships.isEmpty()) {
                return; // an organisation no partnership names: most new ones
            }
            for (Key k : partnerships) {
                tally(c, k, 1);
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

        private void tally(Connection c, Key k, long sign) throws SQLException {
            String status = null;
            List<String> hubs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(LIVE_PARTIES)) {
                ps.setString(1, k.origin());
                ps.setString(2, k.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        status = rs.getString(1);
                        hubs.add(rs.getString(2));
                    }
                }
            }
            for (String pair : NetworkReader.pairs(hubs, status)) {
                delta.merge(pair, sign, Long::sum);
            }
        }
    }

    /** Before a change of one partnership: its announcement, endorsement, retraction or forgetting. */
    static Watch partnership(Connection c, String origin, String id) throws SQLException {
        return new Watch(c, Set.of(new Key(origin, id)));
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
        return new Watch(c, keys);
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
        return new Watch(c, keys);
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
