-- Which organisations' counted filter values changed, in order (issue 19): what a reader's in-memory
-- copy of organizations.facets (FacetColumn) replays to catch up with the transaction it reads in,
-- instead of reading the whole table again. FacetCountStore appends one row, in the writing
-- transaction, for every change of a doc's values (a new organisation, an edit of its filter values,
-- a removal, an erasure, an origin taken out): the same calls that keep facet_counts, so the two
-- cannot disagree. A single-row INSERT, for the same reason as facet_counts' upserts (V004). Only
-- the newest rows are kept (FacetCountStore prunes); a reader that fell further behind builds its
-- copy again. Empty at first: a reader builds its copy from organizations on its first count.
CREATE TABLE facet_changes (
    tick INTEGER PRIMARY KEY,           -- order of the changes; never reused, the newest rows stay
    doc  INTEGER NOT NULL               -- organizations.doc (the row may be gone: erased)
);
