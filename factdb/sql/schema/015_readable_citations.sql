-- 015_readable_citations: a citation a person can read. factdb_citation (008) gave the
-- article, outlet, URL, quote and offsets; it now also gives the article's publication
-- date, the sentence (or sentences) the quote lies in, where that sentence starts in the
-- article, where the quote lies in the sentence (sentence[mark_start:mark_end] = quote, so
-- a UI can mark it), and the path of the article view at the quote
-- (/pages/articles/ID?at=START-END#cSTART-END, docs/adr/0013-analyst-pages.md).
-- Same arguments as before, so every named query and answer table that calls it is
-- unchanged. The parameters are named cited_* so that no column of the tables read inside
-- (articles, sentences) shadows them; the aliases are fdb_* so that no caller's alias does.
-- The sentence is read from the sentences rows that overlap [char_start, char_end); none
-- (which the loader never leaves) gives a NULL sentence and NULL marks.
CREATE OR REPLACE MACRO factdb_citation(cited_article, cited_outlet, cited_url, cited_quote,
                                        cited_start, cited_end) AS (
    SELECT struct_pack(
               article_id := cited_article, outlet := cited_outlet, url := cited_url,
               published_on := min(fdb_cited.published_on),
               quote := cited_quote, char_start := cited_start, char_end := cited_end,
               sentence := substr(min(fdb_cited.text), min(fdb_around.char_start) + 1,
                                  max(fdb_around.char_end) - min(fdb_around.char_start)),
               sentence_start := min(fdb_around.char_start),
               mark_start := cited_start - min(fdb_around.char_start),
               mark_end := cited_end - min(fdb_around.char_start),
               article_view := '/pages/articles/' || cited_article || '?at='
                   || CAST(cited_start AS VARCHAR) || '-' || CAST(cited_end AS VARCHAR)
                   || '#c' || CAST(cited_start AS VARCHAR) || '-' || CAST(cited_end AS VARCHAR))
    FROM articles AS fdb_cited
    LEFT JOIN sentences AS fdb_around
      ON fdb_around.article_id = fdb_cited.article_id
     AND fdb_around.char_end > cited_start AND fdb_around.char_start < cited_end
    WHERE fdb_cited.article_id = cited_article
);

-- The answer tables (014) hold citations built by the old macro: none is used until the
-- next load rebuilds them (the named queries answer with their full SQL meanwhile), and
-- the three that store citations as typed structs get the new citation type.
DELETE FROM answer_builds;

DROP TABLE IF EXISTS answers_disagreements;
CREATE TABLE answers_disagreements (
    disagreement_id VARCHAR,
    type VARCHAR,
    fact_kind VARCHAR,
    subject VARCHAR,
    event_id VARCHAR,
    event_label VARCHAR,
    event_date DATE,
    side_count INTEGER,
    article_count INTEGER,
    sides STRUCT(side INTEGER, "position" VARCHAR, article_count BIGINT, fact_ids VARCHAR[], citations STRUCT(article_id VARCHAR, outlet VARCHAR, url VARCHAR, published_on DATE, "quote" VARCHAR, char_start INTEGER, char_end INTEGER, sentence VARCHAR, sentence_start INTEGER, mark_start INTEGER, mark_end INTEGER, article_view VARCHAR)[])[],
    citations STRUCT(article_id VARCHAR, outlet VARCHAR, url VARCHAR, published_on DATE, "quote" VARCHAR, char_start INTEGER, char_end INTEGER, sentence VARCHAR, sentence_start INTEGER, mark_start INTEGER, mark_end INTEGER, article_view VARCHAR)[],
    event_type VARCHAR
);

DROP TABLE IF EXISTS answers_entity_profile;
CREATE TABLE answers_entity_profile (
    entity_id VARCHAR,
    name VARCHAR,
    entity_type VARCHAR,
    aliases VARCHAR[],
    mention_count INTEGER,
    article_count INTEGER,
    first_mentioned_on DATE,
    last_mentioned_on DATE,
    articles STRUCT(article_id VARCHAR, outlet VARCHAR, title VARCHAR, published_on DATE, mentions BIGINT)[],
    citations STRUCT(article_id VARCHAR, outlet VARCHAR, url VARCHAR, published_on DATE, "quote" VARCHAR, char_start INTEGER, char_end INTEGER, sentence VARCHAR, sentence_start INTEGER, mark_start INTEGER, mark_end INTEGER, article_view VARCHAR)[]
);

DROP TABLE IF EXISTS answers_event_timeline;
CREATE TABLE answers_event_timeline (
    event_id VARCHAR,
    event_type VARCHAR,
    label VARCHAR,
    date_start DATE,
    date_end DATE,
    location_entity_id VARCHAR,
    location VARCHAR,
    mention_count INTEGER,
    article_count INTEGER,
    citations STRUCT(article_id VARCHAR, outlet VARCHAR, url VARCHAR, published_on DATE, "quote" VARCHAR, char_start INTEGER, char_end INTEGER, sentence VARCHAR, sentence_start INTEGER, mark_start INTEGER, mark_end INTEGER, article_view VARCHAR)[]
);
