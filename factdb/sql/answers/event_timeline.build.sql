-- table: answers_event_timeline
-- key: event_id
-- order: date_start NULLS LAST, date_end NULLS LAST, event_id
-- json: citations
-- index: event_id
-- Every event as factdb/sql/queries/event_timeline.sql gives it (the preview of its
-- citations: at most 10, the first mention of each article first); the query filters by
-- type and dates.
WITH mentions AS (
    SELECT m.event_id, m.article_id, m.quote, m.char_start, m.char_end,
           row_number() OVER (PARTITION BY m.event_id, m.article_id
                              ORDER BY m.char_start, m.char_end) AS nth
    FROM event_mentions AS m
),
placed AS (
    SELECT m.*, row_number() OVER (PARTITION BY m.event_id
                                   ORDER BY m.nth > 1, m.article_id, m.char_start,
                                            m.char_end) AS shown
    FROM mentions AS m
),
cited AS (
    SELECT m.event_id, count(*) AS citation_count,
           list(factdb_citation(a.article_id, a.outlet, a.url, m.quote, m.char_start, m.char_end)
                ORDER BY m.shown) FILTER (WHERE m.shown <= 10) AS citations
    FROM placed AS m
    JOIN articles AS a ON a.article_id = m.article_id
    GROUP BY m.event_id
)
SELECT c.event_id, c.event_type, c.label, c.date_start, c.date_end,
       c.location_entity_id, l.name AS location, c.mention_count, c.article_count,
       coalesce(t.citation_count, 0) AS citation_count, coalesce(t.citations, []) AS citations
FROM events AS c
LEFT JOIN entities AS l ON l.entity_id = c.location_entity_id
LEFT JOIN cited AS t ON t.event_id = c.event_id
