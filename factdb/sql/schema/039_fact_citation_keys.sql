-- 039_fact_citation_keys: fact_citations answers by two bare point reads (docs/adr/0012,
-- amendment of issue 13's tenth round). Each fact's row of answers_fact_citations gets
-- its kind and id as one text, indexed: the keys statement finds the fact of the kind
-- asked by a point read on that column alone (the kind beside the id in the scan's filter
-- made DuckDB scan the table, and the LIMIT that kept it out cost a subquery).
ALTER TABLE answers_fact_citations ADD COLUMN IF NOT EXISTS kind_id VARCHAR;

-- event_timeline's answer in documents by event type and month (docs/adr/0012, tenth
-- round): the events of one lowercased type ('' for every type) whose dates touch one
-- month, as the query's rows in its order; and each type's whole answer. A type and a date
-- range read the documents of the range's months by one point read and keep the events
-- the query's filter keeps (factdb.documents), instead of a scan of the events'
-- columns and a fetch per event.
CREATE TABLE IF NOT EXISTS answers_event_timeline_docs (
    bucket VARCHAR,       -- '<type>|<YYYY-MM>', '|<YYYY-MM>' (every type) or '<type>|*' (every date)
    event_ids VARCHAR[],  -- events.event_id: its events, sorted (what the touched file reads)
    "rows" VARCHAR        -- JSON: its rows of event_timeline, in the query's order
);

-- The documents an event's row is in (factdb_event_buckets): its lowercased type and ''
-- (every type) with each month from its start to its end (its end when later; an undated
-- event is in none: a range keeps it never), and its type's '*' (every date). An event
-- a date range keeps starts on or before its end and ends on or after its start, so it
-- touches a month between the two dates (in either order).
CREATE OR REPLACE MACRO factdb_event_buckets(event_type, date_start, date_end) AS
    list_concat(
        flatten(list_transform(
            CASE WHEN date_start IS NULL THEN []
                 ELSE generate_series(date_trunc('month', date_start),
                                      date_trunc('month', greatest(date_start, date_end)),
                                      INTERVAL 1 MONTH) END,
            m -> [lower(event_type) || '|' || strftime(m, '%Y-%m'),
                  '|' || strftime(m, '%Y-%m')])),
        [lower(event_type) || '|*']);
