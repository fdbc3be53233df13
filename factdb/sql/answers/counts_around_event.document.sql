-- keep: unit singular_or_plural unit_key
-- The event's whole answer (answers_counts_around_event_docs), one point read through the
-- index, of the event counts_around_event.keys.sql (or .search.sql) resolved. The
-- document holds the rows of every unit; the rows kept are those of the units
-- counts_around_event.read.sql keeps (factdb.documents.KEEP_RULES: the same rule, in Python:
-- building the list of unit spellings here cost 0.6 ms).
SELECT d.rows, lower(trim($unit)) AS unit_key
FROM answers_counts_around_event_docs AS d
WHERE d.event_id = $event_key
