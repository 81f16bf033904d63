-- Exact counts for the search filters (issue 5).
--
-- organizations.facets holds the filter values of the live record as a sorted JSON array of
-- "<facet>:<value>" strings, facet c = country (upper case), s = sector (5-digit codes and their
-- 3-digit categories), l = language (lower case, and its primary subtag), h = hub. The node writes
-- it in the same statement that writes the row (SearchIndex.facetValues), so it costs no extra
-- statement, and a search's counts are one pass over the matching rows' facets.
--
-- facet_counts holds, per filter value, how many live organisations have it: the landing page's
-- counts in O(values). The triggers below keep it in step inside the writing transaction, in C,
-- without a round trip per value; a record updated with the same filter values (the usual edit)
-- does not fire them at all.
ALTER TABLE organizations ADD COLUMN facets TEXT;

CREATE TABLE facet_counts (
    facet TEXT NOT NULL,                -- c, s, l or h, as in organizations.facets
    value TEXT NOT NULL,
    n     INTEGER NOT NULL,             -- live organisations with this value (0 rows are kept)
    PRIMARY KEY (facet, value)
) WITHOUT ROWID;

-- Backfill for databases written before this migration, from the records in the log; the same
-- values and order as SearchIndex writes, so re-publishing an unchanged record changes nothing.
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

CREATE TRIGGER organizations_facets_insert AFTER INSERT ON organizations
WHEN NEW.removed = 0 AND NEW.facets IS NOT NULL
BEGIN
    INSERT INTO facet_counts (facet, value, n)
    SELECT substr(j.value, 1, 1), substr(j.value, 3), 1 FROM json_each(NEW.facets) j WHERE true
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER organizations_facets_update AFTER UPDATE OF removed, facets ON organizations
WHEN OLD.removed <> NEW.removed OR OLD.facets IS NOT NEW.facets
BEGIN
    UPDATE facet_counts SET n = n - 1
    WHERE OLD.removed = 0
      AND (facet, value) IN (SELECT substr(j.value, 1, 1), substr(j.value, 3) FROM json_each(OLD.facets) j);
    INSERT INTO facet_counts (facet, value, n)
    SELECT substr(j.value, 1, 1), substr(j.value, 3), 1 FROM json_each(NEW.facets) j WHERE NEW.removed = 0
    ON CONFLICT (facet, value) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER organizations_facets_delete AFTER DELETE ON organizations
WHEN OLD.removed = 0
BEGIN
    UPDATE facet_counts SET n = n - 1
    WHERE (facet, value) IN (SELECT substr(j.value, 1, 1), substr(j.value, 3) FROM json_each(OLD.facets) j);
END;
