-- The search index folds hiragana into katakana from now on (SearchText.foldKana), so tokens written
-- before differ from the queries' tokens. SQL cannot tokenise: this marks the index for a rebuild,
-- which SearchReindex does in Java the first time the directory is opened, then deletes the mark.
CREATE TABLE IF NOT EXISTS search_reindex (reason TEXT NOT NULL);
INSERT INTO search_reindex (reason) VALUES ('V008 kana folding');
