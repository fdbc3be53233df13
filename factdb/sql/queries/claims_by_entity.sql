-- name: claims_by_entity
-- title: Claims made by an entity
-- description: Claims whose speaker is the entity (found as in entity_profile: by id,
--   exact name or alias, else whole words of a name or alias), or whose speaker text is
--   one of its names or contains the given text as whole words (for speakers that were not
--   resolved to an entity). Each claim gives what was said (content), its reporting cue,
--   whether it is a direct quotation, hedged, or relayed from another reporter, its claim
--   group with how many articles and independent sources report it, and its citation (the
--   whole attributed statement). Ordered by publication date, one page at a time (limit
--   and offset); every row gives the number of the entity's claims (total_claims), so a
--   reader knows how many pages there are.
-- params: entity, limit, offset
-- param entity: Entity id, or a name or alias of the speaker (case-insensitive)
-- param limit: At most this many claims, 1 to 1000 (default: 50)
-- param offset: Skip this many claims first (the next page: offset + limit) (default: 0)
WITH q AS (
    SELECT $entity AS raw, lower(trim($entity)) AS t
),
opts AS (
    SELECT CASE
               WHEN CAST($limit AS INTEGER) BETWEEN 1 AND 1000 THEN CAST($limit AS INTEGER)
               ELSE error('limit must be from 1 to 1000; got ''' || $limit || '''')
           END AS page_size,
           CASE
               WHEN CAST($offset AS INTEGER) >= 0 THEN CAST($offset AS INTEGER)
               ELSE error('offset must be 0 or more; got ''' || $offset || '''')
           END AS skipped
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
    -- speaker texts that name the entity or contain the text as whole words, looked at
    -- once per distinct text
    SELECT s.speaker
    FROM (SELECT DISTINCT speaker FROM claims) AS s, q
    WHERE q.t <> ''
      AND (lower(s.speaker) IN (SELECT n FROM names)
           OR (contains(lower(s.speaker), q.t)
               AND regexp_matches(lower(s.speaker),
                                  '\b' || regexp_escape(lower(trim($entity))) || '\b')))
),
chosen AS (
    -- claims of the entity, and claims whose speaker text matches (UNION: each claim once)
    SELECT c.claim_id, c.speaker, c.speaker_entity_id, c.speaker_kind, c.cue, c.content,
           c.is_direct_quote, c.hedge, c.is_relayed, c.original_source, c.claim_group_id,
           c.article_id, c.quote, c.char_start, c.char_end
    FROM claims AS c
    JOIN best AS b ON b.entity_id = c.speaker_entity_id
    UNION
    SELECT c.claim_id, c.speaker, c.speaker_entity_id, c.speaker_kind, c.cue, c.content,
           c.is_direct_quote, c.hedge, c.is_relayed, c.original_source, c.claim_group_id,
           c.article_id, c.quote, c.char_start, c.char_end
    FROM claims AS c
    JOIN speakers AS s ON s.speaker = c.speaker
),
groups AS (
    SELECT claim_group_id, count(DISTINCT article_id) AS group_article_count
    FROM claims
    WHERE claim_group_id IN (SELECT claim_group_id FROM chosen)
    GROUP BY claim_group_id
),
ranked AS (
    SELECT c.*, a.outlet, a.published_on, a.url, count(*) OVER () AS total_claims,
           row_number() OVER (ORDER BY a.published_on NULLS LAST, c.article_id, c.char_start,
                                       c.claim_id) AS pos
    FROM chosen AS c
    JOIN articles AS a ON a.article_id = c.article_id
)
SELECT c.claim_id, c.speaker, c.speaker_entity_id, s.name AS speaker_name, c.speaker_kind,
       c.cue, c.content, c.is_direct_quote, c.hedge, c.is_relayed, c.original_source,
       c.claim_group_id, coalesce(g.group_article_count, 1) AS group_article_count,
       cg.independent_source_count AS group_independent_sources,
       c.article_id, c.outlet, c.published_on, c.quote,
       [factdb_citation(c.article_id, c.outlet, c.url,
                        c.quote, c.char_start, c.char_end)] AS citations,
       c.total_claims
FROM ranked AS c
CROSS JOIN opts AS o
LEFT JOIN entities AS s ON s.entity_id = c.speaker_entity_id
LEFT JOIN groups AS g ON g.claim_group_id = c.claim_group_id
LEFT JOIN claim_groups AS cg ON cg.claim_group_id = c.claim_group_id
WHERE c.pos > o.skipped AND c.pos <= o.skipped + o.page_size
ORDER BY c.pos
