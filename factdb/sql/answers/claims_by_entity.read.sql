-- json: citations
-- The answer from answers_claims_by_entity alone (a database whose documents are not
-- built yet): the claims of the entities the text names and of the speaker texts that
-- name them or contain the text as whole words (claims_by_entity.search.sql's rule).
WITH best AS (
    SELECT b.entity_id FROM factdb_best_entities($entity) AS b
),
names AS (
    SELECT l.text FROM answers_entity_lookup AS l
    WHERE l.match_rank IN (2, 3) AND l.entity_id IN (SELECT entity_id FROM best)
),
speakers AS (
    SELECT s.speaker FROM answers_speaker_lookup AS s
    WHERE lower(trim($entity)) <> ''
      AND ((s.exact AND s.text IN (SELECT text FROM names))
           OR (NOT s.exact AND s.text = lower(trim($entity))))
)
SELECT x.claim_id, x.speaker, x.speaker_entity_id, x.speaker_name, x.speaker_kind, x.cue,
       x.content, x.is_direct_quote, x.hedge, x.is_relayed, x.original_source,
       x.claim_group_id, x.group_article_count, x.group_independent_sources, x.article_id,
       x.outlet, x.published_on, x.quote, x.citations
FROM answers_claims_by_entity AS x
WHERE x.speaker_entity_id IN (SELECT entity_id FROM best)
   OR x.speaker IN (SELECT speaker FROM speakers)
ORDER BY x.published_on NULLS LAST, x.article_id, x.char_start, x.claim_id
