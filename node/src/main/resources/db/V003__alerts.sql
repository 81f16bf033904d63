-- One alert table for everything an admin must look at (issue 4): the log's equivocation alerts
-- (V001 alerts) and federation's peer alerts (V002 fed_alerts) are merged. New columns: peer (the
-- peer that sent or served what the alert is about) and details (a JSON object with the facts behind
-- the message, e.g. both hashes of an equivocation). The table is rebuilt so that ids follow time
-- across both sources: listings are newest first by id.
CREATE TABLE alerts_v3 (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    peer            TEXT,
    origin          TEXT,
    seq             INTEGER,
    message         TEXT NOT NULL,
    details         TEXT,
    created_at      TEXT NOT NULL,
    acknowledged_at TEXT
) STRICT;

-- Federation also raised its own alert for each equivocation the log recorded: keep the log's row,
-- with the peer federation named, and drop the twin.
INSERT INTO alerts_v3 (kind, peer, origin, seq, message, created_at, acknowledged_at)
SELECT kind, peer, origin, seq, message, created_at, acknowledged_at FROM (
    SELECT a.kind, a.origin, a.seq, a.message, a.created_at, a.acknowledged_at, 0 AS source, a.id AS old_id,
           (SELECT f.peer FROM fed_alerts f
             WHERE a.kind = 'equivocation' AND f.kind = 'equivocation' AND f.origin = a.origin AND f.seq = a.seq
             ORDER BY f.id LIMIT 1) AS peer
      FROM alerts a
    UNION ALL
    SELECT f.kind, f.origin, f.seq, f.message, f.at, NULL, 1, f.id, f.peer
      FROM fed_alerts f
     WHERE NOT (f.kind = 'equivocation' AND EXISTS (
               SELECT 1 FROM alerts a WHERE a.kind = 'equivocation' AND a.origin = f.origin AND a.seq = f.seq))
)
ORDER BY julianday(created_at), source, old_id;

DROP TABLE alerts;
DROP TABLE fed_alerts;
ALTER TABLE alerts_v3 RENAME TO alerts;
CREATE INDEX alerts_by_kind ON alerts (kind, origin);
