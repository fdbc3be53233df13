-- list: row_keys
-- The disagreements the filter keeps, found on the table's small columns (the ids, labels,
-- types and subjects: a scan that reads no list); the read fetches their rows by index.
WITH wanted AS (
    SELECT trim($event) AS raw, lower(trim($event)) AS t
)
SELECT x.disagreement_id AS row_keys
FROM answers_disagreements AS x, wanted AS w
WHERE w.t = ''
   OR x.event_id = w.raw
   OR contains(lower(x.event_label), w.t)
   OR lower(x.event_type) = w.t
   OR contains(lower(x.subject), w.t)
