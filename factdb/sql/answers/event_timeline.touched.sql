-- scope events, event_mentions: event_id IN (SELECT event_id FROM answer_touched)
-- The events that changed since the last build (an event that lost or gained a mention
-- changed its counts), the events the changed articles mention, and the events whose
-- place's name changed.
SELECT c.id AS event_id FROM answer_changed AS c WHERE c.source = 'event'
UNION
SELECT m.event_id FROM event_mentions AS m
WHERE m.article_id IN (SELECT id FROM answer_changed WHERE source = 'article')
UNION
SELECT e.event_id FROM events AS e
JOIN answer_changed AS c ON c.source = 'entity' AND c.label_changed
                        AND c.id = e.location_entity_id
