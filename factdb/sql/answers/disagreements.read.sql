-- json: sides, citations
-- unique: row_keys
SELECT x.disagreement_id, x.type, x.fact_kind, x.subject, x.event_id, x.event_label,
       x.event_date, x.side_count, x.article_count, x.sides, x.citations
FROM answers_disagreements AS x
WHERE x.disagreement_id IN ($row_keys)
ORDER BY x.event_date NULLS LAST, x.event_id NULLS LAST, x.type, x.disagreement_id
