-- The event the query is about, for a text that answers_counts_around_event_labels does
-- not hold (counts_around_event.keys.sql found no event): by id, else the best-attested
-- event whose label contains the text or whose type is the text (a scan of the events). The parameter's expressions are computed once, in
-- a one-row subquery: a prepared statement evaluates lower(trim($event)) for every event
-- otherwise.
SELECT e.event_id AS event_key, w.unit AS unit_key
FROM events AS e,
     (SELECT $event AS raw, lower(trim($event)) AS t, lower(trim($unit)) AS unit) AS w
WHERE e.event_id = w.raw
   OR (w.t <> '' AND (contains(lower(e.label), w.t) OR lower(e.event_type) = w.t))
ORDER BY e.event_id = w.raw DESC, e.article_count DESC, e.mention_count DESC, e.event_id
LIMIT 1
