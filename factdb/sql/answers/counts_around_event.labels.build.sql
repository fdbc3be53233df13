-- table: answers_counts_around_event_labels
-- key: text, exact
-- order: text, exact
-- index: text
-- The event counts_around_event.search.sql finds for the texts it is most often asked:
-- every event's id (exact: the text as given), and the trimmed, lowercased label and type
-- of every event, each with the event the search ranks first for it (the best-attested
-- event whose label contains the text or whose type is the text: the same rule, run here
-- once per text). counts_around_event.keys.sql reads it by one point read. A text that
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
SELECT x.t, false, e.event_id
FROM texts AS x
JOIN events AS e ON contains(lower(e.label), x.t) OR lower(e.event_type) = x.t
QUALIFY row_number() OVER (PARTITION BY x.t ORDER BY e.article_count DESC,
                                                     e.mention_count DESC, e.event_id) = 1
