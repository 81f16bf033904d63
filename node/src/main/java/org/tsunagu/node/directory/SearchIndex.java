package org.tsunagu.node.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The FTS5 table {@code org_search}: writing one row per live organisation, and answering searches
 * with keyset paging.
 *
 * <p>Ranking: every hit whose words are all in the names comes first (tier 1), then those matched in
 * names and other names/identifiers (tier 2), then those that need the description (tier 3). Inside a
 * tier, hits are ordered by bm25 when the tier has at most {@link #RANK_MAX} of them; a larger tier
 * (a common word over a million rows) is returned in doc order, because bm25 must score every hit
 * before the first row is known and that does not fit the latency budget. Filters are tokens in the
 * {@code tags} column, so a filter is an FTS5 doclist intersection that streams in doc order.
 */
final class SearchIndex {
    /** Tiers with more hits than this are not ranked (see class comment). */
    static final int RANK_MAX = 2_000;

    private static final String BM25 = "bm25(org_search, 10.0, 4.0, 1.0, 0.0)";
    private static final String[] TIER_COLUMNS = {null, "{names}", "{names alt}", "{names alt descr}"};
    private static final HexFormat HEX = HexFormat.of();

    private SearchIndex() {}

    /** One hit: its position in the result order and its doc (= organizations.doc). */
    record Hit(int tier, boolean ranked, double score, long doc) {
        SearchCursor cursor() {
            return new SearchCursor(tier, ranked, score, doc);
        }
    }

    /** One page of doc ids; {@code next} is null at the end. */
    record Result(List<Long> docs, String next) {}

    // ---- writing ----

    static void put(Connection c, long doc, String origin, JsonNode r) throws SQLException {
        StringBuilder names = new StringBuilder();
        SearchText.appendTokens(r.path("name").asText(""), names);
        r.path("names").forEach(v -> SearchText.appendTokens(v.asText(""), names));
        StringBuilder alt = new StringBuilder();
        r.path("alternate_names").forEach(v -> SearchText.appendTokens(v.asText(""), alt));
        r.path("identifiers").forEach(v -> SearchText.appendTokens(v.asText(""), alt));
        StringBuilder descr = new StringBuilder();
        SearchText.appendTokens(r.path("description").asText(""), descr);
        r.path("descriptions").forEach(v -> SearchText.appendTokens(v.asText(""), descr));
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO org_search (rowid, names, alt, descr, tags) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, doc);
            ps.setString(2, names.toString());
            ps.setString(3, alt.toString());
            ps.setString(4, descr.toString());
            ps.setString(5, tags(origin, r));
            ps.executeUpdate();
        }
    }

    static void remove(Connection c, long doc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM org_search WHERE rowid = ?")) {
            ps.setLong(1, doc);
            ps.executeUpdate();
        }
    }

    private static String tags(String origin, JsonNode r) {
        List<String> tags = new ArrayList<>();
        tags.add(countryTag(r.path("country").asText("")));
        for (JsonNode s : r.path("sectors")) {
            String code = s.asText("");
            if (code.matches("\\d{3}|\\d{5}")) {
                tags.add(sectorTag(code));
                if (code.length() == 5) {
                    tags.add(sectorTag(code.substring(0, 3)));
                }
            }
        }
        for (JsonNode l : r.path("languages")) {
            String tag = l.asText("");
            if (!tag.isEmpty()) {
                tags.add(languageTag(tag));
                int dash = tag.indexOf('-');
                if (dash > 0) {
                    tags.add(languageTag(tag.substring(0, dash)));
                }
            }
        }
        tags.add(hubTag(origin));
        return String.join(" ", tags.stream().distinct().toList());
    }

    // Filter values become tokens of letters and digits only: the ones that may hold other characters
    // are hex-encoded, so no value can split into two tokens or collide with another kind.
    static String countryTag(String country) {
        return "c" + HEX.formatHex(country.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    static String sectorTag(String code) {
        return "s" + code;
    }

    static String languageTag(String tag) {
        return "l" + HEX.formatHex(tag.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    static String hubTag(String hub) {
        return "h" + HEX.formatHex(hub.getBytes(StandardCharsets.UTF_8));
    }

    // ---- searching ----

    static Result search(Connection c, OrganizationQuery q) throws SQLException {
        List<SearchText.Group> groups = SearchText.parseQuery(q.q());
        String filter = filterExpression(q);
        SearchCursor after = q.cursor() == null ? null : SearchCursor.decode(q.cursor());
        int want = q.limit() + 1;
        List<Hit> hits = new ArrayList<>();
        if (groups.isEmpty()) {
            if (after != null && after.tier() != 0) {
                throw SearchCursor.invalid();
            }
            long afterDoc = after == null ? 0 : after.doc();
            for (long doc : filter == null ? allDocs(c, afterDoc, want) : docOrder(c, filter, afterDoc, want)) {
                hits.add(new Hit(0, false, 0, doc));
            }
        } else {
            if (after != null && after.tier() == 0) {
                throw SearchCursor.invalid();
            }
            int firstTier = after == null ? 1 : after.tier();
            for (int tier = firstTier; tier <= 3 && hits.size() < want; tier++) {
                String expr = tierExpression(groups, tier);
                if (filter != null) {
                    expr = "(" + expr + ") AND " + filter;
                }
                SearchCursor from = after != null && after.tier() == tier ? after : null;
                hits.addAll(tier(c, expr, tier, from, want - hits.size()));
            }
        }
        List<Long> docs = new ArrayList<>();
        for (int i = 0; i < Math.min(q.limit(), hits.size()); i++) {
            docs.add(hits.get(i).doc());
        }
        String next = hits.size() > q.limit() ? hits.get(q.limit() - 1).cursor().encode() : null;
        return new Result(docs, next);
    }

    /**
     * The next hits of one tier. Entering a tier, its first {@code RANK_MAX + 1} hits are read in doc
     * order: if there are more, those already are the answer (unranked); if not, the tier is small
     * and is read again ordered by bm25. A cursor inside a tier keeps the mode it started with.
     */
    private static List<Hit> tier(Connection c, String expr, int tier, SearchCursor from, int limit)
            throws SQLException {
        if (from != null) {
            return from.ranked() ? ranked(c, expr, tier, from, limit) : docOrdered(c, expr, tier, from.doc(), limit);
        }
        List<Long> head = docOrder(c, expr, 0, RANK_MAX + 1);
        if (head.isEmpty()) {
            return List.of();
        }
        if (head.size() <= RANK_MAX) {
            return ranked(c, expr, tier, null, limit);
        }
        List<Hit> out = new ArrayList<>();
        for (long doc : head.subList(0, Math.min(limit, head.size()))) {
            out.add(new Hit(tier, false, 0, doc));
        }
        return out;
    }

    /** Every group must match inside the tier's columns, and (tiers 2, 3) not already in the tier before. */
    static String tierExpression(List<SearchText.Group> groups, int tier) {
        String within = allIn(groups, TIER_COLUMNS[tier]);
        return tier == 1 ? within : "(" + within + ") NOT (" + allIn(groups, TIER_COLUMNS[tier - 1]) + ")";
    }

    private static String allIn(List<SearchText.Group> groups, String columns) {
        List<String> parts = new ArrayList<>();
        for (SearchText.Group g : groups) {
            parts.add(columns + " : " + g.phrase());
        }
        return String.join(" AND ", parts);
    }

    static String filterExpression(OrganizationQuery q) {
        List<String> tags = new ArrayList<>();
        if (q.country() != null) {
            tags.add(countryTag(q.country()));
        }
        if (q.sector() != null) {
            tags.add(sectorTag(q.sector()));
        }
        if (q.language() != null) {
            tags.add(languageTag(q.language()));
        }
        if (q.hub() != null) {
            tags.add(hubTag(q.hub()));
        }
        if (tags.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String t : tags) {
            parts.add("tags : \"" + t + "\"");
        }
        return String.join(" AND ", parts);
    }

    private static List<Hit> ranked(Connection c, String expr, int tier, SearchCursor from, int limit)
            throws SQLException {
        String sql = "SELECT rowid, score FROM (SELECT rowid, " + BM25
                + " AS score FROM org_search WHERE org_search MATCH ?)"
                + (from == null ? "" : " WHERE score > ? OR (score = ? AND rowid > ?)")
                + " ORDER BY score, rowid LIMIT ?";
        List<Hit> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, expr);
            if (from != null) {
                ps.setDouble(i++, from.score());
                ps.setDouble(i++, from.score());
                ps.setLong(i++, from.doc());
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Hit(tier, true, rs.getDouble(2), rs.getLong(1)));
                }
            }
        }
        return out;
    }

    private static List<Hit> docOrdered(Connection c, String expr, int tier, long afterDoc, int limit)
            throws SQLException {
        List<Hit> out = new ArrayList<>();
        for (long doc : docOrder(c, expr, afterDoc, limit)) {
            out.add(new Hit(tier, false, 0, doc));
        }
        return out;
    }

    private static List<Long> docOrder(Connection c, String expr, long afterDoc, int limit) throws SQLException {
        return longs(
                c,
                "SELECT rowid FROM org_search WHERE org_search MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?",
                expr,
                afterDoc,
                limit);
    }

    private static List<Long> allDocs(Connection c, long afterDoc, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT doc FROM organizations WHERE removed = 0 AND doc > ? ORDER BY doc LIMIT ?")) {
            ps.setLong(1, afterDoc);
            ps.setInt(2, limit);
            return collect(ps);
        }
    }

    private static List<Long> longs(Connection c, String sql, String expr, long afterDoc, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, expr);
            ps.setLong(2, afterDoc);
            ps.setInt(3, limit);
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
