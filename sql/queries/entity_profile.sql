-- name: entity_profile
-- title: Profile of an entity
-- description: An entity found by id, or by name or alias: exact (case-insensitive)
--   matches first, else whole-word matches inside a name or alias; when several entities
--   match equally well, each gets a row. Gives its type, aliases, mention and article
--   counts, the publication dates of the first and last articles that mention it, the
--   articles (up to 100) with their mention counts, and a sample of citations: the first
--   mention in each article (up to 100 articles), ordered by article.
-- params: entity
-- param entity: Entity id, or a name or alias (case-insensitive, e.g. a surname)
WITH q AS (
    SELECT $entity AS raw, lower(trim($entity)) AS t
),
candidates AS (
    SELECT e.*,
           CASE
               WHEN e.entity_id = q.raw THEN 1
               WHEN lower(e.name) = q.t THEN 2
               WHEN EXISTS (SELECT 1 FROM (SELECT unnest(e.aliases) AS alias) AS x
                            WHERE lower(x.alias) = q.t) THEN 3
               -- the pattern is written out (not a column) so that it is compiled once
               WHEN regexp_matches(lower(e.name),
                                   '\b' || regexp_escape(lower(trim($entity))) || '\b')
                    OR EXISTS (SELECT 1 FROM (SELECT unnest(e.aliases) AS alias) AS x
                               WHERE regexp_matches(lower(x.alias), '\b'
                                     || regexp_escape(lower(trim($entity))) || '\b')) THEN 4
           END AS match_rank
    FROM entities AS e, q
    WHERE q.t <> ''
),
best AS (
    SELECT * FROM candidates
    WHERE match_rank = (SELECT min(match_rank) FROM candidates)
),
mentions AS (
    SELECT m.entity_id, m.article_id, m.quote, m.char_start, m.char_end,
           a.outlet, a.url, a.title, a.published_on
    FROM entity_mentions AS m
    JOIN best AS b ON b.entity_id = m.entity_id
    JOIN articles AS a ON a.article_id = m.article_id
),
per_article AS (
    SELECT entity_id, article_id, outlet, url, title, published_on,
           count(*) AS mentions,
           arg_min(struct_pack(article_id := article_id, outlet := outlet, url := url,
                               quote := quote, char_start := char_start,
                               char_end := char_end), char_start) AS first_citation
    FROM mentions
    GROUP BY ALL
),
profile AS (
    SELECT entity_id,
           min(published_on) AS first_mentioned_on,
           max(published_on) AS last_mentioned_on,
           list(struct_pack(article_id := article_id, outlet := outlet, title := title,
                            published_on := published_on, mentions := mentions)
                ORDER BY article_id)[1:100] AS articles,
           list(first_citation ORDER BY article_id)[1:100] AS citations
    FROM per_article
    GROUP BY entity_id
)
SELECT b.entity_id, b.name, b.entity_type, b.aliases, b.mention_count, b.article_count,
       p.first_mentioned_on, p.last_mentioned_on,
       coalesce(p.articles, []) AS articles, coalesce(p.citations, []) AS citations
FROM best AS b
LEFT JOIN profile AS p ON p.entity_id = b.entity_id
ORDER BY b.article_count DESC, b.mention_count DESC, b.entity_id
