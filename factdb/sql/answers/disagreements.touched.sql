-- scope disagreements, disagreement_sides: disagreement_id IN (SELECT disagreement_id FROM answer_touched)
-- The disagreements that changed since the last build (new, gone, or other rows: the
-- resolver writes them again on every load, their ids made from what they are about), those
-- anchored to an event whose label, type or date changed, and those with evidence in an
-- article that changed (its citation's outlet, URL or sentence).
SELECT c.id AS disagreement_id FROM answer_changed AS c WHERE c.source = 'disagreement'
UNION
SELECT d.disagreement_id FROM disagreements AS d
JOIN answer_changed AS c ON c.source = 'event' AND c.label_changed AND c.id = d.anchor_event_id
UNION
SELECT s.disagreement_id FROM disagreement_sides AS s
WHERE s.article_id IN (SELECT id FROM answer_changed WHERE source = 'article')
