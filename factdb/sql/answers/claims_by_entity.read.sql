-- json: citations
-- The claims of the entities and speaker texts of claims_by_entity.keys.sql: constant
-- lists, which DuckDB checks in the scan before it reads the other columns (a subquery
-- there made it read every row's columns, 14 ms at 20,000 articles against 1).
SELECT x.claim_id, x.speaker, x.speaker_entity_id, x.speaker_name, x.speaker_kind, x.cue,
       x.content, x.is_direct_quote, x.hedge, x.is_relayed, x.original_source,
       x.claim_group_id, x.group_article_count, x.group_independent_sources, x.article_id,
       x.outlet, x.published_on, x.quote, x.citations
FROM answers_claims_by_entity AS x
WHERE x.speaker_entity_id IN ($entity_keys) OR x.speaker IN ($speaker_keys)
ORDER BY x.published_on NULLS LAST, x.article_id, x.char_start, x.claim_id
