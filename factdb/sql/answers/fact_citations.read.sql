-- json: member_ids, citations
-- The fact found by fact_citations.keys.sql (its values; none: no row) with the citations
-- of the one row that holds them: its group's row of answers_corroboration, or its own row
-- of answers_fact_citations; each a point read on its indexed column alone, the other's
-- key NULL (a group_key is unique across kinds: each kind's ids have their own form). An
-- own row without mentions holds no citations.
SELECT CAST($fact_kind AS VARCHAR) AS kind, CAST($id AS VARCHAR) AS id,
       CAST($fact AS VARCHAR) AS fact, CAST($group_id AS VARCHAR) AS group_id,
       coalesce(x.member_ids, '[]') AS member_ids, coalesce(x.article_count, 0) AS article_count,
       coalesce(x.outlet_count, 0) AS outlet_count, coalesce(x.citations, '[]') AS citations
FROM (SELECT g.member_ids, g.article_count, g.outlet_count, g.citations
      FROM answers_corroboration AS g WHERE g.group_key = $group_key
      UNION ALL
      SELECT e.member_ids, e.article_count, e.outlet_count, e.citations
      FROM answers_fact_citations AS e WHERE e.kind_id = $own_key) AS x
