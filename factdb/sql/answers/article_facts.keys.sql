-- The article the query is about: by id, else by URL or source URI.
SELECT article_id AS article_key
FROM (SELECT article_id, 0 AS pref FROM articles WHERE article_id = $article
      UNION ALL
      SELECT article_id, 1 FROM articles WHERE url = $article
      UNION ALL
      SELECT article_id, 1 FROM articles WHERE source_uri = $article)
ORDER BY pref
LIMIT 1
