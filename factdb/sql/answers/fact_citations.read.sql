-- json: member_ids, citations
-- The fact found by fact_citations.keys.sql (its values; none: no row, but a kind that is
-- not one of the five is refused) with the citations of the one row that holds them: its
-- group's row of answers_corroboration, or an entity's own row of answers_fact_citations
-- (each read by its indexed column alone: the LIMIT keeps the kind's filter out of the
-- scan); none for a fact without mentions.
SELECT CASE
           WHEN lower(trim($kind)) IN ('entity', 'event', 'date', 'count', 'claim')
               THEN lower(trim($kind))
           ELSE error('kind must be one of entity, event, date, count, claim; got '''
                      || $kind || '''')
       END AS kind,
       CAST($id AS VARCHAR) AS id, CAST($fact AS VARCHAR) AS fact,
       CAST($group_id AS VARCHAR) AS group_id,
       coalesce(g.member_ids, e.member_ids, '[]') AS member_ids,
       coalesce(g.article_count, e.article_count, 0) AS article_count,
       coalesce(g.outlet_count, e.outlet_count, 0) AS outlet_count,
       coalesce(g.citations, e.citations, '[]') AS citations
FROM (SELECT 1 AS one) AS f
LEFT JOIN (SELECT g.kind, g.member_ids, g.article_count, g.outlet_count, g.citations
           FROM answers_corroboration AS g WHERE g.group_key = $group_key LIMIT 8) AS g
       ON g.kind = $fact_kind
LEFT JOIN (SELECT e.kind, e.member_ids, e.article_count, e.outlet_count, e.citations
           FROM answers_fact_citations AS e WHERE e.id = $entity_key LIMIT 8) AS e
       ON e.kind = 'entity'
WHERE $fact_kind IS NOT NULL
   OR lower(trim($kind)) NOT IN ('entity', 'event', 'date', 'count', 'claim')
