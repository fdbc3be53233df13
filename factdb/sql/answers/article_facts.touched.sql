-- scope articles, sentences, entity_mentions, dates, counts, claims, event_mentions: article_id IN (SELECT article_id FROM answer_touched)
-- The articles whose rows changed since the last build (new, or rewritten by a resolver:
-- an entity, event, group or anchor id of one of their facts), and the articles that
-- mention an entity or event whose name, label or type changed (their facts' labels).
-- An article's answer reads only its own rows (and the entities' and events' labels).
SELECT c.id AS article_id FROM answer_changed AS c WHERE c.source = 'article'
UNION
SELECT m.article_id
FROM entity_mentions AS m
JOIN answer_changed AS c ON c.source = 'entity' AND c.label_changed AND c.id = m.entity_id
UNION
SELECT m.article_id
FROM event_mentions AS m
JOIN answer_changed AS c ON c.source = 'event' AND c.label_changed AND c.id = m.event_id
