-- list: pair_keys
-- The parts of the answer (answers_claims_by_entity_docs) for the text asked, one point
-- read of answers_claims_by_entity_texts through its index: the text as given when it is
-- an entity's id, else the trimmed, lowercased text (as entity_profile.document.sql); one
-- NULL for a text that finds an entity that made no claim; and the answer's document when
-- the text holds it (an entity id whose answer is one part: no second read). No row (a
-- text that finds no entity, or is left out as answers_entity_profile_texts leaves it
-- out): claims_by_entity.search.sql resolves it.
SELECT unnest(d.pair_keys) AS pair_keys, d.document
FROM answers_claims_by_entity_texts AS d
WHERE d.text IN ($entity, lower(trim($entity)))
  AND lower(trim($entity)) <> ''
  AND CASE WHEN d.exact THEN d.text = $entity ELSE d.text = lower(trim($entity)) END
