package org.tsunagu.node.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers a search with keyset paging over the index {@link SearchIndex} writes.
 *
 * <p>Order: organisations whose names (or other names, identifiers) hold every query word come first
 * (tier 1, from {@code org_names}), then those that need the description (tier 2, from
 * {@code org_text}, minus tier 1); inside a tier, by doc id. Every step reads doclists in rowid order
 * and stops after one page, so a page costs about the same at a million rows as at a thousand. There
 * is deliberately no bm25 ordering: bm25 scores every hit and counts every phrase's matches across
 * the whole table (filter tags included) before the first row is known, which at a million rows costs
 * far more than the latency budget for common words.
 */
final class SearchQuery {
    /** A last word that begins more indexed words than this is matched with an FTS5 prefix query. */
    static final int MAX_EXPANSIONS = 50;

    private static final int FIRST_BATCH = 64;
    private static final int MAX_BATCH = 4096;

    private SearchQuery() {}

    /** One page of doc ids; {@code next} is null at the end. */
    record Result(List<Long> docs, String next) {}

    private record Hit(int tier, long doc) {}

    /**
     * Every organisation a query matches, whatever the page: an FTS5 expression over {@code table}
     * ({@code org_text} with text, since it holds the names too; {@code org_names} for filters alone),
     * or every live organisation when {@code table} is null.
     */
    record Match(String table, String expression) {
        static final Match EVERYTHING = new Match(null, null);

        boolean everything() {
            return table == null;
        }
    }

    /** What {@code q} matches, ignoring its cursor and limit; empty if it cannot match anything. */
    static Optional<Match> match(Connection c, OrganizationQuery q) throws SQLException {
        List<SearchText.Group> groups = SearchText.parseQuery(q.q());
        String filter = filterExpression(q);
        if (groups.isEmpty()) {
            return Optional.of(filter == null ? Match.EVERYTHING : new Match("org_names", filter));
        }
        List<List<String>> alternatives = alternatives(c, groups);
        if (alternatives == null) {
            return Optional.empty();
        }
        return Optional.of(new Match("org_text", and(allOf(alternatives, "text"), filter)));
    }

    /**
     * How many organisations {@code q} matches, counting at most {@code max}: each match is one step
     * through a doclist, so the cost is bounded whatever the query.
     */
    static long count(Connection c, OrganizationQuery q, int max) throws SQLException {
        Optional<Match> match = match(c, q);
        if (match.isEmpty()) {
            return 0;
        }
        String sql = match.get().everything()
                ? "SELECT count(*) FROM (SELECT 1 FROM organizations WHERE removed = 0 LIMIT ?2)"
                // table is one of two constants, never input
                : "SELECT count(*) FROM (SELECT 1 FROM " + match.get().table() + " WHERE "
                        + match.get().table() + " MATCH ?1 LIMIT ?2)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (!match.get().everything()) {
                ps.setString(1, match.get().expression());
            }
            ps.setInt(2, max);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static Result run(Connection c, OrganizationQuery q) throws SQLException {
        List<SearchText.Group> groups = SearchText.parseQuery(q.q());
        String filter = filterExpression(q);
        SearchCursor after = q.cursor() == null ? null : SearchCursor.decode(q.cursor());
        int want = q.limit() + 1;
        List<Hit> hits = new ArrayList<>();
        if (groups.isEmpty()) {
            if (after != null && after.tier() != 0) {
                throw SearchCursor.invalid();
            }
            long from = after == null ? 0 : after.doc();
            List<Long> docs = filter == null ? allDocs(c, from, want) : docOrder(c, "org_names", filter, from, want);
            docs.forEach(d -> hits.add(new Hit(0, d)));
        } else {
            if (after != null && after.tier() == 0) {
                throw SearchCursor.invalid();
            }
            List<List<String>> alternatives = alternatives(c, groups);
            if (alternatives != null) {
                String names = allOf(alternatives, "names");
                String text = allOf(alternatives, "text");
                if (after == null || after.tier() == 1) {
                    long from = after == null ? 0 : after.doc();
                    docOrder(c, "org_names", and(names, filter), from, want).forEach(d -> hits.add(new Hit(1, d)));
                }
                if (hits.size() < want) {
                    long from = after != null && after.tier() == 2 ? after.doc() : 0;
                    descriptionOnly(c, and(text, filter), names, from, want - hits.size(), hits);
                }
            }
        }
        List<Long> docs = new ArrayList<>();
        for (int i = 0; i < Math.min(q.limit(), hits.size()); i++) {
            docs.add(hits.get(i).doc());
        }
        String next = null;
        if (hits.size() > q.limit()) {
            Hit last = hits.get(q.limit() - 1);
            next = new SearchCursor(last.tier(), last.doc()).encode();
        }
        return new Result(docs, next);
    }

