-- The event the query is about, read from answers_counts_around_event_labels by one point
-- read through its index: by id (exact: the text as given), else the event stored for the
-- trimmed, lowercased text (a label or a type of an event); one row at most (the table
-- leaves out a text that could find both). Another text (a part of a label) finds no row
-- here, and counts_around_event.search.sql searches the events for it. The row's filter
-- is a CASE: as a plain condition beside the IN, DuckDB scanned the table.
SELECT k.event_id AS event_key, lower(trim($unit)) AS unit_key
FROM answers_counts_around_event_labels AS k
WHERE k.text IN ($event, lower(trim($event)))
  AND CASE WHEN k.exact THEN k.text = $event ELSE k.text = lower(trim($event)) END
