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
WITH best AS (
    SELECT e.* FROM entities AS e
    WHERE e.entity_id IN (SELECT entity_id FROM factdb_entity_lookup($entity))
),
per_article AS (
    -- one row per article that mentions the entity, with its first mention
    SELECT m.entity_id, m.article_id, count(*) AS mentions,
           arg_min(struct_pack(quote := m.quote, char_start := m.char_start,
                               char_end := m.char_end), m.char_start) AS first_mention
    FROM entity_mentions AS m
    JOIN best AS b ON b.entity_id = m.entity_id
    GROUP BY m.entity_id, m.article_id
),
with_articles AS (
    SELECT p.entity_id, p.article_id, p.mentions, p.first_mention, a.outlet, a.url,
           a.title, a.published_on,
           row_number() OVER (PARTITION BY p.entity_id ORDER BY p.article_id) AS n
    FROM per_article AS p
    JOIN articles AS a ON a.article_id = p.article_id
),
profile AS (
    -- the lists keep the first 100 articles by id
    SELECT w.entity_id,
           min(w.published_on) AS first_mentioned_on,
           max(w.published_on) AS last_mentioned_on,
           list(struct_pack(article_id := w.article_id, outlet := w.outlet, title := w.title,
                            published_on := w.published_on, mentions := w.mentions)
                ORDER BY w.article_id) FILTER (WHERE w.n <= 100) AS articles,
           list(factdb_citation(w.article_id, w.outlet, w.url, w.first_mention.quote,
                                w.first_mention.char_start, w.first_mention.char_end)
                ORDER BY w.article_id) FILTER (WHERE w.n <= 100) AS citations
    FROM with_articles AS w
    GROUP BY w.entity_id
)
SELECT b.entity_id, b.name, b.entity_type, b.aliases, b.mention_count, b.article_count,
       p.first_mentioned_on, p.last_mentioned_on,
       coalesce(p.articles, []) AS articles, coalesce(p.citations, []) AS citations
FROM best AS b
LEFT JOIN profile AS p ON p.entity_id = b.entity_id
ORDER BY b.article_count DESC, b.mention_count DESC, b.entity_id
