-- table: answers_corroboration_docs
-- key: page
-- order: page
-- json: rows, totals
-- index: page
-- after: corroboration.pages
-- corroboration's first pages as documents (migration 040): for every group (kind '') and
-- each kind, the groups of each run of 20 positions of the query's order
-- (answers_corroboration_pages), '<kind>|<n>' for positions 20n+1 to 20n+20, as the rows
-- of corroboration.read.sql (its columns in that order, total_groups NULL: it depends on
-- min_articles), each with its position last, and the kind's totals (for each number of
-- articles a group of the kind has, ascending, the number of groups with at least that
-- many: the last position of such a group, the order being by article_count first),
-- from which the query takes total_groups. The
-- first 1,000 positions only: a reader pages from the top, and every build moves the
-- positions below a new group, so the documents are rebuilt whole (no touched file). A
-- request for 20 groups at an offset is then one point read of one or two documents
-- (factdb.documents.KEY_RULES['corroboration_pages'], which keeps the positions asked and
-- the groups min_articles keeps: a prefix of the order) instead of 20 fetches.
WITH totals AS (
    SELECT t.kind, to_json(list([t.article_count, t.groups] ORDER BY t.article_count)) AS totals
    FROM (SELECT kind, article_count, max(pos) AS groups FROM answers_corroboration_pages
          GROUP BY kind, article_count) AS t
    GROUP BY t.kind
)
SELECT p.kind || '|' || CAST((p.pos - 1) // 20 AS VARCHAR) AS page, any_value(t.totals) AS totals,
       CAST('[' || string_agg(
           rtrim(CAST(json_array(x.kind, x.group_key, x.fact, x.row_count, x.article_count,
                                 x.outlet_count, x.independent_source_count, x.relay_count)
                      AS VARCHAR), ']')
           || ',' || x.member_ids || ',' || x.citation_count || ',' || x.preview
           || ',null,' || p.pos || ']', ',' ORDER BY p.pos) || ']' AS JSON) AS rows
FROM answers_corroboration_pages AS p
JOIN answers_corroboration AS x ON x.group_key = p.group_key
JOIN totals AS t ON t.kind = p.kind
WHERE p.pos <= 1000
GROUP BY p.kind, (p.pos - 1) // 20
