-- json: citations
-- The answer from answers_claims_by_entity alone (a database whose documents are not
-- built yet): the claims of the entities the text names and of the speaker texts that
-- name them or contain the text as whole words (factdb_claim_speakers, as
-- claims_by_entity.search.sql).
WITH found AS MATERIALIZED (
    SELECT f.entity_id, f.speaker FROM factdb_claim_speakers($entity) AS f
)
SELECT x.claim_id, x.speaker, x.speaker_entity_id, x.speaker_name, x.speaker_kind, x.cue,
       x.content, x.is_direct_quote, x.hedge, x.is_relayed, x.original_source,
       x.claim_group_id, x.group_article_count, x.group_independent_sources, x.article_id,
       x.outlet, x.published_on, x.quote, x.citations
FROM answers_claims_by_entity AS x
WHERE x.speaker_entity_id IN (SELECT entity_id FROM found WHERE entity_id IS NOT NULL)
   OR x.speaker IN (SELECT speaker FROM found WHERE speaker IS NOT NULL)
ORDER BY x.published_on NULLS LAST, x.article_id, x.char_start, x.claim_id
