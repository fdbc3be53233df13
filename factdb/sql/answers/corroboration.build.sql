-- table: answers_corroboration
-- key: kind, group_key
-- order: article_count DESC, outlet_count DESC, kind, group_key
-- json: member_ids, citations, preview
-- index: group_key
-- Every fact group of factdb/sql/queries/corroboration.sql (all kinds, any number of
-- articles), in the query's order: the query keeps a kind and a minimum of articles.
-- The group's id is in group_key (not every one is a fact_groups row, so the column is
-- not named like a reference to it). The citations come out as JSON already (type JSON:
-- to_json keeps them as they are): every citation (what fact_citations reads for every
-- member of the group), and the query's preview of them (at most 10: the first of each
-- article first, then the others, each in the citation order; what corroboration reads).
WITH members AS (
    SELECT 'claim' AS kind, coalesce(c.claim_group_id, 'claim:' || c.claim_id) AS group_id,
           coalesce(c.speaker, 'unknown speaker') || ': ' || coalesce(c.content, c.quote)
               AS fact,
           c.claim_id AS member_id, c.article_id, c.quote, c.char_start, c.char_end
    FROM claims AS c
    UNION ALL
    SELECT 'count', coalesce(c.group_id, 'count:' || c.count_id),
           factdb_count_label(c.qualifier, c.value, lower(c.unit), c.place,
                              c.window_start, c.window_end),
           c.count_id, c.article_id, c.quote, c.char_start, c.char_end
    FROM counts AS c
    UNION ALL
    SELECT 'date', coalesce(d.group_id, 'date:' || d.date_id),
           coalesce(CAST(d.value_start AS VARCHAR), 'unresolved')
           || CASE WHEN d.value_end <> d.value_start
                   THEN ' to ' || CAST(d.value_end AS VARCHAR) ELSE '' END,
           d.date_id, d.article_id, d.quote, d.char_start, d.char_end
    FROM dates AS d
    UNION ALL
    SELECT 'event', m.event_id,
           e.label || ' (' || e.event_type
           || coalesce(', ' || CAST(e.date_start AS VARCHAR), '') || ')',
           NULL, m.article_id, m.quote, m.char_start, m.char_end
    FROM event_mentions AS m
    JOIN events AS e ON e.event_id = m.event_id
),
cited AS (
    -- each member's citation as JSON text, made once; the group's list is the texts joined
    -- in order (the same text as to_json of the list of structs, at a fraction of the cost:
    -- an ordered list() of the structs and its conversion took 4.6 s of CPU for 100,000
    -- citations, this 1.3)
    SELECT m.kind, m.group_id, m.fact, m.member_id, m.article_id, m.char_start, m.char_end,
           coalesce(a.outlet, 'article:' || a.article_id) AS outlet_key,
           CAST(to_json(factdb_citation(a.article_id, a.outlet, a.url, m.quote, m.char_start,
                                        m.char_end)) AS VARCHAR) AS citation,
           row_number() OVER (PARTITION BY m.kind, m.group_id, m.article_id
                              ORDER BY m.char_start, m.char_end, m.member_id) AS nth
    FROM members AS m
    JOIN articles AS a ON a.article_id = m.article_id
),
placed AS (
    SELECT c.*, row_number() OVER (PARTITION BY c.kind, c.group_id
                                   ORDER BY c.nth > 1, c.article_id, c.char_start, c.char_end,
                                            c.member_id) AS shown
    FROM cited AS c
),
grouped AS (
    SELECT m.kind, m.group_id,
           first(m.fact ORDER BY m.article_id, m.char_start, m.char_end, m.member_id) AS fact,
           count(*) AS row_count,
           count(DISTINCT m.article_id) AS article_count,
           count(DISTINCT m.outlet_key) AS outlet_count,
           list(m.member_id ORDER BY m.article_id, m.char_start, m.char_end, m.member_id)
               FILTER (WHERE m.member_id IS NOT NULL) AS member_ids,
           CAST('[' || string_agg(m.citation, ',' ORDER BY m.article_id, m.char_start,
                                  m.char_end, m.member_id) || ']' AS JSON) AS citations,
           count(*) AS citation_count,
           CAST('[' || string_agg(m.citation, ',' ORDER BY m.shown)
                           FILTER (WHERE m.shown <= 10) || ']' AS JSON) AS preview
    FROM placed AS m
    GROUP BY m.kind, m.group_id
)
-- equality joins on the group's key for its kind (a join condition with the kind beside
-- it ran as a nested loop that copied every row's citations)
SELECT g.kind, g.group_id AS group_key, g.fact, g.row_count, g.article_count, g.outlet_count,
       coalesce(fg.independent_source_count, cg.independent_source_count)
           AS independent_source_count,
       coalesce(fg.relay_count, cg.relay_count) AS relay_count,
       coalesce(g.member_ids, []) AS member_ids, g.citations, g.citation_count, g.preview
FROM grouped AS g
LEFT JOIN fact_groups AS fg
       ON fg.group_id = CASE WHEN g.kind IN ('count', 'date') THEN g.group_id END
LEFT JOIN claim_groups AS cg
       ON cg.claim_group_id = CASE WHEN g.kind = 'claim' THEN g.group_id END
