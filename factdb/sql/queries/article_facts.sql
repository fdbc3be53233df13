-- name: article_facts
-- title: Every fact of one article
-- description: Every fact row of one article (entity mentions, dates, counts, claims,
--   event mentions) in text order, with its kind, id, what it states, its quote and
--   offsets, the sentence it is in and that sentence's role, and its citation.
-- params: article
-- param article: Article id, or the article's URL or source path (exact)
WITH art AS (
    -- three lookups rather than one OR, so that each can use an index
    SELECT article_id, outlet, url
    FROM (SELECT article_id, outlet, url, 0 AS pref FROM articles WHERE article_id = $article
          UNION ALL
          SELECT article_id, outlet, url, 1 FROM articles WHERE url = $article
          UNION ALL
          SELECT article_id, outlet, url, 1 FROM articles WHERE source_uri = $article)
    ORDER BY pref
    LIMIT 1
),
facts AS (
    SELECT 'entity' AS kind, m.mention_id AS id, m.entity_id AS ref_id,
           e.name || ' (' || e.entity_type || ')' AS fact,
           m.sentence_id, m.quote, m.char_start, m.char_end, m.extractor, m.confidence
    FROM entity_mentions AS m
    JOIN art ON art.article_id = m.article_id
    LEFT JOIN entities AS e ON e.entity_id = m.entity_id
    UNION ALL
    SELECT 'date', d.date_id, NULL,
           coalesce(CAST(d.value_start AS VARCHAR), 'unresolved')
           || CASE WHEN d.value_end <> d.value_start
                   THEN ' to ' || CAST(d.value_end AS VARCHAR) ELSE '' END
           || coalesce(' (' || d.granularity || ')', ''),
           d.sentence_id, d.quote, d.char_start, d.char_end, d.extractor, d.confidence
    FROM dates AS d
    JOIN art ON art.article_id = d.article_id
    UNION ALL
    SELECT 'count', c.count_id, c.anchor_event_id,
           factdb_count_label(c.qualifier, c.value, c.unit, c.place,
                              c.window_start, c.window_end),
           c.sentence_id, c.quote, c.char_start, c.char_end, c.extractor, c.confidence
    FROM counts AS c
    JOIN art ON art.article_id = c.article_id
    UNION ALL
    SELECT 'claim', c.claim_id, c.claim_group_id,
           coalesce(c.speaker, 'unknown speaker') || coalesce(' ' || c.cue, '') || ': '
           || coalesce(c.content, c.quote)
           || CASE WHEN c.is_direct_quote THEN ' (direct quote)' ELSE '' END,
           c.sentence_id, c.quote, c.char_start, c.char_end, c.extractor, c.confidence
    FROM claims AS c
    JOIN art ON art.article_id = c.article_id
    UNION ALL
    SELECT 'event', m.event_id, m.event_id,
           e.label || ' (' || e.event_type || ')',
           m.sentence_id, m.quote, m.char_start, m.char_end, m.extractor, m.confidence
    FROM event_mentions AS m
    JOIN art ON art.article_id = m.article_id
    LEFT JOIN events AS e ON e.event_id = m.event_id
)
SELECT f.kind, f.id, f.ref_id, f.fact, f.quote, f.char_start, f.char_end, f.sentence_id,
       s.role AS sentence_role, f.extractor, f.confidence,
       [factdb_citation(art.article_id, art.outlet, art.url,
                        f.quote, f.char_start, f.char_end)] AS citations
FROM facts AS f
CROSS JOIN art
LEFT JOIN sentences AS s ON s.sentence_id = f.sentence_id
ORDER BY f.char_start, f.char_end, f.kind, f.id
