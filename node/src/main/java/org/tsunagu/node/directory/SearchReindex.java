package org.tsunagu.node.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.body.Organization;

/**
 * Rebuilds the search index when a migration asked for it (a row in {@code search_reindex}): the
 * tokens are made in Java ({@link SearchText}), so a migration that changes tokenisation cannot
 * rewrite them in SQL. One transaction; a node that stops half way rebuilds again on its next start.
 */
final class SearchReindex {
    private static final Logger LOG = LoggerFactory.getLogger(SearchReindex.class);

    private SearchReindex() {}

    static void runIfAsked(Database db) {
        boolean asked = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_reindex'"
                                    + " AND EXISTS (SELECT 1 FROM search_reindex)");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
        if (!asked) {
            return;
        }
        int rebuilt = db.inTransaction(SearchReindex::rebuild);
        LOG.info("search index rebuilt for {} organisations, as a migration asked", rebuilt);
    }

    private static int rebuild(Connection c) throws SQLException {
        int n = 0;
        PageWrites page = new PageWrites();
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT o.doc, o.origin, l.envelope, r.record FROM organizations o"
                                + " JOIN log l ON l.origin = o.origin AND l.seq = o.seq"
                                + " LEFT JOIN opened_records r ON r.origin = o.origin AND r.id = o.id AND r.seq = o.seq"
                                + " WHERE o.removed = 0");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long doc = rs.getLong(1);
                // What the node may read: an opened sealed record whole, another only by its clear members.
                Organization record = Organization.fromBody(
                        rs.getString(4) != null
                                ? LogText.json(rs.getString(4))
                                : SealedRecords.clear(LogText.body(rs.getString(3))));
                SearchIndex.remove(c, doc);
                SearchIndex.put(c, doc, record, FilterValues.of(rs.getString(2), record), page);
                n++;
            }
        }
        page.finish(c);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM search_reindex")) {
            ps.executeUpdate();
        }
        return n;
    }
}
