-- Federation state (issue 4). Peers are hubs whose key this node pinned by an admin call;
-- subscriptions are whom this node follows; subscribers are who follows this node.

CREATE TABLE fed_peers (
    hub         TEXT PRIMARY KEY,
    url         TEXT NOT NULL,
    key         TEXT NOT NULL,   -- pinned key id ("ed25519:..."), follows key.rotate
    pinned_at   TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX fed_peers_key ON fed_peers(key);

CREATE TABLE fed_subscriptions (
    hub         TEXT PRIMARY KEY REFERENCES fed_peers(hub) ON DELETE CASCADE,
    origins     TEXT NOT NULL,   -- JSON array: ["*"] or origin ids
    status      TEXT NOT NULL CHECK (status IN ('active', 'pending', 'refused', 'failed')),
    created_at  TEXT NOT NULL,
    last_pull_at TEXT,
    last_error  TEXT
) STRICT;

CREATE TABLE fed_subscribers (
    hub         TEXT PRIMARY KEY,
    key         TEXT NOT NULL,   -- the key id that signed the subscription request
    inbox       TEXT NOT NULL,
    origins     TEXT NOT NULL,   -- JSON array: ["*"] or origin ids
    status      TEXT NOT NULL CHECK (status IN ('active', 'pending', 'refused')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    failures    INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    last_delivery_at TEXT
) STRICT;

-- The outbox. Every stored envelope is already durable, in order, in the log; the queue of one
-- subscriber is "the log of each origin it wants, after the seq delivered to it". Keeping only
-- that position per (subscriber, origin) makes the queue survive restarts, keeps per-origin order,
-- and costs no extra row per envelope per subscriber.
CREATE TABLE fed_outbox (
    subscriber  TEXT NOT NULL REFERENCES fed_subscribers(hub) ON DELETE CASCADE,
    origin      TEXT NOT NULL,
    delivered   INTEGER NOT NULL,
    PRIMARY KEY (subscriber, origin)
) STRICT, WITHOUT ROWID;

CREATE TABLE fed_alerts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    peer        TEXT,
    origin      TEXT,
    seq         INTEGER,
    message     TEXT NOT NULL
) STRICT;
