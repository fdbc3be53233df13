-- 038_answer_text_keys: claims_by_entity answers by one point read of a stored answer per
-- text asked, and the tables of stored answers per text are built incrementally
-- (docs/adr/0012, amendment of issue 13's ninth round). Each such table keeps, beside a
-- text's document, the keys the document was made of: a load rebuilds the texts whose
-- keys changed or whose keys' answers it rebuilt, not every text.

-- claims_by_entity's whole answer for every text that finds an entity, one JSON document.
CREATE TABLE IF NOT EXISTS answers_claims_by_entity_texts (
    text VARCHAR,          -- the text asked: an entity id, or a trimmed lowercased name, alias or run of their words
    exact BOOLEAN,         -- the text is an entity id (matched as given)
    claim_ids VARCHAR[],   -- claims.claim_id: the claims of the answer, sorted (what the touched file compares)
    "rows" VARCHAR         -- JSON: the rows of claims_by_entity for the text
);

-- the entities of each text's document (sorted), for its touched file
ALTER TABLE answers_entity_profile_texts ADD COLUMN IF NOT EXISTS entity_ids VARCHAR[];

-- the disagreements of each event id's document (sorted), for its touched file
ALTER TABLE answers_disagreements_docs ADD COLUMN IF NOT EXISTS disagreement_ids VARCHAR[];

-- The texts claims_by_entity has a stored answer for, and the claims of each text's answer
-- (claim_id NULL: a text whose answer has no claim): the texts of answers_entity_lookup
-- that entity_profile stores answers for (an entity's id, exact; a trimmed lowercased
-- name, alias or run of their words that is no entity's id), each with
-- claims_by_entity.keys.sql's rule run once per text: the claims of the entities
-- factdb_best_entities gives for it, and of the speaker texts that are one of those
-- entities' names or aliases or hold the text as whole words (answers_speaker_lookup).
-- The build of answers_claims_by_entity_texts and its touched file both read it.
CREATE OR REPLACE MACRO factdb_claims_by_entity_members() AS TABLE
    WITH texts AS (
        SELECT DISTINCT l.text, l.match_rank = 1 AS exact
        FROM answers_entity_lookup AS l
        WHERE l.text <> ''
          AND (l.match_rank = 1
               OR (l.text = trim(l.text)
                   AND l.text NOT IN (SELECT lower(trim(entity_id)) FROM entities)))
    ),
    best AS (
        SELECT t.text, t.exact,
               unnest((SELECT list(b.entity_id) FROM factdb_best_entities(t.text) AS b))
                   AS entity_id
        FROM texts AS t
    ),
    speakers AS (
        SELECT b.text, b.exact, s.speaker
        FROM best AS b
        JOIN answers_entity_lookup AS l ON l.entity_id = b.entity_id AND l.match_rank IN (2, 3)
        JOIN answers_speaker_lookup AS s ON s.exact AND s.text = l.text
        WHERE lower(trim(b.text)) <> ''
        UNION
        SELECT t.text, t.exact, s.speaker
        FROM texts AS t
        JOIN answers_speaker_lookup AS s ON NOT s.exact AND s.text = lower(trim(t.text))
        WHERE lower(trim(t.text)) <> ''
    ),
    members AS (
        SELECT b.text, b.exact, x.claim_id
        FROM best AS b JOIN answers_claims_by_entity AS x ON x.speaker_entity_id = b.entity_id
        UNION
        SELECT s.text, s.exact, x.claim_id
        FROM speakers AS s JOIN answers_claims_by_entity AS x ON x.speaker = s.speaker
    )
    SELECT t.text, t.exact, m.claim_id
    FROM texts AS t LEFT JOIN members AS m ON m.text = t.text AND m.exact = t.exact;