    /**
     * Tier 2: text matches that are not name matches. Candidates come from org_text in doc order; the
     * name matches among them are found with one range query on org_names per batch.
     */
    private static void descriptionOnly(
            Connection c, String textExpr, String namesExpr, long from, int need, List<Hit> out) throws SQLException {
        long cursor = from;
        int batch = FIRST_BATCH;
        int found = 0;
        while (found < need) {
            List<Long> candidates = docOrder(c, "org_text", textExpr, cursor, batch);
            if (candidates.isEmpty()) {
                return;
            }
            Set<Long> named =
                    new HashSet<>(docRange(c, namesExpr, candidates.get(0), candidates.get(candidates.size() - 1)));
            for (long doc : candidates) {
                if (!named.contains(doc)) {
                    out.add(new Hit(2, doc));
                    if (++found == need) {
                        return;
                    }
                }
            }
            if (candidates.size() < batch) {
                return;
            }
            cursor = candidates.get(candidates.size() - 1);
            batch = Math.min(MAX_BATCH, batch * 2);
        }
    }

    /**
     * For each group, the phrases any of which it may match: itself, or for a last word that is a
     * prefix, one phrase per indexed word it begins. Null if some group cannot match anything.
     */
    private static List<List<String>> alternatives(Connection c, List<SearchText.Group> groups) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        for (SearchText.Group g : groups) {
            String last = g.lastToken();
            if (!g.prefix() || last.length() < SearchIndex.WORD_MIN || !SearchText.isWordToken(last)) {
                out.add(List.of(g.phrase()));
                continue;
            }
            List<String> words = wordsStartingWith(c, last);
            if (words.isEmpty()) {
                return null;
            }
            if (words.size() > MAX_EXPANSIONS) {
                out.add(List.of(g.phrase()));
            } else {
                out.add(words.stream().map(g::phraseEndingWith).toList());
            }
        }
        return out;
    }

    private static List<String> wordsStartingWith(Connection c, String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT word FROM search_words WHERE word >= ? AND word < ? ORDER BY word LIMIT ?")) {
            ps.setString(1, prefix);
            ps.setString(2, prefix + Character.MAX_VALUE);
            ps.setInt(3, MAX_EXPANSIONS + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static String allOf(List<List<String>> alternatives, String column) {
        List<String> parts = new ArrayList<>();
        for (List<String> phrases : alternatives) {
            List<String> options = phrases.stream().map(p -> column + " : " + p).toList();
            parts.add(options.size() == 1 ? options.get(0) : "(" + String.join(" OR ", options) + ")");
        }
        return String.join(" AND ", parts);
    }

    private static String and(String expr, String filter) {
        return filter == null ? expr : "(" + expr + ") AND " + filter;
    }

    static String filterExpression(OrganizationQuery q) {
        List<String> parts = new ArrayList<>();
        if (q.country() != null) {
            parts.add(SearchIndex.countryTag(q.country()));
        }
        if (q.sector() != null) {
            parts.add(SearchIndex.sectorTag(q.sector()));
        }
        if (q.language() != null) {
            parts.add(SearchIndex.languageTag(q.language()));
        }
        if (q.hub() != null) {
            parts.add(SearchIndex.hubTag(q.hub()));
        }
        List<String> terms =
                new ArrayList<>(parts.stream().map(t -> "tags : \"" + t + "\"").toList());
        if (q.operatesIn() != null) {
            // Working there: based there, or naming it among the countries of operation.
            terms.add("(tags : \"" + SearchIndex.countryTag(q.operatesIn()) + "\" OR tags : \""
                    + SearchIndex.operationTag(q.operatesIn()) + "\")");
        }
        return terms.isEmpty() ? null : String.join(" AND ", terms);
    }

    private static List<Long> docOrder(Connection c, String table, String expr, long afterDoc, int limit)
            throws SQLException {
        // table is one of two constants, never input
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT rowid FROM " + table + " WHERE " + table + " MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?")) {
            ps.setString(1, expr);
            ps.setLong(2, afterDoc);
            ps.setInt(3, limit);
            return collect(ps);
        }
    }

    private static List<Long> docRange(Connection c, String namesExpr, long first, long last) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT rowid FROM org_names WHERE org_names MATCH ? AND rowid BETWEEN ? AND ?")) {
            ps.setString(1, namesExpr);
            ps.setLong(2, first);
            ps.setLong(3, last);
            return collect(ps);
        }
    }

    private static List<Long> allDocs(Connection c, long afterDoc, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT doc FROM organizations WHERE removed = 0 AND doc > ? ORDER BY doc LIMIT ?")) {
            ps.setLong(1, afterDoc);
            ps.setInt(2, limit);
            return collect(ps);
        }
    }

    private static List<Long> collect(PreparedStatement ps) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }
}
