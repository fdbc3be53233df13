-- table: answers_claims_by_entity_texts
-- key: text, exact
-- order: text, exact
-- index: text
-- after: entity_profile.lookup
-- The parts of claims_by_entity's answer (answers_claims_by_entity_docs, built just before
-- it) for every text that finds an entity: factdb_claims_by_entity_parts (migration 038),
-- which reads answers_entity_lookup (built by entity_profile.lookup: after it, as the
-- header says) and answers_speaker_lookup; [NULL] for a text whose answer has no claim.
-- claims_by_entity.keys.sql reads the parts of the text asked by one point read. Rebuilt
-- whole on every build (no touched file): a list of keys per text, no claim's row.
SELECT p.text, p.exact, list(p.pair_key ORDER BY p.pair_key) AS pair_keys
FROM factdb_claims_by_entity_parts() AS p
GROUP BY p.text, p.exact
