-- 009_reference_dates: the reference date of an article rests on ranked evidence
-- (factdb/ingest/pubdate.py). published_basis is now one of
--   metadata | dateline | text | story | corpus | NULL
-- (metadata: the source's date; dateline: a dateline or the page's timestamp; text: a
-- reporting clause with a date; story: the latest past event the story dates; corpus: the
-- same story dated in another article). Older rows may still say 'text' for a dateline or
-- 'inferred' for a story date. published_earliest / published_latest are the bounds the
-- story itself sets (no article is published before the latest event it reports in the
-- past tense); NULL when unbounded.

ALTER TABLE articles ADD COLUMN IF NOT EXISTS published_earliest DATE;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS published_latest DATE;
