-- json: citations
WITH q AS (
    SELECT lower(trim($entity)) AS t
),
best AS (
    SELECT e.entity_id, e.name, e.aliases FROM entities AS e
    WHERE e.entity_id IN (SELECT entity_id FROM factdb_entity_lookup($entity))
),
names AS (
    SELECT DISTINCT lower(n) AS n
    FROM (SELECT unnest(list_append(aliases, name)) AS n FROM best)
),
speakers AS (
    SELECT s.speaker
    FROM (SELECT DISTINCT speaker FROM answers_claims_by_entity) AS s, q
    WHERE q.t <> ''
      AND (lower(s.speaker) IN (SELECT n FROM names)
           OR (contains(lower(s.speaker), q.t)
               AND regexp_matches(lower(s.speaker),
                                  '\b' || regexp_escape(lower(trim($entity))) || '\b')))
)
SELECT x.claim_id, x.speaker, x.speaker_entity_id, x.speaker_name, x.speaker_kind, x.cue,
       x.content, x.is_direct_quote, x.hedge, x.is_relayed, x.original_source,
       x.claim_group_id, x.group_article_count, x.group_independent_sources, x.article_id,
       x.outlet, x.published_on, x.quote, x.citations
FROM answers_claims_by_entity AS x
WHERE x.speaker_entity_id IN (SELECT entity_id FROM best)
   OR x.speaker IN (SELECT speaker FROM speakers)
ORDER BY x.published_on NULLS LAST, x.article_id, x.char_start, x.claim_id
