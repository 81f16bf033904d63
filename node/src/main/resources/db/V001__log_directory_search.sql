-- The signed logs of every origin this node holds, the state materialised from them, and the
-- full-text index. Many origins from the start: every table is keyed by origin.

-- Hubs we know: a row appears when a key is pinned; the profile columns when a hub.profile arrives.
CREATE TABLE hubs (
    hub           TEXT PRIMARY KEY,
    name          TEXT,
    country       TEXT,
    url           TEXT,
    profile_seq   INTEGER,              -- log seq of the latest hub.profile of this hub
    halted_at     TEXT,                 -- set when the origin equivocated: nothing more is applied
    halted_reason TEXT
);

-- Every key a hub has signed with, and the seqs it is valid for. A key.rotate at seq N (signed by
-- the old key) closes the old key at N and opens the new one at N + 1.
CREATE TABLE hub_keys (
    hub      TEXT NOT NULL REFERENCES hubs (hub),
    key      TEXT NOT NULL,             -- ed25519:...
    from_seq INTEGER NOT NULL CHECK (from_seq >= 1),
    to_seq   INTEGER,                   -- NULL while current
    source   TEXT NOT NULL CHECK (source IN ('local', 'peer_pinned', 'learned_from_profile', 'rotation')),
    added_at TEXT NOT NULL,
    PRIMARY KEY (hub, from_seq)
);

-- The log: envelopes exactly as signed (canonical JSON), one chain per origin.
CREATE TABLE log (
    origin      TEXT NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq >= 1),
    hash        TEXT NOT NULL,
    prev        TEXT,
    type        TEXT NOT NULL,
    ts          TEXT NOT NULL,          -- signed time
    key         TEXT NOT NULL,
    envelope    TEXT NOT NULL,          -- canonical JSON, the wire form
    received_at TEXT NOT NULL,
    PRIMARY KEY (origin, seq)
);

-- The head of each origin's chain, kept beside the log so listing feeds never scans it.
CREATE TABLE log_heads (
    origin     TEXT PRIMARY KEY,
    seq        INTEGER NOT NULL,
    hash       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Evidence of a forked log: the envelope we hold and the different one signed for the same seq.
CREATE TABLE equivocations (
    id                   INTEGER PRIMARY KEY,
    origin               TEXT NOT NULL,
    seq                  INTEGER NOT NULL,
    held_hash            TEXT NOT NULL,
    held_envelope        TEXT NOT NULL,
    conflicting_hash     TEXT NOT NULL,
    conflicting_envelope TEXT NOT NULL,
    detected_at          TEXT NOT NULL,
    UNIQUE (origin, seq, conflicting_hash)
);

-- What an admin must look at (equivocations first of all).
CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    origin          TEXT,
    seq             INTEGER,
    message         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    acknowledged_at TEXT
);

-- Current state of every organisation of every origin. The record and its provenance are the log
-- entry at (origin, seq): nothing is copied, so they cannot disagree. doc is the search row id.
CREATE TABLE organizations (
    doc     INTEGER PRIMARY KEY,
    origin  TEXT NOT NULL,
    id      TEXT NOT NULL,
    seq     INTEGER NOT NULL,           -- the org.upsert (or org.remove) that set this state
    removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    UNIQUE (origin, id),
    FOREIGN KEY (origin, seq) REFERENCES log (origin, seq)
);

-- Partnerships, by announcing origin. The record is the announce envelope at (origin, seq).
CREATE TABLE partnerships (
    origin        TEXT NOT NULL,
    id            TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    announcement  TEXT NOT NULL,        -- hash of the announce envelope that endorsements name
    retracted_seq INTEGER,              -- set by a retract of the announcer; a new announce clears it
    status        TEXT NOT NULL CHECK (status IN ('announced', 'confirmed', 'retracted')),
    PRIMARY KEY (origin, id),
    FOREIGN KEY (origin, seq) REFERENCES log (origin, seq)
);

CREATE TABLE partnership_parties (
    origin TEXT NOT NULL,
    id     TEXT NOT NULL,
    party  TEXT NOT NULL,               -- organisation global id origin/id
    hub    TEXT NOT NULL,
    role   TEXT,
    PRIMARY KEY (origin, id, party),
    FOREIGN KEY (origin, id) REFERENCES partnerships (origin, id) ON DELETE CASCADE
);
CREATE INDEX partnership_parties_by_party ON partnership_parties (party);
CREATE INDEX partnership_parties_by_hub ON partnership_parties (hub);

-- Endorsements and retractions by party hubs. No foreign key: logs of different origins arrive in
-- any order, so an endorsement may be held before the announcement it names.
CREATE TABLE partnership_endorsements (
    partnership  TEXT NOT NULL,         -- origin/id
    announcement TEXT NOT NULL,
    hub          TEXT NOT NULL,         -- the endorsing origin
    seq          INTEGER NOT NULL,
    PRIMARY KEY (partnership, announcement, hub)
);

CREATE TABLE partnership_retractions (
    partnership TEXT NOT NULL,
    hub         TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (partnership, hub)
);

-- Full-text and filter index over live organisations (rowid = organizations.doc). The text is
-- tokenised by the node (SearchText): NFKC + case folding, Latin words, and CJK/Thai runs as
-- overlapping pairs, so unicode61 only splits on the spaces we put in. tags holds the filter values
-- (country, sectors, languages, hub) as tokens, so a filter is a doclist intersection inside FTS5.
-- Two tables, because a column filter does not shrink a doclist: a name search over org_names reads
-- name postings only, however common the word is in descriptions. org_text holds all the text
-- (names, other names, identifiers, descriptions). Contentless: the text lives in the log.
CREATE VIRTUAL TABLE org_names USING fts5(
    names, tags,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'",
    prefix = '3'
);

CREATE VIRTUAL TABLE org_text USING fts5(
    text, tags,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'",
    prefix = '3'
);

-- Every word (4+ letters, scripts written with spaces) ever indexed: the last word of a query is
-- expanded to the words it begins (educ -> education, educational) through this B-tree instead of
-- an FTS5 prefix query, which would merge whole doclists in memory on every evaluation.
CREATE TABLE search_words (
    word TEXT PRIMARY KEY
) WITHOUT ROWID;
