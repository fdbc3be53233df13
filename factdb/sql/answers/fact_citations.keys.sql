-- The kind asked for (checked), and the answers_corroboration group the fact names. The
-- table is read by id alone (its index); the kind is matched on the rows found.
WITH hit AS MATERIALIZED (
    SELECT kind, corroboration_group FROM answers_fact_citations WHERE id = $id
)
SELECT CASE
           WHEN lower(trim($kind)) IN ('entity', 'event', 'date', 'count', 'claim')
               THEN lower(trim($kind))
           ELSE error('kind must be one of entity, event, date, count, claim; got '''
                      || $kind || '''')
       END AS fact_kind,
       (SELECT h.corroboration_group FROM hit AS h WHERE h.kind = lower(trim($kind)))
           AS group_key
