-- Fragments shared by the named queries (factdb/sql/queries/), written once as macros.
-- A macro is expanded where it is called, as if its text were written there, so a query
-- that calls one gives the same rows and plan as the text it replaces. The SQLite copy has
-- no macros: factdb.publish.transpile expands the calls of the canned queries from this file.

-- factdb_citation: one citation of a fact: the article, its outlet and URL, the exact quote
-- and its character offsets (articles.text[char_start:char_end] = quote).
CREATE OR REPLACE MACRO factdb_citation(article_id, outlet, url, quote, char_start, char_end) AS
    struct_pack(article_id := article_id, outlet := outlet, url := url, quote := quote,
                char_start := char_start, char_end := char_end);

-- factdb_count_label: what a count states, in words: qualifier (unless exact), value
-- (integral values without decimals), unit, place and window, e.g.
-- 'at least 12 attacks in X (2024-01-01 to 2024-01-31)'.
CREATE OR REPLACE MACRO factdb_count_label(qualifier, value, unit, place, window_start, window_end) AS
    CASE WHEN qualifier IS NULL OR qualifier IN ('exact', 'none') THEN ''
         ELSE replace(qualifier, '_', ' ') || ' ' END
    || CASE WHEN value = trunc(value) THEN CAST(CAST(value AS BIGINT) AS VARCHAR)
            ELSE coalesce(CAST(value AS VARCHAR), '?') END
    || coalesce(' ' || unit, '') || coalesce(' in ' || place, '')
    || CASE WHEN window_start IS NOT NULL AND window_end IS NOT NULL
            THEN ' (' || CAST(window_start AS VARCHAR) || ' to '
                 || CAST(window_end AS VARCHAR) || ')'
            WHEN window_start IS NOT NULL
            THEN ' (since ' || CAST(window_start AS VARCHAR) || ')'
            WHEN window_end IS NOT NULL
            THEN ' (until ' || CAST(window_end AS VARCHAR) || ')'
            ELSE '' END;

-- factdb_entity_lookup: the entity ids that best match a text: by id (1), exact name (2),
-- exact alias (3), else whole words of a name or alias (4), all case-insensitive; every
-- entity of the best rank that matches. No rows for an empty text.
CREATE OR REPLACE MACRO factdb_entity_lookup(wanted) AS TABLE
    WITH candidates AS (
        SELECT e.entity_id,
               CASE
                   WHEN e.entity_id = wanted THEN 1
                   WHEN lower(e.name) = lower(trim(wanted)) THEN 2
                   WHEN EXISTS (SELECT 1 FROM (SELECT unnest(e.aliases) AS alias) AS x
                                WHERE lower(x.alias) = lower(trim(wanted))) THEN 3
                   -- the pattern is an expression of the argument (not a column), so that
                   -- it is compiled once
                   WHEN regexp_matches(lower(e.name),
                                       '\b' || regexp_escape(lower(trim(wanted))) || '\b')
                        OR EXISTS (SELECT 1 FROM (SELECT unnest(e.aliases) AS alias) AS x
                                   WHERE regexp_matches(lower(x.alias), '\b'
                                         || regexp_escape(lower(trim(wanted))) || '\b')) THEN 4
               END AS match_rank
        FROM entities AS e
        WHERE lower(trim(wanted)) <> ''
    )
    SELECT entity_id FROM candidates
    WHERE match_rank = (SELECT min(match_rank) FROM candidates);
