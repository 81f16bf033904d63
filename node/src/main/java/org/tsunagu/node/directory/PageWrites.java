package org.tsunagu.node.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
