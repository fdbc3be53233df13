-- 030_answer_pages: corroboration answers a page of groups, and the texts that name an
-- entity or a speaker are looked up in tables (docs/adr/0012, fifth round).
-- Its answer for every claim group was 10,640 rows and 40 MB of JSON at 100,000 articles,
-- more than any storage returns in milliseconds; the query now takes a limit and an offset
-- and gives the number of groups that pass its filter with every row. This table holds
-- each group's position in the query's order, among every group (kind '') and among the
-- groups of its own kind: a page is the rows of a range of positions, found in this narrow
-- table and fetched from answers_corroboration by group. It is rebuilt whole after every
-- build of answers_corroboration (a new group moves the positions of every group below
-- it; the narrow table costs little to rebuild and to publish, where positions kept in
-- the wide table would rewrite most of its rows on every load).
-- The reads of the three queries need these tables filled: until the next load builds them
-- (the new migration changes every table's fingerprint, so that load rebuilds all of them
-- whole), the three answer with their full SQL.
DELETE FROM answer_builds WHERE query IN ('corroboration', 'entity_profile', 'claims_by_entity');

CREATE TABLE IF NOT EXISTS answers_corroboration_pages (
    kind VARCHAR,          -- '' for the order of every group, else the group's kind
    pos BIGINT,            -- 1, 2 ... in the query's order within kind
    group_key VARCHAR,     -- answers_corroboration.group_key
    group_kind VARCHAR,    -- answers_corroboration.kind
    article_count BIGINT   -- answers_corroboration.article_count (min_articles keeps a prefix)
);

-- The texts that find an entity (factdb_entity_lookup, as a table): its id (rank 1), its
-- name (2) and aliases (3) lowercased, and every run of whole words of a name or alias
-- (4: each substring that starts and ends at a word boundary, as the macro's regular
-- expression '\b<text>\b' finds it). entity_profile and claims_by_entity resolve their
-- text with a point read of this table (index on text) instead of matching every name and
-- alias against a regular expression. Rebuilt whole with the answers.
CREATE TABLE IF NOT EXISTS answers_entity_lookup (
    text VARCHAR,
    entity_id VARCHAR,
    match_rank INTEGER
);

-- The speaker texts of the claims by every run of whole words of their lowercased text
-- (claims_by_entity: a speaker text that contains the asked text as whole words), and by
-- the whole lowercased text (exact = true: a speaker text that is an entity's name).
CREATE TABLE IF NOT EXISTS answers_speaker_lookup (
    text VARCHAR,
    speaker VARCHAR,
    exact BOOLEAN
);
