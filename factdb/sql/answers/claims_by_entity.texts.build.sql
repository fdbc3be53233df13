-- table: answers_claims_by_entity_texts
-- key: text, exact
-- order: text, exact
-- json: rows
-- index: text
-- after: entity_profile.lookup
-- The whole answer of claims_by_entity for every text that finds an entity, as one
-- document (the rows of claims_by_entity.read.sql, its columns in that order, in its
-- order), with the claims it holds (claim_ids, sorted: the touched file compares them):
-- the texts and claims of factdb_claims_by_entity_members (migration 038), which reads
-- answers_entity_lookup (built by entity_profile.lookup: after it, as the header says)
-- and answers_speaker_lookup. claims_by_entity.document.sql reads the document of the
-- text asked by one point read; a text without one (no entity found, or left out as
-- answers_entity_profile_texts leaves it out) reads the answer table as before. Each
-- claim's row is made after the join (only the claims of the texts built), its stored
-- citations spliced in as they are.
SELECT m.text, m.exact,
       coalesce(list(m.claim_id ORDER BY m.claim_id) FILTER (WHERE m.claim_id IS NOT NULL),
                []) AS claim_ids,
       CAST(coalesce('[' || string_agg(
           rtrim(CAST(json_array(x.claim_id, x.speaker, x.speaker_entity_id, x.speaker_name,
                                 x.speaker_kind, x.cue, x.content, x.is_direct_quote,
                                 x.hedge, x.is_relayed, x.original_source, x.claim_group_id,
                                 x.group_article_count, x.group_independent_sources,
                                 x.article_id, x.outlet, x.published_on, x.quote)
                      AS VARCHAR), ']') || ',' || x.citations || ']', ','
           ORDER BY x.published_on NULLS LAST, x.article_id, x.char_start, x.claim_id) || ']',
           '[]') AS JSON) AS rows
FROM factdb_claims_by_entity_members() AS m
LEFT JOIN answers_claims_by_entity AS x ON x.claim_id = m.claim_id
GROUP BY m.text, m.exact
