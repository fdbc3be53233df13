-- json: citations
SELECT x.kind, x.id, x.ref_id, x.fact, x.quote, x.char_start, x.char_end, x.sentence_id,
       x.sentence_role, x.extractor, x.confidence, x.citations
FROM answers_article_facts AS x
WHERE x.article_id = $article_key
ORDER BY x.char_start, x.char_end, x.kind, x.id
