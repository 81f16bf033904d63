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

-- Erasure receipts (SPEC §6.11) this hub received for its own org.erase envelopes: one per erase and
-- receiving hub. key_known says whether the key that signed it is the key this node holds for that hub
-- (a forum behind a relay is not known to the origin: its receipt verifies, but its identity is taken
-- on trust); the receipt itself is kept as sent, so anyone can check it later.
CREATE TABLE erasure_receipts (
    erase_seq   INTEGER NOT NULL,          -- seq of the org.erase in this hub's own log
    hub         TEXT NOT NULL,
    key         TEXT NOT NULL,
    key_known   INTEGER NOT NULL CHECK (key_known IN (0, 1)),
    receipt     TEXT NOT NULL,             -- canonical, signed
    received_at TEXT NOT NULL,
    PRIMARY KEY (erase_seq, hub)
) STRICT;
