-- Exact counts for the search filters (issue 5).
--
-- organizations.facets holds the filter values of the live record as a sorted JSON array of
-- "<facet>:<value>" strings, facet c = country (upper case), s = sector (5-digit codes and their
-- 3-digit categories), l = language (lower case, and its primary subtag), h = hub. The node writes
-- it in the same statement that writes the row (FilterValues), so it costs no extra statement, and a
-- search's counts are one pass over the matching rows' facets.
--
-- facet_counts holds, per filter value, how many live organisations have it: the landing page's
-- counts in O(values). The node keeps it in step in the writing transaction (FacetCountStore), one
-- single-row upsert per value that changed: an edit that leaves the filter values alone writes
-- nothing here. Not triggers: a trigger makes every INSERT on organizations open a statement
-- journal, and SQLite then has FTS5 flush its pending index writes to a new segment, which cost
-- ~100 us per new organisation in a batch.
ALTER TABLE organizations ADD COLUMN facets TEXT;

CREATE TABLE facet_counts (
    facet TEXT NOT NULL,                -- c, s, l or h, as in organizations.facets
    value TEXT NOT NULL,
    n     INTEGER NOT NULL,             -- live organisations with this value (0 rows are kept)
    PRIMARY KEY (facet, value)
) WITHOUT ROWID;

-- Backfill for databases written before this migration, from the records in the log; the same
-- values and order as FilterValues writes, so re-publishing an unchanged record changes nothing.
UPDATE organizations AS o SET facets = (
    WITH b(body) AS (SELECT l.envelope -> '$.body' FROM log l WHERE l.origin = o.origin AND l.seq = o.seq),
    v(k) AS (
        SELECT 'c:' || upper(body ->> '$.country') FROM b WHERE body ->> '$.country' IS NOT NULL
        UNION SELECT 's:' || s.value FROM b, json_each(b.body, '$.sectors') s
            WHERE s.value GLOB '[0-9][0-9][0-9]' OR s.value GLOB '[0-9][0-9][0-9][0-9][0-9]'
        UNION SELECT 's:' || substr(s.value, 1, 3) FROM b, json_each(b.body, '$.sectors') s
            WHERE s.value GLOB '[0-9][0-9][0-9][0-9][0-9]'
        UNION SELECT 'l:' || lower(t.value) FROM b, json_each(b.body, '$.languages') t WHERE t.value <> ''
        UNION SELECT 'l:' || lower(substr(t.value, 1, instr(t.value, '-') - 1)) FROM b, json_each(b.body, '$.languages') t
            WHERE instr(t.value, '-') > 1
        UNION SELECT 'h:' || o.origin)
    SELECT json_group_array(k) FROM v)
WHERE removed = 0;

INSERT INTO facet_counts (facet, value, n)
SELECT substr(j.value, 1, 1), substr(j.value, 3), count(*)
FROM organizations o, json_each(o.facets) j
WHERE o.removed = 0
GROUP BY 1, 2;
