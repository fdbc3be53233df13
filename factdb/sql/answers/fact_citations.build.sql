-- table: answers_fact_citations
-- key: kind, id
-- order: kind, id
-- json: member_ids, citations
-- index: kind_id
-- The answer of factdb/sql/queries/fact_citations.sql for every fact (kind, id): its
-- label, and the citations of its group (or of itself, or of its mentions). Counts, dates,
-- claims and events name their group in answers_corroboration (corroboration_group), which
-- holds the group's members and citations once; an entity's mentions are kept here, and an
-- event without mentions (no group there) names none. kind_id ('<kind>:<id>', indexed) is
-- what fact_citations.keys.sql reads the fact by.
WITH targets AS (
    SELECT 'entity' AS kind, e.entity_id AS id,
           e.name || ' (' || e.entity_type || ')' AS fact,
           CAST(NULL AS VARCHAR) AS group_id, CAST(NULL AS VARCHAR) AS corroboration_group
    FROM entities AS e
    UNION ALL
    SELECT 'event', e.event_id,
           e.label || ' (' || e.event_type
           || coalesce(', ' || CAST(e.date_start AS VARCHAR), '') || ')', NULL,
           CASE WHEN e.event_id IN (SELECT event_id FROM event_mentions) THEN e.event_id END
    FROM events AS e
    UNION ALL
    SELECT 'date', d.date_id,
           coalesce(CAST(d.value_start AS VARCHAR), 'unresolved')
           || CASE WHEN d.value_end <> d.value_start
                   THEN ' to ' || CAST(d.value_end AS VARCHAR) ELSE '' END, d.group_id,
           coalesce(d.group_id, 'date:' || d.date_id)
    FROM dates AS d
    UNION ALL
    SELECT 'count', c.count_id,
           factdb_count_label(c.qualifier, c.value, c.unit, c.place,
                              c.window_start, c.window_end), c.group_id,
           coalesce(c.group_id, 'count:' || c.count_id)
    FROM counts AS c
    UNION ALL
    SELECT 'claim', c.claim_id,
           coalesce(c.speaker, 'unknown speaker') || ': ' || coalesce(c.content, c.quote),
           c.claim_group_id, coalesce(c.claim_group_id, 'claim:' || c.claim_id)
    FROM claims AS c
),
mentions AS (
    SELECT m.entity_id,
           list(m.mention_id ORDER BY m.article_id, m.char_start, m.char_end, m.mention_id) AS member_ids,
           count(DISTINCT m.article_id) AS article_count,
           count(DISTINCT coalesce(a.outlet, 'article:' || a.article_id)) AS outlet_count,
           list(factdb_citation(a.article_id, a.outlet, a.url, m.quote, m.char_start, m.char_end)
                ORDER BY a.article_id, m.char_start, m.char_end, m.mention_id) AS citations
    FROM entity_mentions AS m
    JOIN articles AS a ON a.article_id = m.article_id
    WHERE m.entity_id IS NOT NULL
    GROUP BY m.entity_id
)
SELECT t.kind, t.id, t.kind || ':' || t.id AS kind_id, t.fact, t.group_id AS group_key, t.corroboration_group, s.member_ids,
       s.article_count, s.outlet_count, s.citations
FROM targets AS t
LEFT JOIN mentions AS s ON t.kind = 'entity' AND s.entity_id = t.id
