-- scope answers_entity_lookup: text IN (SELECT text FROM answer_touched)
-- scope answers_entity_profile: entity_id IN (SELECT l.entity_id FROM stored.answers_entity_lookup AS l WHERE l.text IN (SELECT text FROM answer_touched))
-- The texts whose entities differ from those their stored document holds (new texts,
-- texts gone, texts that find other entities: factdb_text_entities over the whole lookup
-- table, no profile read), and the texts whose stored document holds an entity whose
-- profile this build rebuilt (answer_touched_entity_profile).
WITH now AS (
    SELECT b.text, b.exact, list(b.entity_id ORDER BY b.entity_id) AS entity_ids
    FROM factdb_text_entities() AS b
    GROUP BY b.text, b.exact
)
SELECT coalesce(n.text, o.text) AS text, coalesce(n.exact, o.exact) AS exact
FROM now AS n
FULL OUTER JOIN answers_entity_profile_texts AS o ON o.text = n.text AND o.exact = n.exact
WHERE n.entity_ids IS DISTINCT FROM o.entity_ids
UNION
SELECT o.text, o.exact FROM answers_entity_profile_texts AS o
WHERE list_has_any(o.entity_ids, (SELECT list(entity_id) FROM answer_touched_entity_profile))
