-- merge: published_on nulls last, article_id, +char_start, claim_id
-- page: limit <= 1000, offset, total_claims
-- The documents of the parts of the answer (claims_by_entity.keys.sql, or .search.sql),
-- each by its key through the index; the query merges their rows in its order (the
-- read's ORDER BY: each row's last value is its claim's char_start, dropped after), and
-- keeps the page asked (the documents hold every claim of a part; total_claims: their
-- number). Values of limit and offset the page rule does not take plainly (other than
-- digits, a limit out of range) are read from the answer table, with its checks.
SELECT d.rows FROM answers_claims_by_entity_docs AS d WHERE d.pair_key IN ($pair_keys)
