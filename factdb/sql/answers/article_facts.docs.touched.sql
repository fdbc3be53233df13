-- scope answers_article_facts: article_id IN (SELECT article_id FROM answer_touched)
-- The articles whose rows of answers_article_facts this build rebuilt.
SELECT article_id FROM answer_touched_article_facts
