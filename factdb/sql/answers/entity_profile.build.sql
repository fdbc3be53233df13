-- table: answers_entity_profile
-- key: entity_id
-- order: entity_id
-- index: entity_id
-- json: articles, citations
-- The profile of every entity (factdb/sql/queries/entity_profile.sql without its lookup).
WITH per_article AS (
    SELECT m.entity_id, m.article_id, count(*) AS mentions,
           arg_min(struct_pack(quote := m.quote, char_start := m.char_start,
                               char_end := m.char_end), m.char_start) AS first_mention
    FROM entity_mentions AS m
    WHERE m.entity_id IS NOT NULL
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
FROM entities AS b
LEFT JOIN profile AS p ON p.entity_id = b.entity_id
