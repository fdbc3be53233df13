-- 001_core: the public, fixed schema contract of factdb.
-- Every fact table carries the same provenance columns:
--   article_id, sentence_id, char_start, char_end, quote, extractor, confidence, run_id
-- with articles.text[char_start:char_end] == quote (Python str indices, end exclusive).
-- Foreign keys are documented (docs/schema.md) and enforced in the SQLite copy; DuckDB
-- keeps only primary keys so that bulk loads and corpus-wide re-resolution stay fast.

CREATE TABLE extraction_runs (
    run_id          VARCHAR PRIMARY KEY,
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    factdb_version  VARCHAR NOT NULL,
    config_sha256   VARCHAR NOT NULL,
    article_count   INTEGER NOT NULL DEFAULT 0,
    status          VARCHAR NOT NULL,          -- running | completed | failed
    config_json     VARCHAR,                   -- the settings and judgements the run used
    command         VARCHAR,                   -- what was run, e.g. "load seeds/"
    warnings        VARCHAR[]                  -- files skipped, with the reason
);

CREATE TABLE articles (
    article_id      VARCHAR PRIMARY KEY,       -- 'a' + first 16 hex of sha256(text)
    source_uri      VARCHAR NOT NULL,          -- file path (or path#line for .jsonl)
    url             VARCHAR,
    outlet          VARCHAR,
    outlet_basis    VARCHAR,                   -- metadata | dateline (agency named in the dateline)
    title           VARCHAR,
    published_on    DATE,
    published_basis VARCHAR,                   -- metadata | text | inferred | NULL
    language        VARCHAR,
    text            VARCHAR NOT NULL,
    sha256          VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    source_format   VARCHAR NOT NULL,          -- txt | md | json | jsonl | html
    char_count      INTEGER NOT NULL
);

-- Every version of every source ever loaded; the article of the current version is in articles.
CREATE TABLE article_versions (
    source_uri      VARCHAR NOT NULL,
    article_id      VARCHAR NOT NULL,
    sha256          VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    loaded_at       TIMESTAMP NOT NULL,
    superseded_by   VARCHAR,                   -- article_id of the next version, if any
    superseded_run  VARCHAR
);

CREATE TABLE sentences (
    sentence_id     VARCHAR PRIMARY KEY,       -- article_id || ':' || seq
    article_id      VARCHAR NOT NULL,
    seq             INTEGER NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    role            VARCHAR NOT NULL,          -- headline | byline | dateline | body | caption | boilerplate
    paragraph       INTEGER NOT NULL,          -- index of the block (line) the sentence is in
    role_reason     VARCHAR                    -- the rule that chose a non-body role
);

CREATE TABLE entities (
    entity_id       VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    entity_type     VARCHAR NOT NULL,          -- PERSON | ORG | GPE | LOC | NORP | FAC | ...
    aliases         VARCHAR[] NOT NULL,
    mention_count   INTEGER NOT NULL,
    article_count   INTEGER NOT NULL
);

CREATE TABLE entity_mentions (
    mention_id      VARCHAR PRIMARY KEY,
    entity_id       VARCHAR NOT NULL,
    article_id      VARCHAR NOT NULL,
    sentence_id     VARCHAR NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    quote           VARCHAR NOT NULL,
    extractor       VARCHAR NOT NULL,
    confidence      DOUBLE NOT NULL,
    run_id          VARCHAR NOT NULL
);

CREATE TABLE dates (
    date_id         VARCHAR PRIMARY KEY,
    value_start     DATE,
    value_end       DATE,
    granularity     VARCHAR,                   -- day | week | month | year | range
    basis           VARCHAR,                   -- explicit | publication | relative | event
    anchor          VARCHAR,                   -- what the expression was resolved against
    article_id      VARCHAR NOT NULL,
    sentence_id     VARCHAR NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    quote           VARCHAR NOT NULL,
    extractor       VARCHAR NOT NULL,
    confidence      DOUBLE NOT NULL,
    run_id          VARCHAR NOT NULL
);

CREATE TABLE events (
    event_id            VARCHAR PRIMARY KEY,
    event_type          VARCHAR NOT NULL,
    label               VARCHAR NOT NULL,
    date_start          DATE,
    date_end            DATE,
    location_entity_id  VARCHAR,
    mention_count       INTEGER NOT NULL,
    article_count       INTEGER NOT NULL
);

CREATE TABLE event_mentions (
    event_id        VARCHAR NOT NULL,
    article_id      VARCHAR NOT NULL,
    sentence_id     VARCHAR NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    quote           VARCHAR NOT NULL,
    extractor       VARCHAR NOT NULL,
    confidence      DOUBLE NOT NULL,
    run_id          VARCHAR NOT NULL
);

CREATE TABLE counts (
    count_id        VARCHAR PRIMARY KEY,
    value           DOUBLE,
    value_low       DOUBLE,
    value_high      DOUBLE,
    qualifier       VARCHAR,                   -- exact | more_than | at_least | less_than | at_most | about | none
    unit            VARCHAR,
    event_type      VARCHAR,
    window_start    DATE,
    window_end      DATE,
    anchor_event_id VARCHAR,
    article_id      VARCHAR NOT NULL,
    sentence_id     VARCHAR NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    quote           VARCHAR NOT NULL,
    extractor       VARCHAR NOT NULL,
    confidence      DOUBLE NOT NULL,
    run_id          VARCHAR NOT NULL
);

CREATE TABLE claims (
    claim_id            VARCHAR PRIMARY KEY,
    speaker             VARCHAR,
    speaker_entity_id   VARCHAR,
    cue                 VARCHAR,
    is_direct_quote     BOOLEAN NOT NULL,
    claim_group_id      VARCHAR,
    article_id          VARCHAR NOT NULL,
    sentence_id         VARCHAR NOT NULL,
    char_start          INTEGER NOT NULL,
    char_end            INTEGER NOT NULL,
    quote               VARCHAR NOT NULL,
    extractor           VARCHAR NOT NULL,
    confidence          DOUBLE NOT NULL,
    run_id              VARCHAR NOT NULL
);
