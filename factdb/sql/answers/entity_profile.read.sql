-- json: articles, citations
-- unique: row_keys
SELECT x.entity_id, x.name, x.entity_type, x.aliases, x.mention_count, x.article_count,
       x.first_mentioned_on, x.last_mentioned_on, x.articles, x.citations
FROM answers_entity_profile AS x
WHERE x.entity_id IN ($row_keys)
ORDER BY x.article_count DESC, x.mention_count DESC, x.entity_id
