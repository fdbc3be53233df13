-- json: citations
WITH filters AS (
    SELECT lower(trim($type)) AS event_type,
           CAST(nullif(trim($from), '') AS DATE) AS d_from,
           CAST(nullif(trim($to), '') AS DATE) AS d_to
)
SELECT x.event_id, x.event_type, x.label, x.date_start, x.date_end, x.location_entity_id,
       x.location, x.mention_count, x.article_count, x.citations
FROM answers_event_timeline AS x, filters AS f
WHERE (f.event_type = '' OR lower(x.event_type) = f.event_type)
  AND (f.d_from IS NULL OR coalesce(x.date_end, x.date_start) >= f.d_from)
  AND (f.d_to IS NULL OR x.date_start <= f.d_to)
ORDER BY x.date_start NULLS LAST, x.date_end NULLS LAST, x.event_id
