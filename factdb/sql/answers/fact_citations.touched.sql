-- scope entities, entity_mentions: entity_id IN (SELECT id FROM answer_touched WHERE kind = 'entity')
-- scope events, event_mentions: event_id IN (SELECT id FROM answer_touched WHERE kind = 'event')
-- scope dates, counts, claims: article_id IN (SELECT id FROM answer_changed WHERE source = 'article')
-- The facts of the articles that changed since the last build; the entities that changed
-- or are mentioned in them (an entity's answer cites every mention, of every article);
-- the events that changed or are mentioned in them (an event names its group only when it
-- has mentions); and facts no longer stored (their rows are removed).
SELECT 'entity' AS kind, c.id FROM answer_changed AS c WHERE c.source = 'entity'
UNION
SELECT 'entity', m.entity_id
FROM entity_mentions AS m
JOIN answer_changed AS c ON c.source = 'article' AND c.id = m.article_id
WHERE m.entity_id IS NOT NULL
UNION
SELECT 'event', c.id FROM answer_changed AS c WHERE c.source = 'event'
UNION
SELECT 'event', m.event_id
FROM event_mentions AS m
JOIN answer_changed AS c ON c.source = 'article' AND c.id = m.article_id
UNION
SELECT 'date', d.date_id FROM dates AS d
WHERE d.article_id IN (SELECT id FROM answer_changed WHERE source = 'article')
UNION
SELECT 'count', n.count_id FROM counts AS n
WHERE n.article_id IN (SELECT id FROM answer_changed WHERE source = 'article')
UNION
SELECT 'claim', l.claim_id FROM claims AS l
WHERE l.article_id IN (SELECT id FROM answer_changed WHERE source = 'article')
UNION
SELECT x.kind, x.id FROM answers_fact_citations AS x
WHERE (x.kind = 'date' AND x.id NOT IN (SELECT date_id FROM dates))
   OR (x.kind = 'count' AND x.id NOT IN (SELECT count_id FROM counts))
   OR (x.kind = 'claim' AND x.id NOT IN (SELECT claim_id FROM claims))
