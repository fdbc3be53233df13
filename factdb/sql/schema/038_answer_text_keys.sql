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

-- The texts that find an entity, as entity_profile and claims_by_entity store answers for
-- them, with the entities each finds: every text of answers_entity_lookup (an entity's id,
-- exact; a trimmed, lowercased name, alias or run of their words that is no entity's id,
-- trimmed and lowercased: a text asked then finds one stored answer at most) with the
-- entities factdb_best_entities (the keys statements' macro) gives for it, run once per
-- text. The builds of answers_entity_profile_texts and answers_claims_by_entity_texts
-- and their touched files read it.
CREATE OR REPLACE MACRO factdb_text_entities() AS TABLE
    WITH texts AS (
        SELECT DISTINCT l.text, l.match_rank = 1 AS exact
        FROM answers_entity_lookup AS l
        WHERE l.text <> ''
          AND (l.match_rank = 1
               OR (l.text = trim(l.text)
                   AND l.text NOT IN (SELECT lower(trim(entity_id)) FROM entities)))
    )
    SELECT t.text, t.exact,
           unnest((SELECT list(b.entity_id) FROM factdb_best_entities(t.text) AS b))
               AS entity_id
    FROM texts AS t;

-- The claims of claims_by_entity's answer for each text of factdb_text_entities
-- (claim_id NULL: a text whose answer has no claim): claims_by_entity.keys.sql's rule run
-- once per text, the claims of the text's entities and of the speaker texts that are one
-- of those entities' names or aliases or hold the text as whole words
-- (answers_speaker_lookup). The build of answers_claims_by_entity_texts and its touched
-- file read it.
CREATE OR REPLACE MACRO factdb_claims_by_entity_members() AS TABLE
    WITH best AS (SELECT * FROM factdb_text_entities()),
    speakers AS (
        SELECT b.text, b.exact, s.speaker
        FROM best AS b
        JOIN answers_entity_lookup AS l ON l.entity_id = b.entity_id AND l.match_rank IN (2, 3)
        JOIN answers_speaker_lookup AS s ON s.exact AND s.text = l.text
        WHERE lower(trim(b.text)) <> ''
        UNION
        SELECT DISTINCT b.text, b.exact, s.speaker
        FROM best AS b
        JOIN answers_speaker_lookup AS s ON NOT s.exact AND s.text = lower(trim(b.text))
        WHERE lower(trim(b.text)) <> ''
    ),
    members AS (
        SELECT b.text, b.exact, x.claim_id
        FROM best AS b JOIN answers_claims_by_entity AS x ON x.speaker_entity_id = b.entity_id
        UNION
        SELECT s.text, s.exact, x.claim_id
        FROM speakers AS s JOIN answers_claims_by_entity AS x ON x.speaker = s.speaker
    )
    SELECT t.text, t.exact, m.claim_id
    FROM (SELECT DISTINCT text, exact FROM best) AS t
    LEFT JOIN members AS m ON m.text = t.text AND m.exact = t.exact;

-- Whether disagreements' filter keeps a disagreement for the text asked (trimmed: raw;
-- trimmed and lowercased: t): every one for an empty text, else its event's own (by id),
-- and any whose event label contains the text, whose event type is it, or whose subject
-- contains it. disagreements.keys.sql, the build of answers_disagreements_docs and its
-- touched file apply it.
CREATE OR REPLACE MACRO factdb_disagreement_kept(raw, t, event_id, event_label, event_type,
                                                 subject) AS
    t = '' OR event_id = raw OR contains(lower(event_label), t) OR lower(event_type) = t
    OR contains(lower(subject), t);
