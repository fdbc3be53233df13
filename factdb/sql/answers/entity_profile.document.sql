-- fallback: read
-- The whole answer for the text asked (answers_entity_profile_texts), one point read
-- through the index: the text as given when it is an entity's id (rank 1, as in
-- factdb_best_entities), else the trimmed, lowercased text; one row at most (the table
-- leaves out a text that could find both). Every text that finds an entity has a
-- document but those left out: without one the query reads answers_entity_profile as
-- before (-- fallback: read), which answers those and the texts that find none. The
-- row's filter is a CASE: as a plain condition beside the IN, DuckDB scanned the table.
SELECT d.rows
FROM answers_entity_profile_texts AS d
WHERE d.text IN ($entity, lower(trim($entity)))
  AND lower(trim($entity)) <> ''
  AND CASE WHEN d.exact THEN d.text = $entity ELSE d.text = lower(trim($entity)) END
