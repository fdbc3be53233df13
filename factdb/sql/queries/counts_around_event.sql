-- name: counts_around_event
-- title: Counts before and after an event
-- description: Reported counts of one unit in the windows before and after an anchor event,
--   one row per distinct reported fact and period (identical facts from several articles
--   collapse into one row; different values or windows stay separate rows), each with
--   every citation. A count belongs to the event when it is anchored to it
--   (counts.anchor_event_id), or when it has no anchor but its window ends on the event's
--   first day or the day before, or starts on or after its last day (and not after the
--   article's publication), in an article that mentions the event. Rows are the fact
--   groups of the counts (counts.group_id: the same unit, qualifier, value, place and
--   window; a window that runs to its article's publication, "since March 3", is
--   grouped by its start, and window_end is then the latest publication). Period: before (window ends at or before the event),
--   after (window starts at or after it), during (window overlaps it); for an anchored
--   count without window dates, its stated relation to the event (before/until,
--   after/since, during); else unknown. Counts of different places stay apart.
-- params: event, unit
-- param event: Event id, or text matched case-insensitively against event labels
--   (substring) and event types (whole); the best-attested match (most articles) is used
-- param unit: Counted unit, singular or plural (e.g. attack), matched case-insensitively
--   against counts.unit
WITH anchor AS (
    SELECT e.event_id, e.label, e.date_start AS d0, coalesce(e.date_end, e.date_start) AS d1,
           CAST(NULL AS VARCHAR) AS no_event
    FROM events AS e
    WHERE e.event_id = $event
       OR (trim($event) <> '' AND (contains(lower(e.label), lower(trim($event)))
                                   OR lower(e.event_type) = lower(trim($event))))
    ORDER BY e.event_id = $event DESC, e.article_count DESC, e.mention_count DESC, e.event_id
    LIMIT 1
),
linked AS (
    -- counts anchored to the event; the join on its one id filters the scan of counts
    SELECT c.count_id, c.article_id, c.char_start, c.char_end, c.quote, c.unit, c.qualifier,
           c.value, c.value_low, c.value_high, c.window_start, c.window_end, c.place,
           c.window_relation, c.anchor_event_id, c.group_id, c.event_type
    FROM anchor AS n
    JOIN counts AS c ON c.anchor_event_id = n.event_id
    UNION ALL
    -- unanchored counts, in articles that mention the event, whose window ends on its
    -- first day or the day before, or starts on or after its last day (the end of such a
    -- window, the article's publication, is checked below)
    SELECT c.count_id, c.article_id, c.char_start, c.char_end, c.quote, c.unit, c.qualifier,
           c.value, c.value_low, c.value_high, c.window_start, c.window_end, c.place,
           c.window_relation, c.anchor_event_id, c.group_id, c.event_type
    FROM (SELECT unnest(ids) AS article_id
          FROM (SELECT list(DISTINCT m.article_id) AS ids
                FROM anchor AS e
                JOIN event_mentions AS m ON m.event_id = e.event_id)) AS mentioning
    JOIN counts AS c ON c.article_id = mentioning.article_id
    CROSS JOIN anchor AS n
    -- "IS NULL" written against a column so that it is not pushed into the scan of
    -- counts, which can then look a few articles up by index
    WHERE c.anchor_event_id IS NOT DISTINCT FROM n.no_event
      AND (c.window_end BETWEEN n.d0 - 1 AND n.d0 OR c.window_start >= n.d1)
),
matched AS (
    SELECT l.*, n.event_id, n.label, n.d0, a.outlet, a.url,
           -- "over 20 incidents" whose sentence names attacks is a count of attacks
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
    CROSS JOIN anchor AS n
    -- the counts' articles, looked up by a list of ids
    JOIN (SELECT article_id, outlet, url, published_on FROM articles
          WHERE article_id IN (SELECT unnest(ids)
                               FROM (SELECT list(DISTINCT article_id) AS ids FROM linked))) AS a
      ON a.article_id = l.article_id
    WHERE (lower(l.unit) IN (lower(trim($unit)), lower(trim($unit)) || 's',
                             lower(trim($unit)) || 'es')
           OR lower(trim($unit)) IN (lower(l.unit) || 's', lower(l.unit) || 'es')
           OR (lower(l.unit) IN ('incident', 'episode', 'occurrence', 'instance', 'event')
               AND lower(trim($unit)) IN (lower(l.event_type), lower(l.event_type) || 's',
                                          lower(l.event_type) || 'es')))
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
       unit, place, window_start, window_end, article_count, outlet_count, count_ids, citations
FROM facts
ORDER BY CASE period WHEN 'before' THEN 0 WHEN 'during' THEN 1 WHEN 'after' THEN 2 ELSE 3 END,
         window_start NULLS FIRST, window_end NULLS LAST, value, qualifier, place NULLS FIRST,
         unit, count_ids[1]
