-- table: answers_entity_lookup
-- key: text, entity_id
-- order: text, match_rank, entity_id
-- index: text
-- factdb_entity_lookup as a table: per text that finds an entity, the entity and how well
-- it matches (1 its id, 2 its name, 3 an alias, 4 whole words of a name or alias); the
-- keys statements of entity_profile and claims_by_entity read the best rank of a text by
-- its index. Rank 4 holds every substring of a lowercased name or alias that starts and
-- ends at a word boundary in it (an ASCII letter, digit or _ on one side only, or the
-- text's edge, as the macro's regular expression '\b<text>\b' finds it): a name of k
-- boundaries gives k(k-1)/2 texts, less those with a space at an end (the text asked is
-- trimmed): factdb_word_runs (migration 032). Rebuilt whole on every build (no touched
-- file).
WITH texts AS (
    SELECT DISTINCT e.entity_id, lower(t.text) AS s
    FROM entities AS e, unnest(list_append(e.aliases, e.name)) AS t(text)
    WHERE t.text IS NOT NULL
)
SELECT e.entity_id AS text, e.entity_id, 1 AS match_rank FROM entities AS e
UNION
SELECT lower(e.name), e.entity_id, 2 FROM entities AS e WHERE e.name IS NOT NULL
UNION
SELECT lower(a.alias), e.entity_id, 3
FROM entities AS e, unnest(e.aliases) AS a(alias) WHERE a.alias IS NOT NULL
UNION
SELECT w.text, x.entity_id, 4
FROM texts AS x, unnest(factdb_word_runs(x.s)) AS w(text)
