-- fallback: read
-- The whole answer for the text asked (answers_claims_by_entity_texts), one point read
-- through the index: the text as given when it is an entity's id, else the trimmed,
-- lowercased text (as entity_profile.document.sql). Without a document (a text that finds
-- no entity, or finds one only through a speaker text) the query resolves its keys and
-- reads answers_claims_by_entity as before (-- fallback: read).
SELECT d.rows
FROM answers_claims_by_entity_texts AS d
WHERE d.text IN ($entity, lower(trim($entity)))
  AND lower(trim($entity)) <> ''
  AND CASE WHEN d.exact THEN d.text = $entity ELSE d.text = lower(trim($entity)) END
