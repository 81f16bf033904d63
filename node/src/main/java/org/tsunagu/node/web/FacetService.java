package org.tsunagu.node.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.FilterCounts;
import org.tsunagu.node.directory.HubView;
import org.tsunagu.node.directory.OrganizationQuery;

/**
 * Counts for the search filters, exact (see {@link DirectoryService#filterCounts}): from counters for
 * the whole directory, from a tally of the matches' filter values held in memory for a search, up to
 * {@code limit} matches.
 *
 * <p>A tally of a large search still costs tens of ms of one core (the largest country at a million
 * organisations: 200,000 matches), so they run one at a time (on two cores a second one would only
 * slow the searches beside it) and their results are kept per search and directory version: paging,
 * going back, or several viewers of the same link count once.
 * Every known hub is offered, counted or not, so the hub filter never hides a hub.
 */
public final class FacetService {
    /**
     * Matches read per request at most: about 30 ms of one core (issue 19's figures in the README). A
     * search matching more (a quarter of a million-organisation directory) gets lower bounds.
     */
    public static final int DEFAULT_LIMIT = 250_000;

    private static final int CACHED_SEARCHES = 64;

    private final DirectoryService directory;
    private final int limit;
    private final ReentrantLock passes = new ReentrantLock(true);
    private final Map<Search, FilterCounts> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Search, FilterCounts> eldest) {
            return size() > CACHED_SEARCHES;
        }
    };

    /** A search without its page: what the counts depend on. */
    private record Search(String q, String country, String sector, String language, String hub, String operatesIn) {
        static Search of(OrganizationQuery q) {
            return new Search(q.q(), q.country(), q.sector(), q.language(), q.hub(), q.operatesIn());
        }
    }

    public FacetService(DirectoryService directory, int limit) {
        this.directory = directory;
        this.limit = limit;
    }

    public FacetCounts facets(OrganizationQuery query) {
        FilterCounts counts = counts(query);
        return new FacetCounts(
                sorted(counts.country()),
                sorted(counts.sector()),
                sorted(counts.language()),
                sorted(withEveryHub(counts)),
                counts.total(),
                counts.counted(),
                counts.exact());
    }

    /** The map's counts for the same search, from the same (cached) pass as {@link #facets}. */
    public Aggregates aggregates(OrganizationQuery query) {
        FilterCounts counts = counts(query);
        return new Aggregates(
                sorted(counts.country()),
                sorted(counts.operations()),
                sorted(counts.sector()),
                sorted(withEveryHub(counts)),
                counts.total(),
                counts.counted(),
                counts.exact());
    }

    private FilterCounts counts(OrganizationQuery query) {
        Search search = Search.of(query);
        FilterCounts counts = cached(search, directory.version());
        if (counts == null && query.q() == null && !query.hasFilters()) {
            counts = directory.filterCounts(query, limit); // counters only: never waits behind a pass
        } else if (counts == null) {
            passes.lock();
            try {
                // Whoever held the lock may have just counted the same search.
                counts = cached(search, directory.version());
                if (counts == null) {
                    counts = directory.filterCounts(query, limit);
                    synchronized (cache) {
                        cache.put(search, counts);
                    }
                }
            } finally {
                passes.unlock();
            }
        }
        return counts;
    }

    private Map<String, Long> withEveryHub(FilterCounts counts) {
        Map<String, Long> hubs = new LinkedHashMap<>(counts.hub());
        for (HubView known : directory.hubs()) {
            hubs.putIfAbsent(known.hub(), 0L);
        }
        return hubs;
    }

    private FilterCounts cached(Search search, long version) {
        synchronized (cache) {
            FilterCounts hit = cache.get(search);
            return hit != null && hit.version() == version ? hit : null;
        }
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        Map<String, Long> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
