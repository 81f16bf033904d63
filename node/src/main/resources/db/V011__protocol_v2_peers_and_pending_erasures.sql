-- Issue 13. Which subscribers read protocol version 2 (SPEC §10.4): a subscription request that sends
-- "Tsunagu-Versions: 1, 2" sets it; pushes to the others stop before the first version 2 envelope.
ALTER TABLE fed_subscribers ADD COLUMN reads_v2 INTEGER NOT NULL DEFAULT 0 CHECK (reads_v2 IN (0, 1));

-- An org.erase that arrived beyond a gap in its origin's log (SPEC §6.9): kept, signature checked with
-- the key in force after the head, so that every envelope of the erased record that fills the gap is
-- stored redacted from the start, and the erase itself is applied when the chain reaches it.
CREATE TABLE pending_erasures (
    origin      TEXT NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    id          TEXT NOT NULL,              -- the erased organisation's local id
    envelope    TEXT NOT NULL,              -- the org.erase, canonical
    received_at TEXT NOT NULL,
    PRIMARY KEY (origin, seq)
) STRICT;
