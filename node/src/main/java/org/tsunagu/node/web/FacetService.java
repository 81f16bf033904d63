package org.tsunagu.node.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.HubView;
import org.tsunagu.node.directory.OrganizationQuery;
import org.tsunagu.node.directory.OrganizationView;
import org.tsunagu.node.directory.Page;

/**
 * Counts for the search filters, taken from the matching records themselves through the directory's
 * own search, so they always agree with what the filters will find. Work is bounded: at most
 * {@code limit} matches are read (keyset pages of 100); beyond that the counts are marked incomplete.
 * Every known hub is offered, counted or not, so the hub filter never hides a hub.
 */
public final class FacetService {
    /** Matches read per request at most: about 20 pages, tens of milliseconds. */
    public static final int DEFAULT_LIMIT = 2_000;

    private final DirectoryService directory;
    private final int limit;

    public FacetService(DirectoryService directory, int limit) {
        this.directory = directory;
        this.limit = limit;
    }

    public FacetCounts facets(OrganizationQuery query) {
        Map<String, Long> country = new HashMap<>();
        Map<String, Long> sector = new HashMap<>();
        Map<String, Long> language = new HashMap<>();
        Map<String, Long> hub = new HashMap<>();
        OrganizationQuery next = new OrganizationQuery(
                query.q(),
                query.country(),
                query.sector(),
                query.language(),
                query.hub(),
                Math.min(OrganizationQuery.MAX_LIMIT, limit),
                null);
        long counted = 0;
        boolean complete;
        while (true) {
            Page<OrganizationView> page = directory.searchOrganizations(next);
            for (OrganizationView organization : page.items()) {
                count(organization, country, sector, language, hub);
                counted++;
            }
            complete = page.nextCursor() == null || page.items().isEmpty();
            if (complete || counted >= limit) {
                break;
            }
            next = next.withCursor(page.nextCursor());
        }
        for (HubView known : directory.hubs()) {
            hub.putIfAbsent(known.hub(), 0L);
        }
        return new FacetCounts(sorted(country), sorted(sector), sorted(language), sorted(hub), counted, complete);
    }

    private static void count(
            OrganizationView organization,
            Map<String, Long> country,
            Map<String, Long> sector,
            Map<String, Long> language,
            Map<String, Long> hub) {
        JsonNode record = organization.record();
        add(country, Set.of(record.path("country").asText("")));
        // A 5-digit sector also counts for its 3-digit category, which the sector filter accepts.
        Set<String> sectors = new LinkedHashSet<>();
        for (JsonNode code : record.path("sectors")) {
            String text = code.asText("");
            sectors.add(text);
            if (text.length() == 5) {
                sectors.add(text.substring(0, 3));
            }
        }
        add(sector, sectors);
        // "ja-JP" also counts for "ja", which the language filter matches.
        Set<String> languages = new LinkedHashSet<>();
        for (JsonNode tag : record.path("languages")) {
            String text = tag.asText("");
            languages.add(text);
            int dash = text.indexOf('-');
            if (dash > 0) {
                languages.add(text.substring(0, dash).toLowerCase(java.util.Locale.ROOT));
            }
        }
        add(language, languages);
        add(hub, Set.of(organization.origin()));
    }

    private static void add(Map<String, Long> counts, Set<String> values) {
        for (String value : values) {
            if (!value.isEmpty()) {
                counts.merge(value, 1L, Long::sum);
            }
        }
    }

    private static Map<String, Long> sorted(Map<String, Long> counts) {
        List<Map.Entry<String, Long>> entries = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toList());
        Map<String, Long> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
