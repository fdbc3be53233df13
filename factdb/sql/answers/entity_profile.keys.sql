-- list: row_keys
-- The entities the text names: factdb_entity_lookup's best rank, read from
-- answers_entity_lookup by its index (the id as given, or the trimmed lowercased text);
-- the read fetches their rows by index.
SELECT f.entity_id AS row_keys
FROM answers_entity_lookup AS f
WHERE f.text IN ($entity, lower(trim($entity)))
  AND lower(trim($entity)) <> ''
  AND ((f.match_rank = 1 AND f.text = $entity)
       OR (f.match_rank > 1 AND f.text = lower(trim($entity))))
QUALIFY f.match_rank = min(f.match_rank) OVER ()
