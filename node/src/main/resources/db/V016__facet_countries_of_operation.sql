-- Countries of operation counted for the directory's map (issue 19).
--
-- The map shades countries by how many organisations are based there (facet c) and how many work
-- there (countries_of_operation, facet o). Both come from the facet tables V004__facets.sql added,
-- so a map of the whole directory is O(countries) and a map of a search is the same one pass over
-- the matches' stored values as the filter counts. Not a search filter: the index gets no tag for it.
--
-- Rebuilds every live row's values exactly as FilterValues writes them now (V004's set plus the
-- o:<code> entries, sorted), then the counters from them. Runs after V012, so opened sealed records
-- are read whole.
UPDATE organizations AS o SET facets = (
    WITH b(body) AS (
        -- A sealed record this hub opened (V012) counts by its whole record, as FilterValues sees it.
        SELECT coalesce(
            (SELECT r.record FROM opened_records r WHERE r.origin = o.origin AND r.id = o.id AND r.seq = o.seq),
            l.envelope -> '$.body')
        FROM log l WHERE l.origin = o.origin AND l.seq = o.seq),
    v(k) AS (
        SELECT 'c:' || upper(body ->> '$.country') FROM b WHERE body ->> '$.country' IS NOT NULL
        UNION SELECT 'o:' || upper(c.value) FROM b, json_each(b.body, '$.countries_of_operation') c
            WHERE c.value <> ''
        UNION SELECT 's:' || s.value FROM b, json_each(b.body, '$.sectors') s
            WHERE s.value GLOB '[0-9][0-9][0-9]' OR s.value GLOB '[0-9][0-9][0-9][0-9][0-9]'
        UNION SELECT 's:' || substr(s.value, 1, 3) FROM b, json_each(b.body, '$.sectors') s
            WHERE s.value GLOB '[0-9][0-9][0-9][0-9][0-9]'
        UNION SELECT 'l:' || lower(t.value) FROM b, json_each(b.body, '$.languages') t WHERE t.value <> ''
        UNION SELECT 'l:' || lower(substr(t.value, 1, instr(t.value, '-') - 1)) FROM b, json_each(b.body, '$.languages') t
            WHERE instr(t.value, '-') > 1
        UNION SELECT 'h:' || o.origin)
    SELECT json_group_array(k) FROM (SELECT k FROM v ORDER BY k))
WHERE removed = 0;

DELETE FROM facet_counts;

INSERT INTO facet_counts (facet, value, n)
SELECT substr(j.value, 1, 1), substr(j.value, 3), count(*)
FROM organizations o, json_each(o.facets) j
WHERE o.removed = 0
GROUP BY 1, 2;
