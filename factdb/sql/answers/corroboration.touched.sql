-- scope claims: coalesce(claim_group_id, 'claim:' || claim_id) IN (SELECT group_key FROM answer_touched WHERE kind = 'claim')
-- scope counts: coalesce(group_id, 'count:' || count_id) IN (SELECT group_key FROM answer_touched WHERE kind = 'count')
-- scope dates: coalesce(group_id, 'date:' || date_id) IN (SELECT group_key FROM answer_touched WHERE kind = 'date')
-- scope event_mentions: event_id IN (SELECT group_key FROM answer_touched WHERE kind = 'event')
-- The groups of the facts of the articles that changed since the last build (their group
-- now, and the fact alone, which it was if it had no group); the fact groups, claim groups
-- and events that changed (a group that lost a member changed, or is gone); and the
-- groups of one fact whose fact is no longer stored. A group's answer reads its members
-- in every article.
WITH changed AS (SELECT id FROM answer_changed WHERE source = 'article')
SELECT 'claim' AS kind, coalesce(l.claim_group_id, 'claim:' || l.claim_id) AS group_key
FROM claims AS l WHERE l.article_id IN (SELECT id FROM changed)
UNION
SELECT 'claim', 'claim:' || l.claim_id FROM claims AS l
WHERE l.article_id IN (SELECT id FROM changed)
UNION
SELECT 'count', coalesce(n.group_id, 'count:' || n.count_id) FROM counts AS n
WHERE n.article_id IN (SELECT id FROM changed)
UNION
SELECT 'count', 'count:' || n.count_id FROM counts AS n
WHERE n.article_id IN (SELECT id FROM changed)
UNION
SELECT 'date', coalesce(d.group_id, 'date:' || d.date_id) FROM dates AS d
WHERE d.article_id IN (SELECT id FROM changed)
UNION
SELECT 'date', 'date:' || d.date_id FROM dates AS d
WHERE d.article_id IN (SELECT id FROM changed)
UNION
SELECT 'event', m.event_id FROM event_mentions AS m
WHERE m.article_id IN (SELECT id FROM changed)
UNION
SELECT k.kind, c.id
FROM answer_changed AS c, (VALUES ('count'), ('date')) AS k(kind)
WHERE c.source = 'fact_group'
UNION
SELECT 'claim', c.id FROM answer_changed AS c WHERE c.source = 'claim_group'
UNION
SELECT 'event', c.id FROM answer_changed AS c WHERE c.source = 'event'
UNION
SELECT x.kind, x.group_key FROM answers_corroboration AS x
WHERE (x.kind = 'claim' AND starts_with(x.group_key, 'claim:')
       AND x.group_key NOT IN (SELECT 'claim:' || claim_id FROM claims))
   OR (x.kind = 'count' AND starts_with(x.group_key, 'count:')
       AND x.group_key NOT IN (SELECT 'count:' || count_id FROM counts))
   OR (x.kind = 'date' AND starts_with(x.group_key, 'date:')
       AND x.group_key NOT IN (SELECT 'date:' || date_id FROM dates))
