-- The fact asked for: its row of answers_fact_citations, read by id alone through its
-- index (the LIMIT keeps the kind's filter out of the scan: beside the id there it made
-- DuckDB scan the table), its kind matched on the rows found. Its label and group go to
-- the read as values, with the key of the row that holds its citations: its
-- answers_corroboration group, or for an entity its own row (entity_key). No row: no such
-- fact (the read checks the kind).
SELECT h.kind AS fact_kind, h.fact, h.group_key AS group_id,
       h.corroboration_group AS group_key,
       CASE WHEN h.kind = 'entity' THEN h.id END AS entity_key
FROM (SELECT h.kind, h.id, h.fact, h.group_key, h.corroboration_group
      FROM answers_fact_citations AS h WHERE h.id = $id LIMIT 8) AS h
WHERE h.kind = lower(trim($kind))
