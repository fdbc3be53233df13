-- Answer tables (docs/adr/0012): each named query's answer for every key it can be asked
-- about, written by the last resolver of a load (factdb.resolve.answers from
-- factdb/sql/answers/<name>.build.sql) and read by the named query with a short statement
-- (<name>.read.sql). The columns are the query's output columns, plus the key and order
-- columns the query's own SQL computes on the fly. answer_builds records which tables are
-- filled: a query reads its answer table only when it has a row there (a database loaded
-- before this migration keeps answering with the full SQL until its next load). Lists of
-- citations, ids and sides are stored as JSON text (one string per row: a read of a few
-- rows does not unpack the lists of every row near them); the named query decodes them.

CREATE TABLE IF NOT EXISTS answer_builds (
    query VARCHAR PRIMARY KEY,
    run_id VARCHAR NOT NULL,
    built_at TIMESTAMP NOT NULL,
    row_count BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS answers_article_facts (
    article_id VARCHAR,
    kind VARCHAR,
    id VARCHAR,
    ref_id VARCHAR,
    fact VARCHAR,
    quote VARCHAR,
    char_start INTEGER,
    char_end INTEGER,
    sentence_id VARCHAR,
    sentence_role VARCHAR,
    extractor VARCHAR,
    confidence DOUBLE,
    citations VARCHAR  -- JSON text
);

CREATE TABLE IF NOT EXISTS answers_claims_by_entity (
    claim_id VARCHAR,
    speaker VARCHAR,
    speaker_entity_id VARCHAR,
    speaker_name VARCHAR,
    speaker_kind VARCHAR,
    cue VARCHAR,
    content VARCHAR,
    is_direct_quote BOOLEAN,
    hedge BOOLEAN,
    is_relayed BOOLEAN,
    original_source VARCHAR,
    claim_group_id VARCHAR,
    group_article_count BIGINT,
    group_independent_sources INTEGER,
    article_id VARCHAR,
    outlet VARCHAR,
    published_on DATE,
    quote VARCHAR,
    citations VARCHAR,  -- JSON text
    char_start INTEGER
);

CREATE TABLE IF NOT EXISTS answers_corroboration (
    kind VARCHAR,
    group_key VARCHAR,
    fact VARCHAR,
    row_count BIGINT,
    article_count BIGINT,
    outlet_count BIGINT,
    independent_source_count INTEGER,
    relay_count INTEGER,
    member_ids VARCHAR,  -- JSON text
    citations VARCHAR  -- JSON text
);

CREATE TABLE IF NOT EXISTS answers_counts_around_event (
    event_id VARCHAR,
    event_label VARCHAR,
    event_date DATE,
    period VARCHAR,
    value DOUBLE,
    qualifier VARCHAR,
    value_low DOUBLE,
    value_high DOUBLE,
    unit VARCHAR,
    place VARCHAR,
    window_start DATE,
    window_end DATE,
    article_count BIGINT,
    outlet_count BIGINT,
    count_ids VARCHAR,  -- JSON text
    citations VARCHAR,  -- JSON text
    period_rank INTEGER,
    first_count_id VARCHAR
);

CREATE TABLE IF NOT EXISTS answers_disagreements (
    disagreement_id VARCHAR,
    type VARCHAR,
    fact_kind VARCHAR,
    subject VARCHAR,
    event_id VARCHAR,
    event_label VARCHAR,
    event_date DATE,
    side_count INTEGER,
    article_count INTEGER,
    sides STRUCT(side INTEGER, "position" VARCHAR, article_count BIGINT, fact_ids VARCHAR[], citations STRUCT(article_id VARCHAR, outlet VARCHAR, url VARCHAR, "quote" VARCHAR, char_start INTEGER, char_end INTEGER)[])[],
    citations STRUCT(article_id VARCHAR, outlet VARCHAR, url VARCHAR, "quote" VARCHAR, char_start INTEGER, char_end INTEGER)[],
    event_type VARCHAR
);

CREATE TABLE IF NOT EXISTS answers_entity_profile (
    entity_id VARCHAR,
    name VARCHAR,
    entity_type VARCHAR,
    aliases VARCHAR[],
    mention_count INTEGER,
    article_count INTEGER,
    first_mentioned_on DATE,
    last_mentioned_on DATE,
    articles STRUCT(article_id VARCHAR, outlet VARCHAR, title VARCHAR, published_on DATE, mentions BIGINT)[],
    citations STRUCT(article_id VARCHAR, outlet VARCHAR, url VARCHAR, "quote" VARCHAR, char_start INTEGER, char_end INTEGER)[]
);

CREATE TABLE IF NOT EXISTS answers_event_timeline (
    event_id VARCHAR,
    event_type VARCHAR,
    label VARCHAR,
    date_start DATE,
    date_end DATE,
    location_entity_id VARCHAR,
    location VARCHAR,
    mention_count INTEGER,
    article_count INTEGER,
    citations STRUCT(article_id VARCHAR, outlet VARCHAR, url VARCHAR, "quote" VARCHAR, char_start INTEGER, char_end INTEGER)[]
);

CREATE TABLE IF NOT EXISTS answers_fact_citations (
    kind VARCHAR,
    id VARCHAR,
    fact VARCHAR,
    group_key VARCHAR,
    corroboration_group VARCHAR,
    member_ids VARCHAR,  -- JSON text
    article_count BIGINT,
    outlet_count BIGINT,
    citations VARCHAR  -- JSON text
);
