-- json: count_ids, citations
-- the event's rows through the index (a constant equality on event_id alone: a second
-- filter in the scan stops DuckDB from using the index), then the unit kept among them
WITH x AS MATERIALIZED (
    SELECT * FROM answers_counts_around_event WHERE event_id = $event_key
)
SELECT x.event_id, x.event_label, x.event_date, x.period, x.value, x.qualifier, x.value_low,
       x.value_high, x.unit, x.place, x.window_start, x.window_end, x.article_count,
       x.outlet_count, x.count_ids, x.citations
FROM x
WHERE x.unit IN ($unit_key, $unit_key || 's', $unit_key || 'es')
   OR $unit_key IN (x.unit || 's', x.unit || 'es')
ORDER BY x.period_rank, x.window_start NULLS FIRST, x.window_end NULLS LAST, x.value,
         x.qualifier, x.place NULLS FIRST, x.unit, x.first_count_id
