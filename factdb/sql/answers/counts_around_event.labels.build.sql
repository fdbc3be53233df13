-- table: answers_counts_around_event_labels
-- key: text, exact
-- order: text, exact
-- index: text
-- The event counts_around_event.search.sql finds for the texts it is most often asked:
-- every event's id (exact: the text as given), and the trimmed, lowercased label and type
-- of every event, each with the event factdb_event_search (the search's macro, migration
-- 035) finds for it, run here once per text. counts_around_event.keys.sql reads it by one point read. A text that
-- is also an event's id, trimmed and lowercased, is left out (the search answers it: a
-- text asked then finds one row here at most). Rebuilt whole on every build (no touched
-- file): a text's event depends on every event's label and attestation.
WITH texts AS (
    SELECT DISTINCT lower(trim(t.text)) AS t
    FROM events AS e, unnest([e.label, e.event_type]) AS t(text)
    WHERE lower(trim(t.text)) <> ''
      AND lower(trim(t.text)) NOT IN (SELECT lower(trim(event_id)) FROM events)
)
SELECT e.event_id AS text, true AS exact, e.event_id FROM events AS e
UNION ALL
SELECT x.t, false, (SELECT s.event_id FROM factdb_event_search(x.t) AS s)
FROM texts AS x
