-- json: citations
-- unique: row_keys
SELECT x.event_id, x.event_type, x.label, x.date_start, x.date_end, x.location_entity_id,
       x.location, x.mention_count, x.article_count, x.citation_count, x.citations
FROM answers_event_timeline AS x
WHERE x.event_id IN ($row_keys)
ORDER BY x.date_start NULLS LAST, x.date_end NULLS LAST, x.event_id
