-- name: fact_citations
-- title: Every citation of one fact
-- description: The citations of one fact and of every row that reports the same fact:
--   an entity's mentions; an event's mentions; a count or a date with every member of its
--   fact group (fact_groups: the same count or date told by several articles); a claim
--   with every claim of its claim group. A row without a group stands alone. One row
--   (none if the id is unknown), with the article and outlet counts of the group.
-- params: kind, id
-- param kind: Kind of fact: entity, event, date, count or claim
-- param id: Id of the fact (entity_id, event_id, date_id, count_id or claim_id)
WITH k AS (
    SELECT CASE
               WHEN lower(trim($kind)) IN ('entity', 'event', 'date', 'count', 'claim')
                   THEN lower(trim($kind))
               ELSE error('kind must be one of entity, event, date, count, claim; got '''
                          || $kind || '''')
           END AS kind
),
target AS (
    SELECT 'entity' AS kind, e.entity_id AS id, e.name || ' (' || e.entity_type || ')' AS fact,
           NULL AS group_id
    FROM entities AS e WHERE e.entity_id = $id AND (SELECT kind FROM k) = 'entity'
    UNION ALL
    SELECT 'event', e.event_id,
           e.label || ' (' || e.event_type
           || coalesce(', ' || CAST(e.date_start AS VARCHAR), '') || ')', NULL
    FROM events AS e WHERE e.event_id = $id AND (SELECT kind FROM k) = 'event'
    UNION ALL
    SELECT 'date', d.date_id,
           coalesce(CAST(d.value_start AS VARCHAR), 'unresolved')
           || CASE WHEN d.value_end <> d.value_start
                   THEN ' to ' || CAST(d.value_end AS VARCHAR) ELSE '' END, d.group_id
    FROM dates AS d WHERE d.date_id = $id AND (SELECT kind FROM k) = 'date'
    UNION ALL
    SELECT 'count', c.count_id,
           factdb_count_label(c.qualifier, c.value, c.unit, c.place,
                              c.window_start, c.window_end), c.group_id
    FROM counts AS c WHERE c.count_id = $id AND (SELECT kind FROM k) = 'count'
    UNION ALL
    SELECT 'claim', c.claim_id,
           coalesce(c.speaker, 'unknown speaker') || ': ' || coalesce(c.content, c.quote),
           c.claim_group_id
    FROM claims AS c WHERE c.claim_id = $id AND (SELECT kind FROM k) = 'claim'
),
members AS (
    -- a grouped row brings its whole group (itself included); an ungrouped row only itself.
    -- Two equality lookups rather than one OR, so that each filters its table's scan.
    SELECT m.mention_id AS member_id, m.article_id, m.quote, m.char_start, m.char_end
    FROM entity_mentions AS m
    WHERE m.entity_id = $id AND (SELECT kind FROM k) = 'entity'
    UNION ALL
    SELECT NULL, m.article_id, m.quote, m.char_start, m.char_end
    FROM event_mentions AS m
    WHERE m.event_id = $id AND (SELECT kind FROM k) = 'event'
    UNION ALL
    SELECT d.date_id, d.article_id, d.quote, d.char_start, d.char_end
    FROM target AS t
    JOIN dates AS d ON d.group_id = t.group_id
    WHERE t.kind = 'date'
    UNION ALL
    SELECT d.date_id, d.article_id, d.quote, d.char_start, d.char_end
    FROM target AS t
    JOIN dates AS d ON d.date_id = t.id
    WHERE t.kind = 'date' AND t.group_id IS NULL
    UNION ALL
    SELECT c.count_id, c.article_id, c.quote, c.char_start, c.char_end
    FROM target AS t
    JOIN counts AS c ON c.group_id = t.group_id
    WHERE t.kind = 'count'
    UNION ALL
    SELECT c.count_id, c.article_id, c.quote, c.char_start, c.char_end
    FROM target AS t
    JOIN counts AS c ON c.count_id = t.id
    WHERE t.kind = 'count' AND t.group_id IS NULL
    UNION ALL
    SELECT c.claim_id, c.article_id, c.quote, c.char_start, c.char_end
    FROM target AS t
    JOIN claims AS c ON c.claim_group_id = t.group_id
    WHERE t.kind = 'claim'
    UNION ALL
    SELECT c.claim_id, c.article_id, c.quote, c.char_start, c.char_end
    FROM target AS t
    JOIN claims AS c ON c.claim_id = t.id
    WHERE t.kind = 'claim' AND t.group_id IS NULL
),
cited AS (
    SELECT list(m.member_id ORDER BY m.article_id, m.char_start, m.char_end, m.member_id)
               FILTER (WHERE m.member_id IS NOT NULL) AS member_ids,
           count(DISTINCT m.article_id) AS article_count,
           count(DISTINCT coalesce(a.outlet, 'article:' || a.article_id)) AS outlet_count,
           list(factdb_citation(a.article_id, a.outlet, a.url, m.quote, m.char_start, m.char_end)
                ORDER BY a.article_id, m.char_start, m.char_end, m.member_id) AS citations
    FROM members AS m
    -- the members' articles, looked up by a list of ids (a handful use the primary key)
    JOIN (SELECT article_id, outlet, url FROM articles
          WHERE article_id IN (SELECT unnest(ids)
                               FROM (SELECT list(DISTINCT article_id) AS ids FROM members))) AS a
      ON a.article_id = m.article_id
)
SELECT t.kind, t.id, t.fact, t.group_id, coalesce(c.member_ids, []) AS member_ids,
       c.article_count, c.outlet_count, coalesce(c.citations, []) AS citations
FROM target AS t
CROSS JOIN cited AS c
