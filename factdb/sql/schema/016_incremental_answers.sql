-- 016_incremental_answers: a load rebuilds only the answer keys it touched (docs/adr/0012).
-- answer_inputs is the state of the answer tables' inputs at their last build, one hash
-- per input unit: per article (every row of it in articles, sentences and the fact
-- tables, resolver-written columns included), per entity, event, fact or claim group and
-- disagreement (its row, and its sides). The next build compares it with the current
-- hashes to find what changed, and each answer table with a touched file
-- (factdb/sql/answers/<name>.touched.sql) rebuilds the keys those changes reach.
-- answer_builds.fingerprint is a hash of the build's SQL, the factdb_* macros it calls
-- and the migrations applied: when one changes, the table is rebuilt whole; mode says which build ran last
-- (full or incremental) and keys_rebuilt how many keys it rebuilt.
CREATE TABLE IF NOT EXISTS answer_inputs (
    source VARCHAR NOT NULL,   -- article | entity | event | group | disagreement
    id VARCHAR NOT NULL,
    h UBIGINT NOT NULL,        -- hash of every input row of the unit
    h_label UBIGINT            -- entity, event: hash of its name or label, type and date
);

ALTER TABLE answer_builds ADD COLUMN IF NOT EXISTS fingerprint UBIGINT;
ALTER TABLE answer_builds ADD COLUMN IF NOT EXISTS mode VARCHAR;
ALTER TABLE answer_builds ADD COLUMN IF NOT EXISTS keys_rebuilt BIGINT;
