-- scope answers_event_timeline: list_has_any(factdb_event_buckets(event_type, date_start, date_end), (SELECT list(bucket) FROM answer_touched))
-- The documents of the events answers_event_timeline rebuilt (answer_touched_event_timeline):
-- those each is in now, and those whose stored document holds it (its type or dates before,
-- or an event no longer stored).
WITH touched AS (SELECT event_id FROM answer_touched_event_timeline)
SELECT b.bucket
FROM answers_event_timeline AS x,
     unnest(factdb_event_buckets(x.event_type, x.date_start, x.date_end)) AS b(bucket)
WHERE x.event_id IN (SELECT event_id FROM touched) AND b.bucket IS NOT NULL
UNION
SELECT d.bucket FROM answers_event_timeline_docs AS d
WHERE list_has_any(d.event_ids, (SELECT list(event_id) FROM touched))
