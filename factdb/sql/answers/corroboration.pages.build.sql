-- table: answers_corroboration_pages
-- key: kind, pos
-- order: kind, pos
-- The position of every group of answers_corroboration (built just before it: the build
-- files run in name order) in factdb/sql/queries/corroboration.sql's order, among every
-- group (kind '') and among the groups of its kind; rebuilt whole on every build (no
-- touched file), a few milliseconds a thousand groups. The read of a page takes the
-- group keys of a range of positions here.
SELECT '' AS kind,
       row_number() OVER (ORDER BY x.article_count DESC, x.outlet_count DESC, x.kind,
                                   x.group_key) AS pos,
       x.group_key, x.kind AS group_kind, x.article_count
FROM answers_corroboration AS x
UNION ALL
SELECT x.kind,
       row_number() OVER (PARTITION BY x.kind ORDER BY x.article_count DESC,
                                                       x.outlet_count DESC, x.group_key),
       x.group_key, x.kind, x.article_count
FROM answers_corroboration AS x
