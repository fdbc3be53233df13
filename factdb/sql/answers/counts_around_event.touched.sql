-- scope events: event_id IN (SELECT event_id FROM answer_touched)
-- The events (every unit of theirs) whose answer the changes since the last build can
-- reach: the events that changed (label, dates, mentions); the events the counts of the
-- changed articles are anchored to, or that those articles mention (their counts without
-- an event are linked through the mentions); and the events whose answer cites a count
-- of a changed article, or one no longer stored (its old anchor or mention).
WITH changed AS (SELECT id FROM answer_changed WHERE source = 'article'),
cited AS (
    SELECT x.event_id, unnest(CAST(json(x.count_ids) AS VARCHAR[])) AS count_id
    FROM answers_counts_around_event AS x
)
SELECT c.id AS event_id FROM answer_changed AS c WHERE c.source = 'event'
UNION
SELECT n.anchor_event_id FROM counts AS n
WHERE n.article_id IN (SELECT id FROM changed) AND n.anchor_event_id IS NOT NULL
UNION
SELECT m.event_id FROM event_mentions AS m WHERE m.article_id IN (SELECT id FROM changed)
UNION
SELECT o.event_id FROM cited AS o
WHERE o.count_id NOT IN (SELECT count_id FROM counts
                         WHERE article_id NOT IN (SELECT id FROM changed))
