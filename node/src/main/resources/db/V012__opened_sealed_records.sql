-- Issue 13, sealed records (SPEC §6.10). The log keeps every envelope as signed, a sealed org.upsert
-- with its ciphertext; a node that is a recipient opens it at ingest and keeps the opened record here,
-- one row per organisation (the current upsert's), so the directory and search read the record it
-- may show. A non-recipient never has a row: its directory reads only the clear members of the log
-- body. Erasing or removing the organisation deletes the row (secure_delete makes the bytes go).
CREATE TABLE opened_records (
    origin TEXT NOT NULL,
    id     TEXT NOT NULL,
    seq    INTEGER NOT NULL CHECK (seq >= 1),   -- the sealed org.upsert opened
    record TEXT NOT NULL,                      -- the whole record: clear members and opened ones
    PRIMARY KEY (origin, id)
) STRICT;
