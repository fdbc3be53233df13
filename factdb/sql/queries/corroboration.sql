-- name: corroboration
-- title: How well each fact is corroborated
-- description: One row per fact group with how many rows, articles and outlets report it,
--   how many independent sources it has and how many articles only relay another
--   reporter (from the group tables fact_groups and claim_groups; NULL where the group
--   has no row there), the number of its citations (one per row) and a preview of them:
--   at most 10, the first citation of each article first, then the others, each in the
--   citation order (every citation: fact_citations with the kind and one of member_ids;
--   an event: its group_id). Groups: claims by claim group; counts and dates
--   by fact group; events with their mentions; a row without a group stands alone. An
--   article without a known outlet counts as an outlet of its own. Most-attested first,
--   one page at a time (limit and offset); every row gives the number of groups that pass
--   the filter (total_groups), so a reader knows how many pages there are.
-- params: kind, min_articles, limit, offset
-- param kind: Keep one kind of fact: claim, count, date or event; empty keeps all
--   (default: )
-- param min_articles: Keep groups reported by at least this many articles (default: 2)
-- param limit: At most this many groups, 1 to 1000 (default: 20)
-- param offset: Skip this many groups first (the next page: offset + limit) (default: 0)
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
members AS (
    SELECT 'claim' AS kind, coalesce(c.claim_group_id, 'claim:' || c.claim_id) AS group_id,
           coalesce(c.speaker, 'unknown speaker') || ': ' || coalesce(c.content, c.quote)
               AS fact,
           c.claim_id AS member_id, c.article_id, c.quote, c.char_start, c.char_end
    FROM claims AS c
    WHERE (SELECT kind FROM opts) IN ('', 'claim')
    UNION ALL
    SELECT 'count', coalesce(c.group_id, 'count:' || c.count_id),
           factdb_count_label(c.qualifier, c.value, lower(c.unit), c.place,
                              c.window_start, c.window_end),
           c.count_id, c.article_id, c.quote, c.char_start, c.char_end
    FROM counts AS c
    WHERE (SELECT kind FROM opts) IN ('', 'count')
    UNION ALL
    SELECT 'date', coalesce(d.group_id, 'date:' || d.date_id),
           coalesce(CAST(d.value_start AS VARCHAR), 'unresolved')
           || CASE WHEN d.value_end <> d.value_start
                   THEN ' to ' || CAST(d.value_end AS VARCHAR) ELSE '' END,
           d.date_id, d.article_id, d.quote, d.char_start, d.char_end
    FROM dates AS d
    WHERE (SELECT kind FROM opts) IN ('', 'date')
    UNION ALL
    SELECT 'event', m.event_id,
           e.label || ' (' || e.event_type
           || coalesce(', ' || CAST(e.date_start AS VARCHAR), '') || ')',
           NULL, m.article_id, m.quote, m.char_start, m.char_end
    FROM event_mentions AS m
    JOIN events AS e ON e.event_id = m.event_id
    WHERE (SELECT kind FROM opts) IN ('', 'event')
),
opened AS (
    -- nth: the member's place among its group's members in its article (1: the first)
    SELECT m.*, row_number() OVER (PARTITION BY m.kind, m.group_id, m.article_id
                                   ORDER BY m.char_start, m.char_end, m.member_id) AS nth
    FROM members AS m
),
placed AS (
    -- shown: the member's place in the preview, the first of each article first
    SELECT o.*, row_number() OVER (PARTITION BY o.kind, o.group_id
                                   ORDER BY o.nth > 1, o.article_id, o.char_start, o.char_end,
                                            o.member_id) AS shown
    FROM opened AS o
),
grouped AS (
    SELECT m.kind, m.group_id,
           first(m.fact ORDER BY m.article_id, m.char_start, m.char_end, m.member_id) AS fact,
           count(*) AS row_count,
           count(DISTINCT m.article_id) AS article_count,
           count(DISTINCT coalesce(a.outlet, 'article:' || a.article_id)) AS outlet_count,
           list(m.member_id ORDER BY m.article_id, m.char_start, m.char_end, m.member_id)
               FILTER (WHERE m.member_id IS NOT NULL) AS member_ids,
           count(*) AS citation_count,
           list(factdb_citation(a.article_id, a.outlet, a.url, m.quote, m.char_start, m.char_end)
                ORDER BY m.shown) FILTER (WHERE m.shown <= 10) AS citations
    FROM placed AS m
    JOIN articles AS a ON a.article_id = m.article_id
    GROUP BY m.kind, m.group_id
    HAVING count(DISTINCT m.article_id) >= (SELECT min_articles FROM opts)
),
ranked AS (
    SELECT g.kind, g.group_id, g.fact, g.row_count, g.article_count, g.outlet_count,
           coalesce(fg.independent_source_count, cg.independent_source_count)
               AS independent_source_count,
           coalesce(fg.relay_count, cg.relay_count) AS relay_count,
           coalesce(g.member_ids, []) AS member_ids, g.citation_count, g.citations,
           count(*) OVER () AS total_groups,
           row_number() OVER (ORDER BY g.article_count DESC, g.outlet_count DESC, g.kind,
                                       g.group_id) AS pos
    FROM grouped AS g
    LEFT JOIN fact_groups AS fg ON g.kind IN ('count', 'date') AND fg.group_id = g.group_id
    LEFT JOIN claim_groups AS cg ON g.kind = 'claim' AND cg.claim_group_id = g.group_id
)
SELECT r.kind, r.group_id, r.fact, r.row_count, r.article_count, r.outlet_count,
       r.independent_source_count, r.relay_count, r.member_ids, r.citation_count, r.citations,
       r.total_groups
FROM ranked AS r, opts AS o
WHERE r.pos > o.skipped AND r.pos <= o.skipped + o.page_size
ORDER BY r.pos
