-- Subscription requests that name a hub another key already asked for (issue 10). A hub not pinned
-- here can be claimed by anyone's key: such a request is kept apart, so it displaces nothing (the
-- follower's key, inbox and status stay as they are); an admin approves one by its key, or it expires.
CREATE TABLE fed_subscriber_claims (
    hub         TEXT NOT NULL,
    key         TEXT NOT NULL,   -- the key id that signed the request
    inbox       TEXT NOT NULL,
    origins     TEXT NOT NULL,   -- JSON array: ["*"] or origin ids
    created_at  TEXT NOT NULL,
    PRIMARY KEY (hub, key)
) STRICT, WITHOUT ROWID;
