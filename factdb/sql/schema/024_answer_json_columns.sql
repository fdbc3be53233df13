-- 024_answer_json_columns: the answer tables' columns as their builds make them.
-- The builds of answers_disagreements and answers_event_timeline store their lists as JSON
-- text (docs/adr/0012, second round), and the build recreates a table with its own types;
-- the schema still declared them as lists of structs (015). A database that copies its
-- tables from elsewhere by the schema's types (the DuckLake catalog's serving copy,
-- factdb/lake.py) then held lists where a loaded database holds JSON text. Here the schema
-- says what the builds write. The rows are dropped with their builds: the named queries
-- answer with their full SQL until the next load rebuilds the tables.
DELETE FROM answer_builds WHERE query IN ('disagreements', 'event_timeline');
DELETE FROM answers_disagreements;
DELETE FROM answers_event_timeline;
ALTER TABLE answers_disagreements ALTER COLUMN sides TYPE VARCHAR;
ALTER TABLE answers_disagreements ALTER COLUMN citations TYPE VARCHAR;
ALTER TABLE answers_event_timeline ALTER COLUMN citations TYPE VARCHAR;
