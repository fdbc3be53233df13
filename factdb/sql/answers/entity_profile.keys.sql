-- list: row_keys
-- The entities the text names: factdb_entity_lookup's best rank, read from
-- answers_entity_lookup by factdb_best_entities (migration 032, shared with
-- claims_by_entity.keys.sql); the read fetches their rows by index.
SELECT b.entity_id AS row_keys FROM factdb_best_entities($entity) AS b
