-- The parts of the answer for a text answers_claims_by_entity_texts does not hold: the
-- parts of the entities the text names (factdb_best_entities, as entity_profile.keys.sql)
-- and of the speaker texts that are one of their names or aliases or contain the text as
-- whole words (answers_speaker_lookup), instead of matching every name, alias and speaker
-- text against a regular expression.
WITH best AS (
    SELECT b.entity_id FROM factdb_best_entities($entity) AS b
),
names AS (
    SELECT l.text FROM answers_entity_lookup AS l
    WHERE l.match_rank IN (2, 3) AND l.entity_id IN (SELECT entity_id FROM best)
),
speakers AS (
    SELECT s.speaker FROM answers_speaker_lookup AS s
    WHERE lower(trim($entity)) <> ''
      AND ((s.exact AND s.text IN (SELECT text FROM names))
           OR (NOT s.exact AND s.text = lower(trim($entity))))
)
SELECT d.pair_key AS pair_keys
FROM answers_claims_by_entity_docs AS d
WHERE d.speaker_entity_id IN (SELECT entity_id FROM best)
   OR d.speaker IN (SELECT speaker FROM speakers)
