-- table: answers_disagreements_docs
-- key: text
-- order: text
-- json: rows
-- index: text
-- The whole answer of disagreements for the texts it is most often asked, each as one
-- document (the rows of disagreements.read.sql, its columns in that order, in its order),
-- with the disagreements it holds (disagreement_ids, sorted: the touched file compares
-- them): every event id a disagreement is anchored to, with every disagreement the
-- query's filter keeps for that text (factdb_disagreement_kept, the rule of
-- disagreements.keys.sql, run here once per text: the event's own, and any whose label,
-- type or subject contains it). disagreements.document.sql reads the text asked by one
-- point read; another text (a label, a subject) has no document and reads
-- answers_disagreements as before (-- fallback: read). Built from answers_disagreements
-- (just before it: the build files run in name order).
WITH asked AS (
    SELECT DISTINCT x.event_id AS text FROM answers_disagreements AS x
    WHERE x.event_id IS NOT NULL AND x.event_id = trim(x.event_id) AND x.event_id <> ''
),
matched AS (
    -- the filter on the small columns only: the rows' JSON is joined to the matches after
    SELECT k.text, x.disagreement_id
    FROM asked AS k
    JOIN answers_disagreements AS x
      ON factdb_disagreement_kept(k.text, lower(k.text), x.event_id, x.event_label,
                                  x.event_type, x.subject)
),
rows AS (
    -- each row once, its stored JSON lists spliced in as they are (json() of them parsed
    -- and wrote them again)
    SELECT x.disagreement_id, x.event_date, x.event_id, x.type,
           rtrim(CAST(json_array(x.disagreement_id, x.type, x.fact_kind, x.subject,
                                 x.event_id, x.event_label, x.event_date, x.side_count,
                                 x.article_count) AS VARCHAR), ']')
           || ',' || x.sides || ',' || x.citations || ']' AS row
    FROM answers_disagreements AS x
)
SELECT m.text, list(m.disagreement_id ORDER BY m.disagreement_id) AS disagreement_ids,
       CAST('[' || string_agg(r.row, ',' ORDER BY r.event_date NULLS LAST,
                              r.event_id NULLS LAST, r.type, r.disagreement_id)
            || ']' AS JSON) AS rows
FROM matched AS m
JOIN rows AS r ON r.disagreement_id = m.disagreement_id
GROUP BY m.text
