-- 034_entity_blocks: what the entity resolver (factdb.resolve.entities) kept of its last
-- run, so the next load re-resolves only the units (one article's mentions of one thing)
-- its batch can change: the units of the articles it loaded, extracted again or scanned
-- for recovered mentions, and every unit joined to those by a block key a rule reads
-- (docs/scale.md, "Incremental resolution"; docs/adr/0014). `rules` is a digest of the
-- resolver's code and of the judgements: units kept by other rules are not trusted (every
-- unit is resolved again). Empty: the next load resolves every unit.
CREATE TABLE IF NOT EXISTS entity_units (
    local_key  VARCHAR PRIMARY KEY,   -- entity_mentions.local_key
    article_id VARCHAR NOT NULL,
    entity_id  VARCHAR NOT NULL,      -- the entity the unit's mentions were given
    rules      VARCHAR NOT NULL       -- digest of the rules and judgements that gave it
);

-- The block keys of each unit: names, name words, initials, a given name in its article
-- ("s:", "l:", "i:", "g:" and the same-name keys of entities._same_name_keys). A unit that
-- `looks` up a key depends on every unit holding it; a key nobody looks up joins nothing.
CREATE TABLE IF NOT EXISTS entity_blocks (
    article_id VARCHAR NOT NULL,
    local_key  VARCHAR NOT NULL,
    block      VARCHAR NOT NULL,
    looks      BOOLEAN NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_blocks_block ON entity_blocks (block);
CREATE INDEX IF NOT EXISTS entity_blocks_unit ON entity_blocks (local_key);
