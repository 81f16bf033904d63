-- Countries of operation become a search tag (o<hex>, SearchIndex.operationTag), so operates_in
-- (based there or working there, what the crisis view lists) is one FTS5 doclist union like the
-- other filters rather than a scan. SQL cannot tokenise: this marks the index for a rebuild, which
-- SearchReindex does in Java the first time the directory is opened, then deletes the mark (as V008).
CREATE TABLE IF NOT EXISTS search_reindex (reason TEXT NOT NULL);
INSERT INTO search_reindex (reason) VALUES ('V019 countries of operation as search tags');
