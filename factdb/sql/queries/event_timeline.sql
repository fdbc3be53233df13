-- name: event_timeline
-- title: Timeline of events
-- description: Events in date order (undated events last) with their label, dates,
--   location, how many times and in how many articles they are mentioned, the number of
--   their mentions' citations and a preview of them: at most 10, the first mention of each
--   article first, then the others, each in the citation order (every citation:
--   fact_citations with kind event and the event's id). Filters are optional; an event is kept by a date range when its
--   dates overlap the range (undated events are then left out).
-- params: type, from, to
-- param type: Event type to keep, case-insensitive (e.g. election); empty keeps every type
--   (default: )
-- param from: Keep events that end on or after this date, YYYY-MM-DD; empty for no lower
--   bound (default: )
-- param to: Keep events that start on or before this date, YYYY-MM-DD; empty for no upper
--   bound (default: )
WITH filters AS (
    SELECT lower(trim($type)) AS event_type,
           CAST(nullif(trim($from), '') AS DATE) AS d_from,
           CAST(nullif(trim($to), '') AS DATE) AS d_to
),
chosen AS (
    SELECT e.*
    FROM events AS e, filters AS f
    WHERE (f.event_type = '' OR lower(e.event_type) = f.event_type)
      AND (f.d_from IS NULL OR coalesce(e.date_end, e.date_start) >= f.d_from)
      AND (f.d_to IS NULL OR e.date_start <= f.d_to)
),
mentions AS (
    -- nth: the mention's place among its event's mentions in its article (1: the first)
    SELECT m.event_id, m.article_id, m.quote, m.char_start, m.char_end,
           row_number() OVER (PARTITION BY m.event_id, m.article_id
                              ORDER BY m.char_start, m.char_end) AS nth
    FROM event_mentions AS m
    JOIN chosen AS c ON c.event_id = m.event_id
),
placed AS (
    -- shown: the mention's place in the preview, the first of each article first
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
    -- the mentions' articles, looked up by a list of ids rather than by hashing every article
    JOIN (SELECT article_id, outlet, url FROM articles
          WHERE article_id IN (SELECT unnest(ids)
                               FROM (SELECT list(DISTINCT article_id) AS ids FROM mentions))) AS a
      ON a.article_id = m.article_id
    GROUP BY m.event_id
)
SELECT c.event_id, c.event_type, c.label, c.date_start, c.date_end,
       c.location_entity_id, l.name AS location, c.mention_count, c.article_count,
       coalesce(t.citation_count, 0) AS citation_count, coalesce(t.citations, []) AS citations
FROM chosen AS c
LEFT JOIN entities AS l ON l.entity_id = c.location_entity_id
LEFT JOIN cited AS t ON t.event_id = c.event_id
ORDER BY c.date_start NULLS LAST, c.date_end NULLS LAST, c.event_id
