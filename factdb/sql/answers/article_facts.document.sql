-- direct: article_key = article
-- The article's whole answer (answers_article_facts_docs), one point read through the
-- index; tried first with the parameter as the article id (the keys statement ranks an id
-- first), so a request by id is this one statement.
SELECT d.rows FROM answers_article_facts_docs AS d WHERE d.article_id = $article_key
