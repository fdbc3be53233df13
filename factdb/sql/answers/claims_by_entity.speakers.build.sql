-- table: answers_speaker_lookup
-- key: text, speaker
-- order: text, speaker
-- index: text
-- The speaker texts of the claims by what finds them in claims_by_entity: the whole
-- lowercased text (exact: a speaker text that is one of the entity's names or aliases)
-- and every run of whole words of it (a speaker text that contains the asked text as
-- whole words: the substrings that start and end at a word boundary, as the query's
-- regular expression '\b<text>\b' finds them; see entity_profile.lookup.build.sql).
-- Rebuilt whole on every build (no touched file).
WITH texts AS (
    SELECT DISTINCT c.speaker, lower(c.speaker) AS s
    FROM claims AS c
    WHERE c.speaker IS NOT NULL
),
bounds AS (
    SELECT x.speaker, x.s, r.i
    FROM texts AS x, range(0, length(x.s) + 1) AS r(i)
    WHERE (r.i > 0 AND regexp_full_match(substr(x.s, r.i, 1), '[0-9A-Za-z_]'))
          <> (r.i < length(x.s) AND regexp_full_match(substr(x.s, r.i + 1, 1), '[0-9A-Za-z_]'))
)
SELECT x.s AS text, x.speaker, true AS exact FROM texts AS x
UNION
SELECT w.text, w.speaker, false
FROM (SELECT substr(a.s, a.i + 1, b.i - a.i) AS text, a.speaker
      FROM bounds AS a
      JOIN bounds AS b ON b.speaker = a.speaker AND b.i > a.i) AS w
WHERE w.text = trim(w.text)
