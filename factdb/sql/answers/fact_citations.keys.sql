-- The fact asked for: its row of answers_fact_citations, one point read through the index
-- on kind_id ('<kind>:<id>': the kind beside the id in the scan's filter made DuckDB scan
-- the table), the kind checked here with the full query's message. Its label and group go
-- to the read as values, with the key of the row that holds its citations: its group's
-- row of answers_corroboration (group_key), or its own row (own_key: an entity's
-- mentions, or an event without mentions). No row: no such fact.
SELECT h.kind AS fact_kind, h.fact, h.group_key AS group_id,
       h.corroboration_group AS group_key,
       CASE WHEN h.corroboration_group IS NULL THEN h.kind_id END AS own_key
FROM answers_fact_citations AS h
WHERE h.kind_id = CASE
          WHEN lower(trim($kind)) IN ('entity', 'event', 'date', 'count', 'claim')
              THEN lower(trim($kind))
          ELSE error('kind must be one of entity, event, date, count, claim; got '''
                     || $kind || '''')
      END || ':' || $id
