-- scope answers_entity_lookup: entity_id IN (SELECT l.entity_id FROM stored.answers_entity_lookup AS l WHERE l.text IN (SELECT text FROM answer_touched))
-- The texts whose claims differ from those their stored document holds (new texts, texts
-- gone, texts that find other entities or speaker texts, claims that now name or no
-- longer name the entity), and the texts whose stored document holds a claim whose row
-- of answers_claims_by_entity this build rebuilt (answer_touched_claims_by_entity). The
-- scope keeps the lookup rows of the entities the touched texts name (their names, for
-- the speaker texts; the other texts of those entities are built and left out).
WITH now AS (
    SELECT m.text, m.exact,
           coalesce(list(m.claim_id ORDER BY m.claim_id)
                    FILTER (WHERE m.claim_id IS NOT NULL), []) AS claim_ids
    FROM factdb_claims_by_entity_members() AS m
    GROUP BY m.text, m.exact
)
SELECT coalesce(n.text, o.text) AS text, coalesce(n.exact, o.exact) AS exact
FROM now AS n
FULL OUTER JOIN answers_claims_by_entity_texts AS o ON o.text = n.text AND o.exact = n.exact
WHERE n.claim_ids IS DISTINCT FROM o.claim_ids
UNION
SELECT o.text, o.exact FROM answers_claims_by_entity_texts AS o
WHERE list_has_any(o.claim_ids,
                   (SELECT list(claim_id) FROM answer_touched_claims_by_entity))
