-- table: answers_claims_by_entity_texts
-- key: text, exact
-- order: text, exact
-- json: document
-- index: text
-- after: entity_profile.lookup
-- The parts of claims_by_entity's answer (answers_claims_by_entity_docs, built just before
-- it) for every text that finds an entity: factdb_claims_by_entity_parts (migration 038),
-- which reads answers_entity_lookup (built by entity_profile.lookup: after it, as the
-- header says) and answers_speaker_lookup; [NULL] for a text whose answer has no claim.
-- claims_by_entity.keys.sql reads the parts of the text asked by one point read. An entity
-- id whose answer is one part also holds that part's document (document, migration 040):
-- the keys statement then gives the answer itself, one statement instead of two (each
-- claim is stored once more at most: a part's claims have one speaker entity). Rebuilt
-- whole on every build (no touched file).
WITH texts AS (
    SELECT p.text, p.exact, list(p.pair_key ORDER BY p.pair_key) AS pair_keys
    FROM factdb_claims_by_entity_parts() AS p
    GROUP BY p.text, p.exact
)
SELECT t.text, t.exact, t.pair_keys, CAST(d.rows AS JSON) AS document
FROM texts AS t
LEFT JOIN answers_claims_by_entity_docs AS d
       ON d.pair_key = CASE WHEN t.exact AND len(t.pair_keys) = 1 THEN t.pair_keys[1] END
