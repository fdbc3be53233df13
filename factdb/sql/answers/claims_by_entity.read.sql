-- json: citations
-- The answer from answers_claims_by_entity alone (a database whose documents are not
-- built yet): the claims of the entities the text names and of the speaker texts that
-- name them or contain the text as whole words (factdb_claim_speakers, as
-- claims_by_entity.search.sql); one page of them, with their number (total_claims), as
-- the query's limit and offset ask.
WITH opts AS (
    SELECT CASE
               WHEN CAST($limit AS INTEGER) BETWEEN 1 AND 1000 THEN CAST($limit AS INTEGER)
               ELSE error('limit must be from 1 to 1000; got ''' || $limit || '''')
           END AS page_size,
           CASE
               WHEN CAST($offset AS INTEGER) >= 0 THEN CAST($offset AS INTEGER)
               ELSE error('offset must be 0 or more; got ''' || $offset || '''')
           END AS skipped
),
found AS MATERIALIZED (
    SELECT f.entity_id, f.speaker FROM factdb_claim_speakers($entity) AS f
),
ranked AS (
    SELECT x.*, count(*) OVER () AS total_claims,
           row_number() OVER (ORDER BY x.published_on NULLS LAST, x.article_id, x.char_start,
                                       x.claim_id) AS pos
    FROM answers_claims_by_entity AS x
    WHERE x.speaker_entity_id IN (SELECT entity_id FROM found WHERE entity_id IS NOT NULL)
       OR x.speaker IN (SELECT speaker FROM found WHERE speaker IS NOT NULL)
)
SELECT x.claim_id, x.speaker, x.speaker_entity_id, x.speaker_name, x.speaker_kind, x.cue,
       x.content, x.is_direct_quote, x.hedge, x.is_relayed, x.original_source,
       x.claim_group_id, x.group_article_count, x.group_independent_sources, x.article_id,
       x.outlet, x.published_on, x.quote, x.citations, x.total_claims
FROM ranked AS x, opts AS o
WHERE x.pos > o.skipped AND x.pos <= o.skipped + o.page_size
ORDER BY x.pos
