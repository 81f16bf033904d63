-- Issue 18. Named staff accounts for the admin console (/admin), instead of one shared token.
-- Passwords are Argon2id hashes in PHC string form ($argon2id$v=19$m=…,t=…,p=…$salt$hash): the
-- parameters travel with each hash, so stronger ones can be introduced without a migration.
CREATE TABLE staff_accounts (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role          TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;

-- A console session. Only the SHA-256 of the cookie's value is kept, so a copy of the database (a
-- backup) holds no usable session. csrf is the synchronizer token every state-changing request sends.
CREATE TABLE staff_sessions (
    token_hash   TEXT PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    csrf         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL              -- absolute end; idle expiry is computed from last_seen_at
) STRICT;
CREATE INDEX staff_sessions_account ON staff_sessions (account_id);

-- Who did what: every state-changing admin request (console or bearer token), with the signed
-- envelopes it produced, so a hub can say which staff member signed which update.
CREATE TABLE staff_audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,                -- the account's name, or "token" for the bearer token
    action    TEXT NOT NULL,                -- "POST /admin/v1/organizations"
    status    INTEGER NOT NULL,
    envelopes TEXT NOT NULL                 -- JSON array of "origin/seq hash" strings, maybe empty
) STRICT;
