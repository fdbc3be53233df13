-- 031_entity_recovery_forms: the forms the corpus-wide entity recovery looked for at the
-- last load (factdb.resolve.entity_recovery), so the next load rescans only the articles
-- whose result can change: its own new articles, and the stored articles whose text holds a
-- form that was added, dropped or typed otherwise since (docs/scale.md, docs/adr/0014).
-- `rules` is a digest of the recovery's code: forms kept by other rules are not trusted
-- (every article is scanned again). Empty: the next load scans every article.
CREATE TABLE IF NOT EXISTS entity_recovery_forms (
    form        VARCHAR PRIMARY KEY,   -- a name as written ("Compass Wire")
    entity_type VARCHAR NOT NULL,      -- the type most of its labelled mentions have
    rules       VARCHAR NOT NULL       -- digest of the recovery rules that made the list
);
