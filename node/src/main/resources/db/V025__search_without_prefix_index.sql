-- Issue 14 (speed as a user meets it): the search tables lose their FTS5 prefix index (prefix = '3').
-- It wrote a second posting for every token of three or more characters, the filter tags included,
-- which no query matches by prefix: a follower's storing thread spent about a sixth of its CPU on it
-- in an initial sync. A three-letter last word of a query now expands through search_words as a
-- longer one does (SearchIndex.WORD_MIN); one that begins more than SearchQuery.MAX_EXPANSIONS words
-- is an FTS5 prefix query, which without the index merges those words' doclists (OPERATIONS.md).
-- The tables are made again without the option; SQL cannot tokenise, so this marks the index for a
-- rebuild, which SearchReindex does in Java the first time the directory is opened (as V008, V019).
DROP TABLE org_names;
DROP TABLE org_text;

CREATE VIRTUAL TABLE org_names USING fts5(
    names, tags,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
);

CREATE VIRTUAL TABLE org_text USING fts5(
    text, tags,
    content = '',
    contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'"
);

CREATE TABLE IF NOT EXISTS search_reindex (reason TEXT NOT NULL);
INSERT INTO search_reindex (reason) VALUES ('V025 no prefix index; words of three letters kept for expansion');
