-- table: answers_article_facts_docs
-- key: article_id
-- order: article_id
-- json: rows
-- index: article_id
-- Each article's whole answer as one document: the rows of article_facts.read.sql for the
-- article (its columns in that order, in that order), a JSON array of arrays, read by one
-- point read (article_facts.document.sql) instead of the rows of answers_article_facts.
-- Built from answers_article_facts (just before it: the build files run in name order),
-- the keys it rebuilt (article_facts.docs.touched.sql).
SELECT x.article_id,
       CAST('[' || string_agg(CAST(json_array(
           x.kind, x.id, x.ref_id, x.fact, x.quote, x.char_start, x.char_end, x.sentence_id,
           x.sentence_role, x.extractor, x.confidence, json(x.citations)) AS VARCHAR), ','
           ORDER BY x.char_start, x.char_end, x.kind, x.id) || ']' AS JSON) AS rows
FROM answers_article_facts AS x
GROUP BY x.article_id
