-- 010_count_claims: who gives a figure. A count that stands inside the content of an
-- attributed statement ("more than 150 attacks, the group said") points to that claim;
-- a count the article states in its own voice keeps NULL. Set by the claims extractor
-- (factdb/extract/claims/links.py) from the offsets of the article's counts and claims:
-- the innermost claim whose content span holds the whole count span.

ALTER TABLE counts ADD COLUMN IF NOT EXISTS claim_id VARCHAR;   -- the claim whose content states this count; NULL: the article's own voice
