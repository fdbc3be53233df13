-- table: answers_claims_by_entity
-- key: claim_id
-- order: speaker_entity_id, published_on NULLS LAST, article_id, char_start
-- json: citations
-- Every claim as a row of factdb/sql/queries/claims_by_entity.sql (its group's article
-- count, its speaker's name, its citation), with its offset (char_start) for the order;
-- the query picks the claims of the entity and of the speaker texts that name it.
WITH groups AS (
    SELECT claim_group_id, count(DISTINCT article_id) AS group_article_count
    FROM claims
    WHERE claim_group_id IS NOT NULL
    GROUP BY claim_group_id
)
SELECT c.claim_id, c.speaker, c.speaker_entity_id, s.name AS speaker_name, c.speaker_kind,
       c.cue, c.content, c.is_direct_quote, c.hedge, c.is_relayed, c.original_source,
       c.claim_group_id, coalesce(g.group_article_count, 1) AS group_article_count,
       cg.independent_source_count AS group_independent_sources,
       c.article_id, a.outlet, a.published_on, c.quote,
       [factdb_citation(a.article_id, a.outlet, a.url,
                        c.quote, c.char_start, c.char_end)] AS citations,
       c.char_start
FROM claims AS c
JOIN articles AS a ON a.article_id = c.article_id
LEFT JOIN entities AS s ON s.entity_id = c.speaker_entity_id
LEFT JOIN groups AS g ON g.claim_group_id = c.claim_group_id
LEFT JOIN claim_groups AS cg ON cg.claim_group_id = c.claim_group_id
