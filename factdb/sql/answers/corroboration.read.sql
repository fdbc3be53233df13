-- json: member_ids, citations
-- The page's groups (corroboration.keys.sql) through the index on group_key (a constant
-- list on group_key alone: a second filter in the scan stops DuckDB from using the index;
-- the kind is kept after it), in the query's order, with the preview of their citations
-- (not every citation: that column is fact_citations'); total_groups counts the groups
-- that pass the filter (their positions in answers_corroboration_pages).
WITH x AS MATERIALIZED (
    SELECT kind, group_key, fact, row_count, article_count, outlet_count,
           independent_source_count, relay_count, member_ids, citation_count, preview
    FROM answers_corroboration WHERE group_key IN ($row_keys)
)
SELECT x.kind, x.group_key AS group_id, x.fact, x.row_count, x.article_count, x.outlet_count,
       x.independent_source_count, x.relay_count, x.member_ids, x.citation_count,
       x.preview AS citations,
       (SELECT count(*) FROM answers_corroboration_pages AS p
        WHERE p.kind = lower(trim($kind))
          AND p.article_count >= CAST($min_articles AS INTEGER)) AS total_groups
FROM x
WHERE lower(trim($kind)) IN ('', x.kind)
ORDER BY x.article_count DESC, x.outlet_count DESC, x.kind, x.group_key
