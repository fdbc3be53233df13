-- scope answers_disagreements: disagreement_id IN (SELECT x.disagreement_id FROM stored.answers_disagreements AS x, answer_touched AS t WHERE factdb_disagreement_kept(t.text, lower(t.text), x.event_id, x.event_label, x.event_type, x.subject))
-- The texts whose stored document holds a disagreement this build rebuilt or removed
-- (answer_touched_disagreements), the texts that keep a rebuilt one now (a text's
-- disagreements change only when some are rebuilt: the filter reads their own columns),
-- and the texts new or gone (an event id now anchored to a disagreement, or no longer).
-- The scope keeps the disagreements the touched texts keep (their own event's among them).
WITH touched AS (SELECT disagreement_id FROM answer_touched_disagreements),
rebuilt AS MATERIALIZED (
    -- the rebuilt rows first (joined to every text with the filter beside the key,
    -- DuckDB ran the filter on every pair: 0.7 to 1.3 s at 100,000 articles)
    SELECT x.* FROM answers_disagreements AS x
    WHERE x.disagreement_id IN (SELECT disagreement_id FROM touched)
),
asked AS (
    SELECT DISTINCT x.event_id AS text FROM answers_disagreements AS x
    WHERE x.event_id IS NOT NULL AND x.event_id = trim(x.event_id) AND x.event_id <> ''
)
SELECT o.text FROM answers_disagreements_docs AS o
WHERE list_has_any(o.disagreement_ids, (SELECT list(disagreement_id) FROM touched))
UNION
SELECT k.text
FROM asked AS k
JOIN rebuilt AS x
  ON factdb_disagreement_kept(k.text, lower(k.text), x.event_id, x.event_label, x.event_type,
                              x.subject)
UNION
SELECT coalesce(k.text, o.text)
FROM asked AS k
FULL OUTER JOIN answers_disagreements_docs AS o ON o.text = k.text
WHERE k.text IS NULL OR o.text IS NULL
