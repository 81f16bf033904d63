-- Partnerships counted per pair of hubs and status (issue 19): the whole directory's network grouped
-- by hub, which read every partnership's parties on each request (16-21 s of a core at a million
-- organisations with half a million partnerships), becomes a read of these few rows. The node keeps
-- them exact in the writing transaction (HubPairCounts), as it keeps facet_counts: whatever may move
-- a partnership's pairs (its announcement, an endorsement, a retraction, a party organisation
-- arriving, coming back, removed or erased, an origin taken out) counts the pairs of the
-- partnerships it touches before and after and writes the difference, one single-row upsert per pair
-- that moved (not triggers, see V004). Zero rows are kept.
--
-- A partnership counts as the grouped network always counted it: unless retracted, once under each
-- pair of hubs of its parties that are live organisations here (an unknown, removed or erased party
-- leaves its pairs out), a hub with itself when two such parties are its own; status announced or
-- confirmed. A sealed one this hub cannot read has no parties here, so no pairs.
CREATE TABLE hub_pair_counts (
    hub_a  TEXT NOT NULL,               -- the pair's hubs, hub_a <= hub_b
    hub_b  TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('announced', 'confirmed')),
    n      INTEGER NOT NULL,            -- partnerships
    PRIMARY KEY (hub_a, hub_b, status)
) WITHOUT ROWID;

-- Backfill from the partnerships held: each partnership's distinct pairs of live parties' hubs,
-- counted. At a million organisations with half a million partnerships this takes about as long as
-- one grouped network did, once, at the first start after the upgrade.
INSERT INTO hub_pair_counts (hub_a, hub_b, status, n)
SELECT a, b, status, count(*) FROM (
    SELECT DISTINCT x.origin, x.id, min(x.hub, y.hub) AS a, max(x.hub, y.hub) AS b, p.status AS status
    FROM partnerships p
    JOIN partnership_parties x ON x.origin = p.origin AND x.id = p.id
    JOIN partnership_parties y ON y.origin = p.origin AND y.id = p.id AND y.party > x.party
    JOIN organizations ox ON ox.origin = substr(x.party, 1, instr(x.party, '/') - 1)
        AND ox.id = substr(x.party, instr(x.party, '/') + 1) AND ox.removed = 0
    JOIN organizations oy ON oy.origin = substr(y.party, 1, instr(y.party, '/') - 1)
        AND oy.id = substr(y.party, instr(y.party, '/') + 1) AND oy.removed = 0
    WHERE p.status <> 'retracted')
GROUP BY a, b, status;
