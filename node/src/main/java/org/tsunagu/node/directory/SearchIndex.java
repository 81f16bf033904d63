package org.tsunagu.node.directory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tsunagu.protocol.body.Organization;

/**
 * Writes the search index of one live organisation: its names in {@code org_names}, all its text in
 * {@code org_text}, its filter values as tag tokens in both, and its words in {@code search_words}.
 * See {@link SearchQuery} for how these are read.
 */
final class SearchIndex {
    /**
     * Words shorter than this are not kept for prefix expansion. Three, the shortest last word that is
     * matched as a prefix ({@link SearchText#PREFIX_MIN}): the FTS5 tables have no prefix index (V025).
     */
    static final int WORD_MIN = SearchText.PREFIX_MIN;

    private static final HexFormat HEX = HexFormat.of();

    private SearchIndex() {}

    /** Indexes live organisation {@code doc}; its words go to {@code search_words} through {@code page}. */
    static void put(Connection c, long doc, Organization org, FilterValues values, PageWrites page)
            throws SQLException {
        StringBuilder names = new StringBuilder();
        appendNames(org, names);
        StringBuilder text = new StringBuilder(names);
        appendDescriptions(org, text);
        String tags = values.tags();
        insert(c, "INSERT INTO org_names (rowid, names, tags) VALUES (?, ?, ?)", doc, names.toString(), tags);
        insert(c, "INSERT INTO org_text (rowid, text, tags) VALUES (?, ?, ?)", doc, text.toString(), tags);
        page.words(c, words(text));
    }

    /**
     * After an erasure (SPEC §6.9): the words of the erased {@code bodies} that no live organisation
     * still holds leave {@code search_words}, and both FTS5 tables are merged into one segment each,
     * which drops the deleted rows' postings (a contentless-delete table keeps them, masked, until a
     * merge). Costs a full merge of the index: erasures are rare, leaks are not acceptable.
     */
    static void forget(Connection c, List<Organization> records, PageWrites page) throws SQLException {
        page.forgetting();
        Set<String> words = new LinkedHashSet<>();
        for (Organization org : records) {
            StringBuilder text = new StringBuilder();
            appendNames(org, text);
            appendDescriptions(org, text);
            words.addAll(words(text));
        }
        try (PreparedStatement held = c.prepareStatement("SELECT 1 FROM org_text WHERE org_text MATCH ? LIMIT 1");
                PreparedStatement drop = c.prepareStatement("DELETE FROM search_words WHERE word = ?")) {
            for (String word : words) {
                // Word tokens are letters, digits and marks only (SearchText): quoted, they are one term.
                held.setString(1, "\"" + word + "\"");
                boolean stillHeld;
                try (ResultSet rs = held.executeQuery()) {
                    stillHeld = rs.next();
                }
                if (!stillHeld) {
                    drop.setString(1, word);
                    drop.executeUpdate();
                }
            }
        }
        for (String sql : List.of(
                "INSERT INTO org_names (org_names) VALUES ('optimize')",
                "INSERT INTO org_text (org_text) VALUES ('optimize')")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.executeUpdate();
            }
        }
    }

    // Loops, not forEach with a lambda: the node runs on C1 alone, which makes each capturing lambda
    // through a slow runtime call (issue 14: these run on the one writer thread for every record).

    /** The names column: the name, the names by language, the alternate names and the identifiers. */
    private static void appendNames(Organization org, StringBuilder out) {
        SearchText.appendTokens(org.name(), out);
        appendEach(org.names().values(), out);
        appendEach(org.alternateNames(), out);
        appendEach(org.identifiers(), out);
    }

    private static void appendDescriptions(Organization org, StringBuilder out) {
        SearchText.appendTokens(org.description() == null ? "" : org.description(), out);
        appendEach(org.descriptions().values(), out);
    }

    private static void appendEach(java.util.Collection<String> texts, StringBuilder out) {
        for (String text : texts) {
            SearchText.appendTokens(text, out);
        }
    }

    static void remove(Connection c, long doc) throws SQLException {
        for (String sql : List.of("DELETE FROM org_names WHERE rowid = ?", "DELETE FROM org_text WHERE rowid = ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, doc);
                ps.executeUpdate();
            }
        }
    }

    private static void insert(Connection c, String sql, long doc, String text, String tags) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, doc);
            ps.setString(2, text);
            ps.setString(3, tags);
            ps.executeUpdate();
        }
    }

    /**
     * The word tokens of {@code tokens} (space-separated), {@link #WORD_MIN} long or longer, in order,
     * repeats included. Scanned in place: only the words kept become strings (issue 14: splitting every
     * organisation's text was the largest share of a follower's garbage while storing).
     */
    static List<String> words(CharSequence tokens) {
        List<String> out = new ArrayList<>();
        int n = tokens.length();
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n && tokens.charAt(end) != ' ') {
                end++;
            }
            if (end - start >= WORD_MIN
                    && SearchText.kindOf(Character.codePointAt(tokens, start)) == SearchText.Kind.WORD) {
                out.add(tokens.subSequence(start, end).toString());
            }
            start = end + 1;
        }
        return out;
    }

    // Filter values become tokens of letters and digits only: values that may hold other characters
    // are hex-encoded, so no value can split into two tokens or collide with another kind.
    static String countryTag(String country) {
        return "c" + HEX.formatHex(country.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    /** A country of operation (V019): its own kind, so {@code operates_in} never matches a country filter's tag. */
    static String operationTag(String country) {
        return "o" + HEX.formatHex(country.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
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
}
