-- list: row_keys
-- The entities the text names (factdb_entity_lookup, on the entities table); the read
-- fetches their rows by index.
SELECT entity_id AS row_keys FROM factdb_entity_lookup($entity)
