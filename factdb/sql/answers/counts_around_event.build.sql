-- table: answers_counts_around_event
-- key: event_id, unit
-- order: event_id, unit, period_rank, window_start NULLS FIRST, window_end NULLS LAST, value, qualifier, place NULLS FIRST, first_count_id
-- json: count_ids, citations
-- index: event_id
-- The rows of factdb/sql/queries/counts_around_event.sql for every event and every
-- (lower-cased) unit of its counts; the query reads the event's rows of the units its
-- unit parameter matches.
WITH anchor AS (
    SELECT e.event_id, e.label, e.date_start AS d0, coalesce(e.date_end, e.date_start) AS d1
    FROM events AS e
),
linked AS (
    SELECT n.event_id AS for_event, c.count_id, c.article_id, c.char_start, c.char_end,
           c.quote, c.unit, c.qualifier, c.value, c.value_low, c.value_high, c.window_start,
           c.window_end, c.place, c.window_relation, c.anchor_event_id, c.group_id, c.event_type
    FROM anchor AS n
    JOIN counts AS c ON c.anchor_event_id = n.event_id
    UNION ALL
    SELECT n.event_id, c.count_id, c.article_id, c.char_start, c.char_end, c.quote, c.unit,
           c.qualifier, c.value, c.value_low, c.value_high, c.window_start, c.window_end,
           c.place, c.window_relation, c.anchor_event_id, c.group_id, c.event_type
    FROM (SELECT DISTINCT event_id, article_id FROM event_mentions) AS mentioning
    JOIN anchor AS n ON n.event_id = mentioning.event_id
    JOIN counts AS c ON c.article_id = mentioning.article_id
    WHERE c.anchor_event_id IS NULL
      AND (c.window_end BETWEEN n.d0 - 1 AND n.d0 OR c.window_start >= n.d1)
),
matched AS (
    SELECT l.*, n.event_id, n.label, n.d0, a.outlet, a.url,
           -- "over 20 incidents" whose sentence names attacks is a count of attacks
           -- (factdb.lang.numbers.GENERIC_EVENT_NOUNS)
           CASE WHEN lower(l.unit) IN ('incident', 'episode', 'occurrence', 'instance', 'event')
                     AND l.event_type IS NOT NULL
                THEN lower(l.event_type) ELSE lower(l.unit) END AS unit_key,
           CASE
               WHEN n.d0 IS NULL THEN 'unknown'
               WHEN l.window_start IS NULL AND l.window_end IS NULL THEN
                   CASE
                       WHEN l.anchor_event_id IS DISTINCT FROM n.event_id THEN 'unknown'
                       WHEN l.window_relation IN ('before', 'until') THEN 'before'
                       WHEN l.window_relation IN ('after', 'since') THEN 'after'
                       WHEN l.window_relation = 'during' THEN 'during'
                       ELSE 'unknown'
                   END
               WHEN l.window_end <= n.d0 AND (l.window_start IS NULL OR l.window_start < n.d0)
                   THEN 'before'
               WHEN l.window_start >= n.d1 AND (l.window_end IS NULL OR l.window_end > n.d1)
                   THEN 'after'
               ELSE 'during'
           END AS period
    FROM linked AS l
    JOIN anchor AS n ON n.event_id = l.for_event
    JOIN articles AS a ON a.article_id = l.article_id
    WHERE l.unit IS NOT NULL
      AND (l.anchor_event_id IS NOT NULL
           OR l.window_end BETWEEN n.d0 - 1 AND n.d0
           OR l.window_start <= coalesce(a.published_on, n.d1 + 1))
),
facts AS (
    SELECT m.event_id, m.label AS event_label, m.d0 AS event_date, m.period,
           m.unit_key AS unit, min(m.place) AS place, m.qualifier, m.value, m.value_low,
           m.value_high, m.window_start, max(m.window_end) AS window_end,
           count(DISTINCT m.article_id) AS article_count,
           count(DISTINCT coalesce(m.outlet, 'article:' || m.article_id)) AS outlet_count,
           list(m.count_id ORDER BY m.article_id, m.char_start, m.char_end, m.count_id) AS count_ids,
           list(factdb_citation(m.article_id, m.outlet, m.url, m.quote, m.char_start, m.char_end)
                ORDER BY m.article_id, m.char_start, m.char_end, m.count_id) AS citations
    FROM matched AS m
    GROUP BY m.event_id, m.label, m.d0, m.period, m.unit_key, m.qualifier, m.value,
             m.value_low, m.value_high, m.window_start,
             coalesce(m.group_id, 'count:' || m.count_id)
)
SELECT event_id, event_label, event_date, period, value, qualifier, value_low, value_high,
       unit, place, window_start, window_end, article_count, outlet_count, count_ids,
       citations,
       CASE period WHEN 'before' THEN 0 WHEN 'during' THEN 1 WHEN 'after' THEN 2 ELSE 3 END
           AS period_rank,
       count_ids[1] AS first_count_id
FROM facts
