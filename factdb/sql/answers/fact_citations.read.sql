-- json: member_ids, citations
-- the fact's row, and the one row of answers_corroboration whose key it names (each table
-- read by its indexed column alone)
WITH t AS MATERIALIZED (
    SELECT * FROM answers_fact_citations WHERE id = $id
),
g AS MATERIALIZED (
    SELECT * FROM answers_corroboration WHERE group_key = $group_key
)
SELECT t.kind, t.id, t.fact, t.group_key AS group_id,
       coalesce(t.member_ids, g.member_ids, '[]') AS member_ids,
       coalesce(t.article_count, g.article_count, 0) AS article_count,
       coalesce(t.outlet_count, g.outlet_count, 0) AS outlet_count,
       coalesce(t.citations, g.citations, '[]') AS citations
FROM t
LEFT JOIN g ON g.kind = t.kind
WHERE t.kind = $fact_kind
