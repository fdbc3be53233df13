-- 007_indexes: secondary indexes for the named queries' lookups of one article's facts.
-- DuckDB uses an ART index when a filter (or a join with a handful of keys) selects few
-- rows, and scans otherwise, so only columns that pick out a few rows each are indexed:
-- a fact's article (an article has tens of facts). Columns that the resolvers rewrite on
-- every load (entity_id, event_id, group ids, anchors) are not indexed: an update of an
-- indexed column is a delete and an insert of the whole row.

CREATE INDEX IF NOT EXISTS entity_mentions_article ON entity_mentions (article_id);
CREATE INDEX IF NOT EXISTS dates_article ON dates (article_id);
CREATE INDEX IF NOT EXISTS counts_article ON counts (article_id);
CREATE INDEX IF NOT EXISTS claims_article ON claims (article_id);
CREATE INDEX IF NOT EXISTS event_mentions_article ON event_mentions (article_id);
