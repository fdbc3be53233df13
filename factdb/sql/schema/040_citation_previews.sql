-- 040_citation_previews: the answers that list many facts carry a preview of each row's
-- citations (docs/adr/0012, amendment of issue 13's eleventh round). corroboration and
-- event_timeline give, per row, at most 10 citations (the first citation of each article
-- first, then the others, each in the citation order) and the number of all of them;
-- every citation of a row is fact_citations' answer. answers_corroboration keeps every
-- citation of a group (fact_citations reads them there) beside the preview the query reads.
ALTER TABLE answers_corroboration ADD COLUMN IF NOT EXISTS citation_count BIGINT;
ALTER TABLE answers_corroboration ADD COLUMN IF NOT EXISTS preview VARCHAR;  -- JSON text
ALTER TABLE answers_event_timeline ADD COLUMN IF NOT EXISTS citation_count BIGINT;

-- corroboration's first pages as documents: the groups of each run of 20 positions of the
-- query's order among every group ('' ) and within each kind, the first 1,000 positions.
CREATE TABLE IF NOT EXISTS answers_corroboration_docs (
    page VARCHAR,   -- '<kind>|<n>': positions 20n+1 to 20n+20 of answers_corroboration_pages
    "rows" VARCHAR, -- JSON: its rows of corroboration, each with its position last
    totals VARCHAR  -- JSON: [article_count, groups of the kind with at least that many], ascending
);


-- An entity id whose claims_by_entity answer is one part holds that part's document
-- (answers_claims_by_entity_docs.rows): its keys statement gives the answer itself.
ALTER TABLE answers_claims_by_entity_texts ADD COLUMN IF NOT EXISTS document VARCHAR;  -- JSON text

-- The speakers whose claims claims_by_entity gives for a text (one macro, where its read
-- and its search each wrote the rule out): the entities the text names
-- (factdb_best_entities; speaker NULL) and the speaker texts that are one of their names
-- or aliases, or hold the text as whole words (answers_speaker_lookup; entity_id NULL).
CREATE OR REPLACE MACRO factdb_claim_speakers(asked) AS TABLE
    WITH best AS (
        SELECT b.entity_id FROM factdb_best_entities(asked) AS b
    ),
    names AS (
        SELECT l.text FROM answers_entity_lookup AS l
        WHERE l.match_rank IN (2, 3) AND l.entity_id IN (SELECT entity_id FROM best)
    )
    SELECT b.entity_id, CAST(NULL AS VARCHAR) AS speaker FROM best AS b
    UNION ALL
    SELECT NULL, s.speaker FROM answers_speaker_lookup AS s
    WHERE lower(trim(asked)) <> ''
      AND ((s.exact AND s.text IN (SELECT text FROM names))
           OR (NOT s.exact AND s.text = lower(trim(asked))));
