-- table: answers_disagreements
-- key: disagreement_id
-- order: event_date NULLS LAST, event_id NULLS LAST, type, disagreement_id
-- json: sides, citations
-- index: disagreement_id
-- Every disagreement as factdb/sql/queries/disagreements.sql gives it, with its event's
-- type (event_type) for the query's filter.
WITH chosen AS (
    SELECT d.*, e.label AS event_label, e.date_start AS event_date, e.event_type
    FROM disagreements AS d
    LEFT JOIN events AS e ON e.event_id = d.anchor_event_id
),
evidence AS (
    SELECT s.disagreement_id, s.side, s.position, s.fact_id, s.article_id,
           factdb_citation(s.article_id, a.outlet, a.url,
                           s.quote, s.char_start, s.char_end) AS citation,
           s.char_start
    FROM disagreement_sides AS s
    JOIN chosen AS c ON c.disagreement_id = s.disagreement_id
    LEFT JOIN articles AS a ON a.article_id = s.article_id
),
sides AS (
    SELECT disagreement_id, side, position,
           count(DISTINCT article_id) AS article_count,
           list(fact_id ORDER BY article_id, char_start, fact_id) AS fact_ids,
           list(citation ORDER BY article_id, char_start, fact_id) AS citations
    FROM evidence
    GROUP BY disagreement_id, side, position
),
all_evidence AS (
    SELECT disagreement_id, list(citation ORDER BY article_id, char_start, side, fact_id) AS citations
    FROM evidence
    GROUP BY disagreement_id
),
per_disagreement AS (
    SELECT disagreement_id,
           list(struct_pack(side := side, "position" := position,
                            article_count := article_count, fact_ids := fact_ids,
                            citations := citations) ORDER BY side) AS sides
    FROM sides
    GROUP BY disagreement_id
)
SELECT c.disagreement_id, c.kind AS type, c.fact_kind, c.subject,
       c.anchor_event_id AS event_id, c.event_label, c.event_date, c.side_count,
       c.article_count, p.sides, v.citations, c.event_type
FROM chosen AS c
JOIN per_disagreement AS p ON p.disagreement_id = c.disagreement_id
JOIN all_evidence AS v ON v.disagreement_id = c.disagreement_id
