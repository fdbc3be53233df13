-- fallback: read
-- The whole answer for the text asked, when it is one of the texts
-- answers_disagreements_docs holds (the event ids): one point read through the index.
SELECT d.rows FROM answers_disagreements_docs AS d WHERE d.text = $event
