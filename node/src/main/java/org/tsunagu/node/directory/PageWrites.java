package org.tsunagu.node.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the materialiser writes once per page of envelopes applied in one transaction, not once per
 * envelope (issue 14: a follower's initial sync stores pages of 1,000 organisations that mostly share
 * their filter values and most of their words). The filter-count moves are summed per value and
 * written by {@link #finish}; a search word is inserted the first time the page meets it. Both end
 * the same as one write per envelope: counts only add up, and {@code search_words} only gains words
 * between forgettings.
 *
 * <p>Lives no longer than its transaction: a rolled back page's words were never kept.
 */
final class PageWrites {
    /** Net move of each filter value's count, keyed as {@link FilterValues#keys()}; zero included. */
    private final Map<String, Integer> facetMoves = new TreeMap<>();
    /** Words in {@code search_words} now, as far as this page knows: inserted by it since the last forget. */
    private final Set<String> wordsHeld = new HashSet<>();

    /** The doc the next new organisation gets (0: not read yet); see {@link #nextDoc}. */
    private long nextDoc;
    /** Whether any partnership names a party; see {@link #mayNameParties}. */
    private final Fact partiesNamed = new Fact("SELECT EXISTS (SELECT 1 FROM partnership_parties)");
    /** Whether any opened sealed record is held; see {@link #mayHoldOpened}. */
    private final Fact openedHeld = new Fact("SELECT EXISTS (SELECT 1 FROM opened_records)");

    /**
     * The doc for the next organisation inserted: one past the largest held, read once per page and
     * counted on by {@link #docTaken} (issue 14: "SELECT last_insert_rowid()" after every insert was a
     * query and a result set per new organisation). SQLite picks the same number for a rowid table
     * without AUTOINCREMENT ({@link #docsDeleted} lets a freed largest doc be taken again, as it does);
     * only the materialiser inserts organisations, on the one writer.
     */
    long nextDoc(Connection c) throws SQLException {
        if (nextDoc == 0) {
            try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(doc), 0) + 1 FROM organizations");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                nextDoc = rs.getLong(1);
            }
        }
        return nextDoc;
    }

    /** The doc {@link #nextDoc} gave is now held. */
    void docTaken() {
        nextDoc++;
    }

    /** An organisation row was deleted: the largest doc may be free again, as SQLite would reuse it. */
    void docsDeleted() {
        nextDoc = 0;
    }

    /**
     * Whether any partnership names any party: when none does, a new organisation takes part in no
     * pair, and the per-organisation lookup of the partnerships naming it is skipped. An announcement
     * applied in the page makes it true ({@link #partiesMayBeNamed}).
     */
    boolean mayNameParties(Connection c) throws SQLException {
        return partiesNamed.holds(c);
    }

    void partiesMayBeNamed() {
        partiesNamed.nowTrue();
    }

    /**
     * Whether any opened sealed record is held: when none is (a node without an encryption key never
     * holds one), an upsert has no opened record to delete. An opened record put in the page makes it
     * true ({@link #openedMayBeHeld}).
     */
    boolean mayHoldOpened(Connection c) throws SQLException {
        return openedHeld.holds(c);
    }

    void openedMayBeHeld() {
        openedHeld.nowTrue();
    }

    /** A yes or no read once per page, which only the page's own writes change, and only to yes. */
    private static final class Fact {
        private final String sql;
        private Boolean value;

        Fact(String sql) {
            this.sql = sql;
        }

        boolean holds(Connection c) throws SQLException {
            if (value == null) {
                try (PreparedStatement ps = c.prepareStatement(sql);
                        ResultSet rs = ps.executeQuery()) {
                    value = rs.next() && rs.getInt(1) == 1;
                }
            }
            return value;
        }

        void nowTrue() {
            value = Boolean.TRUE;
        }
    }

    /** Organisation {@code doc}'s filter values went from {@code before} to {@code after} (empty: not live). */
    void facets(Connection c, long doc, Set<String> before, Set<String> after) throws SQLException {
        if (before.equals(after)) {
            return;
        }
        FacetCountStore.changed(c, doc);
        for (String key : before) {
            if (!after.contains(key)) {
                facetMoves.merge(key, -1, Integer::sum);
            }
        }
        for (String key : after) {
            if (!before.contains(key)) {
                facetMoves.merge(key, 1, Integer::sum);
            }
        }
    }

    /** Inserts those of {@code words} (repeats allowed) that this page has not inserted since the last forget. */
    void words(Connection c, Collection<String> words) throws SQLException {
        boolean any = false;
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO search_words (word) VALUES (?)")) {
            for (String word : words) {
                if (wordsHeld.add(word)) {
                    ps.setString(1, word);
                    ps.addBatch();
                    any = true;
                }
            }
            if (any) {
                ps.executeBatch();
            }
        }
    }

    /** Before words leave {@code search_words}: none is known to be held any more. */
    void forgetting() {
        wordsHeld.clear();
    }

    /** Writes the filter-count moves held so far. */
    void finish(Connection c) throws SQLException {
        FacetCountStore.move(c, facetMoves);
        facetMoves.clear();
    }
}
