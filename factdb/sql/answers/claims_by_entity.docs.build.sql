-- table: answers_claims_by_entity_docs
-- key: pair_key
-- order: pair_key
-- json: rows
-- index: pair_key
-- claims_by_entity's answer in parts: the claims of each pair of a speaker entity and a
-- speaker text (every claim in one part), as one document (the rows of
-- claims_by_entity.read.sql, its columns in that order, in its order, total_claims null:
-- the query cuts the page and counts the claims when it reads them, and each row with its
-- claim's char_start last: the query merges a text's parts in its order), keyed by the
-- pair as JSON text (pair_key). A text's answer is the union of the parts whose entity
-- is one it finds or whose speaker text is one it finds (answers_claims_by_entity_texts):
-- the parts do not overlap, and the claims are stored once. Built from
-- answers_claims_by_entity (just before it: the build files run in name order), the
-- parts of the claims it rebuilt (claims_by_entity.docs.touched.sql).
SELECT CAST(json_array(x.speaker_entity_id, x.speaker) AS VARCHAR) AS pair_key,
       x.speaker_entity_id, x.speaker, list(x.claim_id ORDER BY x.claim_id) AS claim_ids,
       CAST('[' || string_agg(
           rtrim(CAST(json_array(x.claim_id, x.speaker, x.speaker_entity_id, x.speaker_name,
                                 x.speaker_kind, x.cue, x.content, x.is_direct_quote,
                                 x.hedge, x.is_relayed, x.original_source, x.claim_group_id,
                                 x.group_article_count, x.group_independent_sources,
                                 x.article_id, x.outlet, x.published_on, x.quote)
                      AS VARCHAR), ']') || ',' || x.citations || ',null,' || x.char_start
           || ']', ','
           ORDER BY x.published_on NULLS LAST, x.article_id, x.char_start, x.claim_id) || ']'
           AS JSON) AS rows
FROM answers_claims_by_entity AS x
GROUP BY x.speaker_entity_id, x.speaker
