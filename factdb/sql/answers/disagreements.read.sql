-- json: sides, citations
WITH wanted AS (
    SELECT trim($event) AS raw, lower(trim($event)) AS t
)
SELECT x.disagreement_id, x.type, x.fact_kind, x.subject, x.event_id, x.event_label,
       x.event_date, x.side_count, x.article_count, x.sides, x.citations
FROM answers_disagreements AS x, wanted AS w
WHERE w.t = ''
   OR x.event_id = w.raw
   OR contains(lower(x.event_label), w.t)
   OR lower(x.event_type) = w.t
   OR contains(lower(x.subject), w.t)
ORDER BY x.event_date NULLS LAST, x.event_id NULLS LAST, x.type, x.disagreement_id
