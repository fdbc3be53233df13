-- json: member_ids, citations
-- either: group_key, own_key
-- The fact found by fact_citations.keys.sql (its values; none: no row) with the citations
-- of the one row that holds them: its group's row of answers_corroboration (group_key), or
-- its own row of answers_fact_citations (own_key: an entity's mentions, or an event
-- without mentions, which holds none); each a point read on its indexed column alone. The
-- keys statement sets one of the two keys, and only that branch runs (the '-- either:'
-- header: DuckDB ran the point read of a NULL key too, 0.3 ms); with neither (no such
-- fact) the whole read runs and gives no row. A group_key is unique across kinds: each
-- kind's ids have their own form.
SELECT CAST($fact_kind AS VARCHAR) AS kind, CAST($id AS VARCHAR) AS id,
       CAST($fact AS VARCHAR) AS fact, CAST($group_id AS VARCHAR) AS group_id,
       coalesce(g.member_ids, '[]') AS member_ids, coalesce(g.article_count, 0) AS article_count,
       coalesce(g.outlet_count, 0) AS outlet_count, coalesce(g.citations, '[]') AS citations
FROM answers_corroboration AS g WHERE g.group_key = $group_key
UNION ALL
SELECT CAST($fact_kind AS VARCHAR) AS kind, CAST($id AS VARCHAR) AS id,
       CAST($fact AS VARCHAR) AS fact, CAST($group_id AS VARCHAR) AS group_id,
       coalesce(e.member_ids, '[]') AS member_ids, coalesce(e.article_count, 0) AS article_count,
       coalesce(e.outlet_count, 0) AS outlet_count, coalesce(e.citations, '[]') AS citations
FROM answers_fact_citations AS e WHERE e.kind_id = $own_key
