-- list: entity_keys, speaker_keys
-- The entities the text names (factdb_entity_lookup's best rank, read from
-- answers_entity_lookup by factdb_best_entities, as entity_profile.keys.sql does) and the
-- speaker texts that are one of their names or aliases or contain the text as whole words
-- (answers_speaker_lookup), instead of matching every name, alias and speaker text against
-- a regular expression: one column per row, the other NULL. The read keeps the claims of either list.
WITH best AS (
    SELECT b.entity_id FROM factdb_best_entities($entity) AS b
),
names AS (
    SELECT l.text FROM answers_entity_lookup AS l
    WHERE l.match_rank IN (2, 3) AND l.entity_id IN (SELECT entity_id FROM best)
)
SELECT b.entity_id AS entity_keys, NULL AS speaker_keys FROM best AS b
UNION ALL
SELECT NULL, s.speaker FROM answers_speaker_lookup AS s
WHERE lower(trim($entity)) <> ''
  AND ((s.exact AND s.text IN (SELECT text FROM names))
       OR (NOT s.exact AND s.text = lower(trim($entity))))
