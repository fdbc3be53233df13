-- list: row_keys
-- The events the type and dates keep, found on the table's small columns (a scan that
-- reads no citation); the read fetches their rows by index.
WITH filters AS (
    SELECT lower(trim($type)) AS event_type,
           CAST(nullif(trim($from), '') AS DATE) AS d_from,
           CAST(nullif(trim($to), '') AS DATE) AS d_to
)
SELECT x.event_id AS row_keys
FROM answers_event_timeline AS x, filters AS f
WHERE (f.event_type = '' OR lower(x.event_type) = f.event_type)
  AND (f.d_from IS NULL OR coalesce(x.date_end, x.date_start) >= f.d_from)
  AND (f.d_to IS NULL OR x.date_start <= f.d_to)
