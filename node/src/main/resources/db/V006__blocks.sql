-- Hubs the admin blocked (as Mastodon's domain blocks): their envelopes are refused on every path
-- (push, pull, relay, bundle), their subscription requests too, and their records are out of the
-- directory, search and exports. purged = 1 when the admin chose to drop their log as well.
CREATE TABLE blocks (
    hub        TEXT PRIMARY KEY,
    reason     TEXT,
    purged     INTEGER NOT NULL DEFAULT 0 CHECK (purged IN (0, 1)),
    blocked_at TEXT NOT NULL
) STRICT;
