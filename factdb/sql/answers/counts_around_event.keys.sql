-- The event the query is about: by id, else the best-attested event whose label contains
-- the text or whose type is the text.
SELECT e.event_id AS event_key, lower(trim($unit)) AS unit_key
FROM events AS e
WHERE e.event_id = $event
   OR (trim($event) <> '' AND (contains(lower(e.label), lower(trim($event)))
                               OR lower(e.event_type) = lower(trim($event))))
ORDER BY e.event_id = $event DESC, e.article_count DESC, e.mention_count DESC, e.event_id
LIMIT 1
