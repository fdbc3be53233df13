-- table: answers_counts_around_event_labels
-- key: text, exact
-- order: text, exact
-- index: text
-- The event counts_around_event.search.sql finds for the texts it is most often asked:
-- every event's id (exact: the text as given), and the trimmed, lowercased label and type
-- of every event, each with the event factdb_event_search (the search's macro, migration
-- 035) finds for it. The same rule, set-based: the macro run once per text read every
-- label for every text, a cost that grows with the square of the events (0.74 s of CPU at
-- 800 generated articles, 0.14 s this way, the same rows). The labels that contain a text
-- are found through the text's rarest trigram (a label holding the text holds each of its
-- trigrams), then checked with contains(); a text shorter than three characters is
-- checked against every label. counts_around_event.keys.sql reads it by one point read. A
-- text that is also an event's id, trimmed and lowercased, is left out (the search
-- answers it: a text asked then finds one row here at most). Rebuilt whole on every build
-- (no touched file): a text's event depends on every event's label and attestation.
WITH ev AS (
    SELECT event_id, lower(label) AS label, lower(event_type) AS etype, article_count,
           mention_count
    FROM events
),
texts AS (
    SELECT DISTINCT lower(trim(t.text)) AS t
    FROM events AS e, unnest([e.label, e.event_type]) AS t(text)
    WHERE lower(trim(t.text)) <> ''
      AND lower(trim(t.text)) NOT IN (SELECT lower(trim(event_id)) FROM events)
),
grams AS (  -- each label's distinct trigrams
    SELECT DISTINCT e.event_id, substr(e.label, r.i, 3) AS g
    FROM ev AS e, range(1, length(e.label) - 1) AS r(i)
    WHERE length(e.label) >= 3
),
gram_df AS (SELECT g, count(*) AS df FROM grams GROUP BY g),
text_grams AS (
    SELECT x.t, substr(x.t, r.i, 3) AS g
    FROM texts AS x, range(1, length(x.t) - 1) AS r(i)
    WHERE length(x.t) >= 3
),
text_gram AS (  -- each text's rarest trigram (one no label holds: the text matches none)
    SELECT tg.t, arg_min(tg.g, coalesce(d.df, 0)) AS g
    FROM text_grams AS tg LEFT JOIN gram_df AS d ON d.g = tg.g
    GROUP BY tg.t
),
hits AS (
    SELECT tg.t, e.* FROM text_gram AS tg JOIN grams AS gr ON gr.g = tg.g
    JOIN ev AS e ON e.event_id = gr.event_id
    WHERE contains(e.label, tg.t)
    UNION
    SELECT x.t, e.* FROM texts AS x JOIN ev AS e ON e.etype = x.t
    UNION
    SELECT x.t, e.* FROM texts AS x, ev AS e
    WHERE length(x.t) < 3 AND contains(e.label, x.t)
)
SELECT e.event_id AS text, true AS exact, e.event_id FROM events AS e
UNION ALL
SELECT x.t, false, (SELECT h.event_id FROM hits AS h WHERE h.t = x.t
                    ORDER BY h.article_count DESC, h.mention_count DESC, h.event_id LIMIT 1)
FROM texts AS x
