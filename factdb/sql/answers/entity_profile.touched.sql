-- scope entities, entity_mentions: entity_id IN (SELECT entity_id FROM answer_touched)
-- The entities that changed since the last build (an entity that lost or gained a
-- mention changed its counts, or is gone) and the entities the changed articles mention.
SELECT c.id AS entity_id FROM answer_changed AS c WHERE c.source = 'entity'
UNION
SELECT m.entity_id FROM entity_mentions AS m
WHERE m.article_id IN (SELECT id FROM answer_changed WHERE source = 'article')
  AND m.entity_id IS NOT NULL
