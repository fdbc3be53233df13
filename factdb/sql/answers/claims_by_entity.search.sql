-- The parts of the answer for a text answers_claims_by_entity_texts does not hold: the
-- parts of the entities the text names and of the speaker texts that are one of their
-- names or aliases or contain the text as whole words (factdb_claim_speakers: the lookup
-- tables answers_entity_lookup and answers_speaker_lookup), instead of matching every
-- name, alias and speaker text against a regular expression.
WITH found AS MATERIALIZED (
    SELECT f.entity_id, f.speaker FROM factdb_claim_speakers($entity) AS f
)
SELECT d.pair_key AS pair_keys
FROM answers_claims_by_entity_docs AS d
WHERE d.speaker_entity_id IN (SELECT entity_id FROM found WHERE entity_id IS NOT NULL)
   OR d.speaker IN (SELECT speaker FROM found WHERE speaker IS NOT NULL)
