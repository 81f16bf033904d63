package org.tsunagu.node.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds a search's {@link Network}. Up to {@code max} matches: their records and the partnerships
 * naming them, one query each. Beyond: the partnerships grouped by pair of hubs, kept by the writers
 * for the whole directory, else counted from the matches' partnerships' parties in one stream. Hub node
 * counts come from the facet counts (the web layer adds them), which the map has already paid for.
 */
final class NetworkReader {
    private static final int PAGE = OrganizationQuery.MAX_LIMIT;

    private NetworkReader() {}

    /** The party rows naming any of {@code n} organisations (global ids), from the by-party index alone (V024). */
    static String partiesNaming(int n) {
        return "SELECT origin, id, party FROM partnership_parties WHERE party IN ("
                + String.join(",", Collections.nCopies(n, "?")) + ")";
    }

    /** A partnership, ordered as SQL orders (origin, id). */
    private record Key(String origin, String id) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int byOrigin = origin.compareTo(o.origin);
            return byOrigin != 0 ? byOrigin : id.compareTo(o.id);
        }
    }

    /** The network of {@code q}'s matches when they are at most {@code max}; empty when it must be grouped. */
    static Optional<Network> ofOrganizations(Connection c, OrganizationQuery q, int max) throws SQLException {
        List<Long> docs = new ArrayList<>();
        OrganizationQuery page = new OrganizationQuery(
                q.q(), q.country(), q.sector(), q.language(), q.hub(), PAGE, null, q.operatesIn());
        while (docs.size() <= max) {
            SearchQuery.Result r = SearchQuery.run(c, page);
            docs.addAll(r.docs());
            if (r.next() == null) {
                break;
            }
            page = page.withCursor(r.next());
        }
        return docs.size() <= max ? Optional.of(organizations(c, docs, max)) : Optional.empty();
    }

    private static Network organizations(Connection c, List<Long> docs, int max) throws SQLException {
        List<OrganizationView> views = DirectoryService.views(c, docs);
        List<Network.Node> nodes = new ArrayList<>();
        Map<String, Integer> order = new HashMap<>();
        for (OrganizationView v : views) {
            JsonNode r = v.record();
            order.put(v.globalId(), order.size());
            nodes.add(new Network.Node(
                    v.globalId(),
                    v.origin(),
                    r.path("name").asText(v.id()),
                    r.path("names").isObject() ? r.path("names") : null,
                    r.path("country").isTextual() ? r.path("country").asText() : null,
                    v.sealed() == null ? null : Boolean.TRUE,
                    null));
        }
        List<Network.Edge> edges = new ArrayList<>();
        if (order.size() < 2) {
            return new Network(Network.ORGANIZATION, max, nodes, edges);
        }
        // Each partnership's listed parties in the search's order, from the by-party index alone; only
        // those joining two matches make an edge. Then their status and title, one partnership at a
        // time: reading (and sorting) the announcement of every partnership any match is party to,
        // most of them with parties outside the search, was most of a 433-organisation network's
        // time at a million (issue 19).
        Map<Key, List<String>> listedParties = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(partiesNaming(order.size()))) {
            int i = 1;
            for (String id : order.keySet()) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    listedParties
                            .computeIfAbsent(new Key(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(rs.getString(3));
                }
            }
        }
        // A sealed partnership has parties here only where it was opened: its title is the opened one's.
        try (PreparedStatement ps = c.prepareStatement("SELECT p.status, CASE WHEN p.opened IS NOT NULL"
                + " THEN p.opened ->> '$.title' ELSE l.envelope ->> '$.body.title' END"
                + " FROM partnerships p JOIN log l ON l.origin = p.origin AND l.seq = p.seq"
                + " WHERE p.origin = ? AND p.id = ? AND p.status <> 'retracted'")) {
            for (Map.Entry<Key, List<String>> p : listedParties.entrySet()) {
                List<String> listed = p.getValue();
                if (listed.size() < 2) {
                    continue;
                }
                Key k = p.getKey();
                ps.setString(1, k.origin());
                ps.setString(2, k.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue; // retracted
                    }
                    String status = rs.getString(1);
                    String title = rs.getString(2) == null ? k.id() : rs.getString(2);
                    listed.sort((a, b) -> Integer.compare(order.get(a), order.get(b)));
                    for (int x = 0; x < listed.size(); x++) {
                        for (int y = x + 1; y < listed.size(); y++) {
                            edges.add(new Network.Edge(
                                    listed.get(x),
                                    listed.get(y),
                                    status,
                                    k.origin() + "/" + k.id(),
                                    k.origin(),
                                    title,
                                    null));
                        }
                    }
                }
            }
        }
        return new Network(Network.ORGANIZATION, max, nodes, edges);
    }

    /**
     * Hub pairs and statuses, with how many partnerships join matching organisations of each. The
     * whole directory's are kept by the writers ({@link HubPairCounts}); any other search's are
     * counted from its matches' partnerships ({@link #fromParties}).
     */
    static Network byHub(Connection c, OrganizationQuery q, int max) throws SQLException {
        Optional<SearchQuery.Match> match = SearchQuery.match(c, q);
        if (match.isEmpty()) {
            return new Network(Network.HUB, max, List.of(), List.of());
        }
        if (match.get().everything()) {
            return new Network(Network.HUB, max, List.of(), edges(HubPairCounts.all(c)));
        }
        return fromParties(c, match.get(), max);
    }

    /**
     * The grouped network of {@code match} counted from the partnerships' parties, read as one stream
     * of party rows in partnership order, a partnership at a time: holding every party row at once
     * (1.7 million for a million organisations' partnerships) took more than the node's heap. A search
     * that is not the whole directory starts from its matches (the FTS5 table by its MATCH, each
     * match's partnerships by the by-party index), so its cost follows its matches' partnerships;
     * checking every partnership's parties against it instead took 61 s for a country at a million.
     * The whole directory's, read here in 16-21 s at a million, is what {@link HubPairCounts} keeps.
     */
    static Network fromParties(Connection c, SearchQuery.Match match, int max) throws SQLException {
        String table = match.table(); // one of two constants, never input
        String sql = match.everything()
                ? "SELECT p.origin || '/' || p.id, p.status, pp.hub"
                        + " FROM partnerships p JOIN partnership_parties pp ON pp.origin = p.origin AND pp.id = p.id"
                        + HubPairCounts.LIVE
                        + " WHERE p.status <> 'retracted' ORDER BY p.origin, p.id"
                : "SELECT pp.origin || '/' || pp.id, p.status, pp.hub FROM " + table
                        + " JOIN organizations o ON o.doc = " + table + ".rowid AND o.removed = 0"
                        + " JOIN partnership_parties pp ON pp.party = o.origin || '/' || o.id"
                        + " JOIN partnerships p ON p.origin = pp.origin AND p.id = pp.id AND p.status <> 'retracted'"
                        + " WHERE " + table + " MATCH ? ORDER BY pp.origin, pp.id";
        SortedMap<String, Long> counts = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (!match.everything()) {
                ps.setString(1, match.expression());
            }
            try (ResultSet rs = ps.executeQuery()) {
                String current = null;
                String status = null;
                List<String> hubs = new ArrayList<>();
                while (rs.next()) {
                    String partnership = rs.getString(1);
                    if (!partnership.equals(current)) {
                        pairs(hubs, status).forEach(pair -> counts.merge(pair, 1L, Long::sum));
                        current = partnership;
                        status = rs.getString(2);
                        hubs.clear();
                    }
                    hubs.add(rs.getString(3));
                }
                pairs(hubs, status).forEach(pair -> counts.merge(pair, 1L, Long::sum));
            }
        }
        return new Network(Network.HUB, max, List.of(), edges(counts));
    }

    /**
     * The pairs one partnership counts under: each pair of its matching parties' hubs once, smaller hub
     * first, with its status, as {@code "hubA\nhubB\nstatus"}. None with fewer than two parties.
     */
    static Set<String> pairs(List<String> hubs, String status) {
        Set<String> pairs = new HashSet<>();
        for (int x = 0; x < hubs.size(); x++) {
            for (int y = x + 1; y < hubs.size(); y++) {
                String a = hubs.get(x);
                String b = hubs.get(y);
                pairs.add((a.compareTo(b) <= 0 ? a + "\n" + b : b + "\n" + a) + "\n" + status);
            }
        }
        return pairs;
    }

    /** Edges from counts keyed by {@link #pairs}, in their order. */
    private static List<Network.Edge> edges(SortedMap<String, Long> counts) {
        List<Network.Edge> edges = new ArrayList<>();
        counts.forEach((key, n) -> {
            String[] k = key.split("\n");
            edges.add(new Network.Edge(k[0], k[1], k[2], null, null, null, n));
        });
        return edges;
    }
}
