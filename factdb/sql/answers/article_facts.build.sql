-- table: answers_article_facts
-- key: article_id
-- order: article_id, char_start, char_end, kind, id
-- json: citations
-- index: article_id
-- Every fact of every article (factdb/sql/queries/article_facts.sql without its article
-- filter), keyed by article_id.
WITH facts AS (
    SELECT m.article_id, 'entity' AS kind, m.mention_id AS id, m.entity_id AS ref_id,
           e.name || ' (' || e.entity_type || ')' AS fact,
           m.sentence_id, m.quote, m.char_start, m.char_end, m.extractor, m.confidence
    FROM entity_mentions AS m
    LEFT JOIN entities AS e ON e.entity_id = m.entity_id
    UNION ALL
    SELECT d.article_id, 'date', d.date_id, NULL,
           coalesce(CAST(d.value_start AS VARCHAR), 'unresolved')
           || CASE WHEN d.value_end <> d.value_start
                   THEN ' to ' || CAST(d.value_end AS VARCHAR) ELSE '' END
           || coalesce(' (' || d.granularity || ')', ''),
           d.sentence_id, d.quote, d.char_start, d.char_end, d.extractor, d.confidence
    FROM dates AS d
    UNION ALL
    SELECT c.article_id, 'count', c.count_id, c.anchor_event_id,
           factdb_count_label(c.qualifier, c.value, c.unit, c.place,
                              c.window_start, c.window_end),
           c.sentence_id, c.quote, c.char_start, c.char_end, c.extractor, c.confidence
    FROM counts AS c
    UNION ALL
    SELECT c.article_id, 'claim', c.claim_id, c.claim_group_id,
           coalesce(c.speaker, 'unknown speaker') || coalesce(' ' || c.cue, '') || ': '
           || coalesce(c.content, c.quote)
           || CASE WHEN c.is_direct_quote THEN ' (direct quote)' ELSE '' END,
           c.sentence_id, c.quote, c.char_start, c.char_end, c.extractor, c.confidence
    FROM claims AS c
    UNION ALL
    SELECT m.article_id, 'event', m.event_id, m.event_id,
           e.label || ' (' || e.event_type || ')',
           m.sentence_id, m.quote, m.char_start, m.char_end, m.extractor, m.confidence
    FROM event_mentions AS m
    LEFT JOIN events AS e ON e.event_id = m.event_id
)
SELECT f.article_id, f.kind, f.id, f.ref_id, f.fact, f.quote, f.char_start, f.char_end,
       f.sentence_id, s.role AS sentence_role, f.extractor, f.confidence,
       [factdb_citation(a.article_id, a.outlet, a.url,
                        f.quote, f.char_start, f.char_end)] AS citations
FROM facts AS f
JOIN articles AS a ON a.article_id = f.article_id
LEFT JOIN sentences AS s ON s.sentence_id = f.sentence_id
