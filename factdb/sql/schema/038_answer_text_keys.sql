-- 038_answer_text_keys: claims_by_entity answers from stored documents (its claims by
-- speaker entity and speaker text, and the parts each text's answer holds), and the tables
-- of stored answers per text are built incrementally (docs/adr/0012, amendment of issue
-- 13's ninth round). Each such table keeps, beside a text's document, the keys the
-- document was made of: a load rebuilds the texts whose keys changed or whose keys'
-- answers it rebuilt, not every text.

-- claims_by_entity's answer in parts: the claims of each pair of a speaker entity and a
-- speaker text (every claim is in one part), one JSON document each, and for every text
-- that finds an entity the parts of its answer. The query reads the text's parts, then
-- their documents, and merges them in its order.
CREATE TABLE IF NOT EXISTS answers_claims_by_entity_docs (
    pair_key VARCHAR,           -- JSON [speaker_entity_id, speaker]: the part's key
    speaker_entity_id VARCHAR,  -- claims.speaker_entity_id of its claims
    speaker VARCHAR,            -- claims.speaker of its claims
    claim_ids VARCHAR[],        -- claims.claim_id: its claims, sorted (what the touched file reads)
    "rows" VARCHAR              -- JSON: its rows of claims_by_entity, each with its claim's char_start last
);
CREATE TABLE IF NOT EXISTS answers_claims_by_entity_texts (
    text VARCHAR,               -- the text asked: an entity id, or a trimmed lowercased name, alias or run of their words
    exact BOOLEAN,              -- the text is an entity id (matched as given)
    pair_keys VARCHAR[]         -- answers_claims_by_entity_docs.pair_key: the parts of its answer ([NULL]: none)
);

-- the entities of each text's document (sorted), for its touched file
ALTER TABLE answers_entity_profile_texts ADD COLUMN IF NOT EXISTS entity_ids VARCHAR[];

-- the disagreements of each event id's document (sorted), for its touched file
ALTER TABLE answers_disagreements_docs ADD COLUMN IF NOT EXISTS disagreement_ids VARCHAR[];

-- The texts that find an entity, as entity_profile and claims_by_entity store answers for
-- them, with the entities each finds: every text of answers_entity_lookup (an entity's id,
-- exact; a trimmed, lowercased name, alias or run of their words that is no entity's id,
-- trimmed and lowercased: a text asked then finds one stored answer at most) with the
-- entities factdb_best_entities (the keys statements' macro) gives for it: for an id, its
-- entity; for another text, the entities of its best rank (the macro's rank 1 cannot
-- match it: it is no id). Set-based: the macro run once per text cost 1 s of CPU at 800
-- generated articles (4,900 texts), on every load. The builds of
-- answers_entity_profile_texts and answers_claims_by_entity_texts and the touched file of
-- the first read it; tests/test_queries.py checks their answers against the query's.
CREATE OR REPLACE MACRO factdb_text_entities() AS TABLE
    SELECT l.text, true AS exact, l.entity_id
    FROM answers_entity_lookup AS l
    WHERE l.match_rank = 1 AND lower(trim(l.text)) <> ''
    UNION ALL
    SELECT l.text, false, l.entity_id
    FROM answers_entity_lookup AS l
    WHERE l.match_rank > 1 AND l.text <> '' AND l.text = trim(l.text)
      AND l.text NOT IN (SELECT lower(trim(entity_id)) FROM entities)
    QUALIFY l.match_rank = min(l.match_rank) OVER (PARTITION BY l.text);

-- The parts (answers_claims_by_entity_docs) of claims_by_entity's answer for each text of
-- factdb_text_entities: claims_by_entity.keys.sql's rule run once per text, the parts of
-- the text's entities and of the speaker texts that are one of those entities' names or
-- aliases or hold the text as whole words (answers_speaker_lookup); pair_key NULL for a
-- text whose answer has no claim. The build of answers_claims_by_entity_texts reads it.
CREATE OR REPLACE MACRO factdb_claims_by_entity_parts() AS TABLE
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
    parts AS (
        SELECT b.text, b.exact, d.pair_key
        FROM best AS b
        JOIN answers_claims_by_entity_docs AS d ON d.speaker_entity_id = b.entity_id
        UNION
        SELECT s.text, s.exact, d.pair_key
        FROM speakers AS s JOIN answers_claims_by_entity_docs AS d ON d.speaker = s.speaker
    )
    SELECT t.text, t.exact, p.pair_key
    FROM (SELECT DISTINCT text, exact FROM best) AS t
    LEFT JOIN parts AS p ON p.text = t.text AND p.exact = t.exact;

-- Whether disagreements' filter keeps a disagreement for the text asked (trimmed: raw;
-- trimmed and lowercased: t): every one for an empty text, else its event's own (by id),
-- and any whose event label contains the text, whose event type is it, or whose subject
-- contains it. disagreements.keys.sql, the build of answers_disagreements_docs and its
-- touched file apply it.
CREATE OR REPLACE MACRO factdb_disagreement_kept(raw, t, event_id, event_label, event_type,
                                                 subject) AS
    t = '' OR event_id = raw OR contains(lower(event_label), t) OR lower(event_type) = t
    OR contains(lower(subject), t);
