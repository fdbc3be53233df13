-- scope answers_claims_by_entity: CAST(json_array(speaker_entity_id, speaker) AS VARCHAR) IN (SELECT pair_key FROM answer_touched)
-- The parts of the claims answers_claims_by_entity rebuilt (answer_touched_claims_by_entity):
-- the part each is in now, and the part whose stored document holds it (its speaker
-- entity or text before, or a claim no longer stored).
WITH touched AS (SELECT claim_id FROM answer_touched_claims_by_entity)
SELECT CAST(json_array(x.speaker_entity_id, x.speaker) AS VARCHAR) AS pair_key
FROM answers_claims_by_entity AS x WHERE x.claim_id IN (SELECT claim_id FROM touched)
UNION
SELECT d.pair_key FROM answers_claims_by_entity_docs AS d
WHERE list_has_any(d.claim_ids, (SELECT list(claim_id) FROM touched))
