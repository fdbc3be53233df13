-- table: answers_speaker_lookup
-- key: text, speaker
-- order: text, speaker
-- index: text
-- The speaker texts of the claims by what finds them in claims_by_entity: the whole
-- lowercased text (exact: a speaker text that is one of the entity's names or aliases)
-- and every run of whole words of it (a speaker text that contains the asked text as
-- whole words: factdb_word_runs, the substrings that start and end at a word boundary,
-- as the query's regular expression '\b<text>\b' finds them, migration 032).
-- Rebuilt whole on every build (no touched file).
WITH texts AS (
    SELECT DISTINCT c.speaker, lower(c.speaker) AS s
    FROM claims AS c
    WHERE c.speaker IS NOT NULL
)
SELECT x.s AS text, x.speaker, true AS exact FROM texts AS x
UNION
SELECT w.text, x.speaker, false
FROM texts AS x, unnest(factdb_word_runs(x.s)) AS w(text)
