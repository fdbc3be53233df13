-- json: member_ids, citations
-- A page: the group keys of its range of positions (answers_corroboration_pages, in the
-- query's order among every group or among the groups of the kind), their rows fetched
-- from the answer table; min_articles keeps a prefix of that order, so the positions are
-- the query's own. total_groups counts the positions that pass the filter.
WITH opts AS (
    SELECT CASE
               WHEN lower(trim($kind)) IN ('', 'claim', 'count', 'date', 'event')
                   THEN lower(trim($kind))
               ELSE error('kind must be one of claim, count, date, event (or empty); got '''
                          || $kind || '''')
           END AS kind,
           CAST($min_articles AS INTEGER) AS min_articles,
           CASE
               WHEN CAST($limit AS INTEGER) BETWEEN 1 AND 1000 THEN CAST($limit AS INTEGER)
               ELSE error('limit must be from 1 to 1000; got ''' || $limit || '''')
           END AS page_size,
           CASE
               WHEN CAST($offset AS INTEGER) >= 0 THEN CAST($offset AS INTEGER)
               ELSE error('offset must be 0 or more; got ''' || $offset || '''')
           END AS skipped
),
page AS (
    SELECT p.pos, p.group_key, p.group_kind
    FROM answers_corroboration_pages AS p, opts AS o
    WHERE p.kind = o.kind AND p.pos > o.skipped AND p.pos <= o.skipped + o.page_size
      AND p.article_count >= o.min_articles
),
total AS (
    SELECT count(*) AS total_groups
    FROM answers_corroboration_pages AS p, opts AS o
    WHERE p.kind = o.kind AND p.article_count >= o.min_articles
)
SELECT x.kind, x.group_key AS group_id, x.fact, x.row_count, x.article_count, x.outlet_count,
       x.independent_source_count, x.relay_count, x.member_ids, x.citations, t.total_groups
FROM answers_corroboration AS x
JOIN page AS g ON g.group_key = x.group_key AND g.group_kind = x.kind
CROSS JOIN total AS t
ORDER BY g.pos
