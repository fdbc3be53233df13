-- 029_answer_profile_json: answers_entity_profile stores its lists as JSON text, as the
-- other answer tables do (docs/adr/0012, fourth round): its one row of lists cost 3 to 7 ms
-- to turn into Python values at 100,000 articles, the JSON text 1. The build recreates the
-- table with its own types; the schema says what it writes, so a database that copies its
-- tables by the schema's types (the DuckLake catalog's serving copy, factdb/lake.py) holds
-- the same text (024 did the same for disagreements and event_timeline). The table is made
-- anew, empty (DuckDB 1.5 refuses a DELETE and an ALTER of one table in one transaction),
-- and its build dropped: entity_profile answers with its full SQL until the next load.
DELETE FROM answer_builds WHERE query = 'entity_profile';
DROP INDEX IF EXISTS answers_entity_profile_entity_id_idx;
CREATE OR REPLACE TABLE answers_entity_profile (
    entity_id VARCHAR,
    name VARCHAR,
    entity_type VARCHAR,
    aliases VARCHAR[],
    mention_count INTEGER,
    article_count INTEGER,
    first_mentioned_on DATE,
    last_mentioned_on DATE,
    articles VARCHAR,    -- JSON: [{article_id, outlet, title, published_on, mentions}]
    citations VARCHAR    -- JSON: the factdb_citation structs
);
