-- The event the query is about, for a text that answers_counts_around_event_labels does
-- not hold (counts_around_event.keys.sql found no event): factdb_event_search (migration
-- 035: by id, else the best-attested event whose label contains the text or whose type is
-- the text; a scan of the events).
SELECT s.event_id AS event_key, lower(trim($unit)) AS unit_key
FROM factdb_event_search($event) AS s
