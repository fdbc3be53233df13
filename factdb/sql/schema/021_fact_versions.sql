-- 021_fact_versions: the facts of every article version, kept when a new version replaces it
-- (docs/changes.md). A load deletes the rows of a replaced version from the fact tables;
-- fact_versions keeps what they said, so that `factdb diff`, the version diff of an article
-- and the feeds can compare runs and versions. Written by factdb.resolve.fact_log at the end
-- of a load for every current article not logged yet; never rewritten or deleted.
CREATE TABLE IF NOT EXISTS fact_versions (
    article_id   VARCHAR NOT NULL,   -- the article version the fact belongs to
    fact_kind    VARCHAR NOT NULL,   -- count | date | claim | event | entity
    fact_id      VARCHAR NOT NULL,   -- count_id, date_id, claim_id, event mention_id, mention_id
    fact_key     VARCHAR NOT NULL,   -- what the fact is about, without its value (docs/changes.md)
    fact_value   VARCHAR NOT NULL,   -- what it says, as JSON text
    sentence_id  VARCHAR NOT NULL,
    char_start   INTEGER NOT NULL,
    char_end     INTEGER NOT NULL,
    quote        VARCHAR NOT NULL,
    context_key  VARCHAR,            -- md5 of the fact's sentence with the quote cut out
    run_id       VARCHAR NOT NULL    -- the run that logged it (the run that loaded the version)
);
-- One row per logged article version (a version without facts is logged too).
CREATE TABLE IF NOT EXISTS fact_logged_versions (
    article_id   VARCHAR PRIMARY KEY,
    source_uri   VARCHAR NOT NULL,
    run_id       VARCHAR NOT NULL,
    fact_count   INTEGER NOT NULL
);
