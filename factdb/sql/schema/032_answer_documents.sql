-- 032_answer_documents: the point queries read one stored document per key, and the
-- sentences of an article are found through an index (docs/adr/0012, sixth round).
-- A document holds a key's whole answer (the rows of the query's answer read for it, in
-- its order, as a JSON array of arrays): one prepared point read of one string instead of
-- a read of several rows and a sort (0.3 ms against 1.3 at 20,000 articles). Built from
-- the query's answer table by the answers resolver, the keys each load rebuilt. Until the
-- next load builds them, the queries read their answer tables as before.
CREATE TABLE IF NOT EXISTS answers_article_facts_docs (
    article_id VARCHAR,    -- answers_article_facts.article_id
    "rows" VARCHAR         -- JSON: the rows of article_facts for the article
);

CREATE TABLE IF NOT EXISTS answers_counts_around_event_docs (
    event_id VARCHAR,      -- answers_counts_around_event.event_id
    "rows" VARCHAR         -- JSON: the rows of counts_around_event for the event, every unit
);

-- The citation of one fact (factdb_citation) reads the sentences of its article that
-- overlap its quote: with an index on the article, a citation of one row (GET
-- /v1/counts/ID) is a point read instead of a scan of every sentence.
CREATE INDEX IF NOT EXISTS sentences_article ON sentences (article_id);

-- The entities a text names, as entity_profile and claims_by_entity resolve it (one
-- macro, not a copy in each keys statement): the best rank of answers_entity_lookup for
-- the text as given (an id, rank 1) or trimmed and lowercased (a name 2, an alias 3, whole
-- words of one 4); every entity of that rank. Nothing for an empty text.
CREATE OR REPLACE MACRO factdb_best_entities(asked) AS TABLE
    SELECT f.entity_id
    FROM answers_entity_lookup AS f
    WHERE f.text IN (asked, lower(trim(asked)))
      AND lower(trim(asked)) <> ''
      AND ((f.match_rank = 1 AND f.text = asked)
           OR (f.match_rank > 1 AND f.text = lower(trim(asked))))
    QUALIFY f.match_rank = min(f.match_rank) OVER ();

-- The word boundaries of a text: the offsets i (0 to its length) with an ASCII letter,
-- digit or _ on one side only (or the text's edge), as RE2's '\b' finds them.
CREATE OR REPLACE MACRO factdb_word_bounds(s) AS
    list_filter(range(0, length(s) + 1), i ->
        (i > 0 AND regexp_full_match(substr(s, i, 1), '[0-9A-Za-z_]'))
        <> (i < length(s) AND regexp_full_match(substr(s, i + 1, 1), '[0-9A-Za-z_]')));

-- Every run of whole words of a text: each substring that starts and ends at a word
-- boundary (the texts a regular expression '\b<text>\b' finds in it), less those with a
-- space at an end (a text asked for is trimmed). A text of k boundaries gives at most
-- k(k-1)/2. The lookup tables of entity names (answers_entity_lookup) and speaker texts
-- (answers_speaker_lookup) are built with it.
CREATE OR REPLACE MACRO factdb_word_runs(s) AS
    list_filter(flatten(list_transform(factdb_word_bounds(s), a ->
        list_transform(list_filter(factdb_word_bounds(s), b -> b > a), b ->
            substr(s, a + 1, b - a)))), w -> w = trim(w));
