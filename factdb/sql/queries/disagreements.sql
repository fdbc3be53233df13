-- name: disagreements
-- title: Sources that disagree
-- description: Each disagreement the resolvers found (table disagreements): its type
--   (value, window, date, place or attribution), the kind of fact, what it is about, the
--   anchor event, and every side (position) with the articles and citations that support
--   it; citations lists the evidence of all sides, ordered by article.
-- params: event
-- param event: Keep disagreements about one event (its id, or text matched
--   case-insensitively against event labels and types) or whose subject contains the
--   text; empty keeps all (default: )
WITH wanted AS (
    SELECT trim($event) AS raw, lower(trim($event)) AS t
),
chosen AS (
    SELECT d.*, e.label AS event_label, e.date_start AS event_date
    FROM disagreements AS d
    LEFT JOIN events AS e ON e.event_id = d.anchor_event_id
    WHERE (SELECT t FROM wanted) = ''
       OR d.anchor_event_id = (SELECT raw FROM wanted)
       OR contains(lower(e.label), (SELECT t FROM wanted))
       OR lower(e.event_type) = (SELECT t FROM wanted)
       OR contains(lower(d.subject), (SELECT t FROM wanted))
),
evidence AS (
    SELECT s.disagreement_id, s.side, s.position, s.fact_id, s.article_id,
           factdb_citation(s.article_id, a.outlet, a.url,
                           s.quote, s.char_start, s.char_end) AS citation,
           s.char_start
    FROM (SELECT s.* FROM disagreement_sides AS s
          JOIN chosen AS c ON c.disagreement_id = s.disagreement_id) AS s
    -- the evidence's articles, looked up by a list of ids rather than by hashing every article
    LEFT JOIN (SELECT article_id, outlet, url FROM articles
               WHERE article_id IN (SELECT unnest(ids)
                                    FROM (SELECT list(DISTINCT s.article_id) AS ids
                                          FROM disagreement_sides AS s
                                          JOIN chosen AS c
                                            ON c.disagreement_id = s.disagreement_id))) AS a
      ON a.article_id = s.article_id
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
       c.article_count, p.sides, v.citations
FROM chosen AS c
JOIN per_disagreement AS p ON p.disagreement_id = c.disagreement_id
JOIN all_evidence AS v ON v.disagreement_id = c.disagreement_id
ORDER BY c.event_date NULLS LAST, c.anchor_event_id NULLS LAST, c.kind, c.disagreement_id
