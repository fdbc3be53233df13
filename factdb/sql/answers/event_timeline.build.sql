-- table: answers_event_timeline
-- key: event_id
-- order: date_start NULLS LAST, date_end NULLS LAST, event_id
-- json: citations
-- index: event_id
-- Every event as factdb/sql/queries/event_timeline.sql gives it; the query filters by
-- type and dates.
WITH cited AS (
    SELECT m.event_id,
           list(factdb_citation(a.article_id, a.outlet, a.url, m.quote, m.char_start, m.char_end)
                ORDER BY a.article_id, m.char_start, m.char_end) AS citations
    FROM event_mentions AS m
    JOIN articles AS a ON a.article_id = m.article_id
    GROUP BY m.event_id
)
SELECT c.event_id, c.event_type, c.label, c.date_start, c.date_end,
       c.location_entity_id, l.name AS location, c.mention_count, c.article_count,
       coalesce(t.citations, []) AS citations
FROM events AS c
LEFT JOIN entities AS l ON l.entity_id = c.location_entity_id
LEFT JOIN cited AS t ON t.event_id = c.event_id
