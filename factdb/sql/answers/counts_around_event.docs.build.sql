-- table: answers_counts_around_event_docs
-- key: event_id
-- order: event_id
-- json: rows
-- index: event_id
-- Each event's whole answer as one document, every unit: the rows of
-- counts_around_event.read.sql for the event (its columns in that order) in the read's
-- order, which does not depend on the unit asked for, so the rows of the units asked for
-- keep it (counts_around_event.document.sql keeps them). Built from
-- answers_counts_around_event, the keys it rebuilt (counts_around_event.docs.touched.sql).
SELECT x.event_id,
       CAST('[' || string_agg(CAST(json_array(
           x.event_id, x.event_label, x.event_date, x.period, x.value, x.qualifier,
           x.value_low, x.value_high, x.unit, x.place, x.window_start, x.window_end,
           x.article_count, x.outlet_count, json(x.count_ids), json(x.citations)) AS VARCHAR),
           ',' ORDER BY x.period_rank, x.window_start NULLS FIRST, x.window_end NULLS LAST,
           x.value, x.qualifier, x.place NULLS FIRST, x.unit, x.first_count_id) || ']' AS JSON)
           AS rows
FROM answers_counts_around_event AS x
GROUP BY x.event_id
