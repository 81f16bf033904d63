package org.tsunagu.node.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.HubId;

/** The read side of the directory, over every origin held: search, lookups, partnerships, hubs. */
public final class DirectoryService {
    private final Database db;
    private final FacetColumn facetColumn = new FacetColumn();
    private final GroupedNetworks grouped = GroupedNetworks.standard();

    /** Rebuilds the search index first if a migration asked for it ({@link SearchReindex}). */
    public DirectoryService(Database db) {
        this.db = db;
        SearchReindex.runIfAsked(db);
    }

    /**
     * Searches live organisations; see {@link OrganizationQuery} for the parameters and
     * {@link SearchIndex} for the ranking. Any text is safe: it is tokenised, never passed as FTS5
     * syntax.
     *
     * @throws org.tsunagu.protocol.ValidationException at {@code $.cursor} for a cursor not made here
     */
    public Page<OrganizationView> searchOrganizations(OrganizationQuery q) {
        return db.read(c -> {
            SearchQuery.Result r = SearchQuery.run(c, q);
            List<OrganizationView> items = views(c, r.docs());
            long counted =
                    q.cursor() == null && r.next() == null ? items.size() : SearchQuery.count(c, q, Page.COUNT_CAP + 1);
            return Page.of(items, r.next(), counted);
        });
    }

    /** Whether the organisation is held and not removed: one index lookup, no record read. */
    public boolean organizationExists(HubId origin, String id) {
        return organizationHeld(origin, id, false);
    }

    /**
     * Whether the organisation is held, with {@code evenRemoved} also when removed or erased (what an
     * erasure may name: a removed record's earlier bodies are still in the log).
     */
    public boolean organizationHeld(HubId origin, String id, boolean evenRemoved) {
        String sql =
                "SELECT 1 FROM organizations WHERE origin = ? AND id = ?" + (evenRemoved ? "" : " AND removed = 0");
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, origin.value());
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * How many organisations matching {@code q} have each filter value (its cursor and limit are
     * ignored); see {@link FacetCounter} for the cost, which grows with the matches read, at most
     * {@code limit}. Searches are counted one at a time, each in a read transaction begun after the
     * last one's: the in-memory column they share only moves forward ({@link FacetColumn}).
     */
    public FilterCounts filterCounts(OrganizationQuery q, int limit) {
        if (q.q() == null && !q.hasFilters()) {
            return db.read(c -> FacetCounter.count(c, q, limit, facetColumn)); // counters only
        }
        synchronized (facetColumn) {
            return db.read(c -> FacetCounter.count(c, q, limit, facetColumn));
        }
    }

    /** Changes whenever the directory does (the newest log row): a key for caching what is read from it. */
    public long version() {
        return db.read(FacetCounter::version);
    }

    /** The organisation's current record; empty if unknown or removed. */
    public Optional<OrganizationView> organization(HubId origin, String id) {
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT doc FROM organizations WHERE origin = ? AND id = ? AND removed = 0")) {
                ps.setString(1, origin.value());
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return views(c, List.of(rs.getLong(1))).stream().findFirst();
                }
            }
        });
    }

    /**
     * The partnership network of {@code q}'s matches (its cursor and limit are ignored): organisations
     * and their partnerships up to {@code max} matches, partnerships counted per pair of hubs beyond;
     * see {@link NetworkReader}. Hub nodes are left to the caller, who has the facet counts. The whole
     * directory's grouped network is kept by the writers ({@link HubPairCounts}) and read at once;
     * others are computed one at a time and kept ({@link GroupedNetworks}).
     *
     * @throws NetworkBusyException when another grouped network is being computed
     */
    public Network network(OrganizationQuery q, int max) {
        Optional<Network> small = db.read(c -> NetworkReader.ofOrganizations(c, q, max));
        if (small.isPresent()) {
            return small.get();
        }
        if (q.q() == null && !q.hasFilters()) {
            // Exact and a few rows to read: not queued behind a costly one, nor kept.
            return db.read(c -> NetworkReader.byHub(c, q, max));
        }
        long commits = db.commits();
        return grouped.get(q, max, commits, () -> db.read(c -> NetworkReader.byHub(c, q, max)));
    }

    public Page<PartnershipView> partnerships(PartnershipQuery q) {
        return db.read(c -> PartnershipReader.page(c, q));
    }

    public Optional<PartnershipView> partnership(HubId origin, String id) {
        return db.read(c -> PartnershipReader.one(c, origin.value(), id));
    }

    /** Every hub this node knows, by hub id. */
    public List<HubView> hubs() {
        return db.read(HubReader::all);
    }

    public Optional<HubView> hub(HubId hub) {
        return db.read(c -> HubReader.one(c, hub.value()));
    }

    /** Loads the views of {@code docs}, keeping their order. */
    static List<OrganizationView> views(Connection c, List<Long> docs) throws SQLException {
        if (docs.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", java.util.Collections.nCopies(docs.size(), "?"));
        Map<Long, OrganizationView> byDoc = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.doc, o.origin, o.id, l.seq, l.ts, l.key, l.hash,"
                + " l.envelope, r.record FROM organizations o JOIN log l ON l.origin = o.origin AND l.seq = o.seq"
                + " LEFT JOIN opened_records r ON r.origin = o.origin AND r.id = o.id AND r.seq = o.seq"
                + " WHERE o.doc IN (" + marks + ")")) {
            for (int i = 0; i < docs.size(); i++) {
                ps.setLong(i + 1, docs.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String origin = rs.getString(2);
                    String id = rs.getString(3);
                    Provenance p = new Provenance(
                            origin, rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), true);
                    byDoc.put(
                            rs.getLong(1),
                            OrganizationView.of(
                                    origin,
                                    id,
                                    LogText.body(rs.getString(8)),
                                    rs.getString(9) == null ? null : LogText.json(rs.getString(9)),
                                    p));
                }
            }
        }
        List<OrganizationView> out = new ArrayList<>(docs.size());
        for (long doc : docs) {
            OrganizationView v = byDoc.get(doc);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }
}
