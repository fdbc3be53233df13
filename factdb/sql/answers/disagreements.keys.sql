-- list: row_keys
-- The disagreements the filter keeps (factdb_disagreement_kept, migration 038), found on
-- the table's small columns (the ids, labels, types and subjects: a scan that reads no
-- list); the read fetches their rows by index.
WITH wanted AS (
    SELECT trim($event) AS raw, lower(trim($event)) AS t
)
SELECT x.disagreement_id AS row_keys
FROM answers_disagreements AS x, wanted AS w
WHERE factdb_disagreement_kept(w.raw, w.t, x.event_id, x.event_label, x.event_type,
                               x.subject)
