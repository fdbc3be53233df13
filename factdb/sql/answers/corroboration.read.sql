-- json: member_ids, citations
WITH opts AS (
    SELECT CASE
               WHEN lower(trim($kind)) IN ('', 'claim', 'count', 'date', 'event')
                   THEN lower(trim($kind))
               ELSE error('kind must be one of claim, count, date, event (or empty); got '''
                          || $kind || '''')
           END AS kind,
           CAST($min_articles AS INTEGER) AS min_articles
)
SELECT x.kind, x.group_key AS group_id, x.fact, x.row_count, x.article_count, x.outlet_count,
       x.independent_source_count, x.relay_count, x.member_ids, x.citations
FROM answers_corroboration AS x, opts AS o
WHERE (o.kind = '' OR x.kind = o.kind) AND x.article_count >= o.min_articles
ORDER BY x.article_count DESC, x.outlet_count DESC, x.kind, x.group_key
