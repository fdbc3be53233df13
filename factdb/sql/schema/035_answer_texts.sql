-- 035_answer_texts: more named queries answer by point reads of stored answers, keyed by
-- the texts they are asked (docs/adr/0012, amendment of 2026-12-06). Built by the answers
-- resolver after the query's own table, rebuilt whole on every load; until the next load
-- builds them, the queries read their answer tables as before.

-- The event counts_around_event finds for a text: an event's id (exact) or the trimmed,
-- lowercased label or type of an event, with the event the query's search ranks first.
CREATE TABLE IF NOT EXISTS answers_counts_around_event_labels (
    text VARCHAR,          -- the text asked: an event id, or a trimmed lowercased label or type
    exact BOOLEAN,         -- the text is an event id (matched as given)
    event_id VARCHAR       -- events.event_id: the event the query answers about
);

-- entity_profile's whole answer for every text that finds an entity, one JSON document.
CREATE TABLE IF NOT EXISTS answers_entity_profile_texts (
    text VARCHAR,          -- the text asked: an entity id, or a trimmed lowercased name, alias or run of their words
    exact BOOLEAN,         -- the text is an entity id (matched as given)
    "rows" VARCHAR         -- JSON: the rows of entity_profile for the text
);

-- disagreements' whole answer for every event id a disagreement is anchored to.
CREATE TABLE IF NOT EXISTS answers_disagreements_docs (
    text VARCHAR,          -- the text asked: an event id
    "rows" VARCHAR         -- JSON: the rows of disagreements for the text
);

-- The event counts_around_event answers about for a text: by id, else the best-attested
-- event whose label contains the trimmed, lowercased text or whose type is it (nothing
-- for an empty text). Written once: counts_around_event.search.sql runs it for the text
-- asked, and the build of answers_counts_around_event_labels for every label and type.
-- The text's expressions are computed once, in a one-row subquery (a prepared statement
-- evaluated lower(trim($event)) for every event otherwise).
CREATE OR REPLACE MACRO factdb_event_search(asked) AS TABLE
    SELECT e.event_id
    FROM events AS e, (SELECT asked AS raw, lower(trim(asked)) AS t) AS w
    WHERE e.event_id = w.raw
       OR (w.t <> '' AND (contains(lower(e.label), w.t) OR lower(e.event_type) = w.t))
    ORDER BY e.event_id = w.raw DESC, e.article_count DESC, e.mention_count DESC, e.event_id
    LIMIT 1;
