-- 002_entities: what entity extraction and alias resolution record beyond the core contract.
-- entity_mentions.entity_id is rewritten by the resolver on every load; the columns below
-- are written once by the extractor and are the resolver's input.

ALTER TABLE entity_mentions ADD COLUMN title VARCHAR;         -- title/honorific before the name ("Brig. Gen.")
ALTER TABLE entity_mentions ADD COLUMN mention_type VARCHAR;  -- label after the extractor's corrections
ALTER TABLE entity_mentions ADD COLUMN surface VARCHAR;       -- the name as written, spacing normalised
ALTER TABLE entity_mentions ADD COLUMN label_source VARCHAR;  -- 'model' | 'rule:<name>'
ALTER TABLE entity_mentions ADD COLUMN model_label VARCHAR;   -- the spaCy label (NULL if a rule found the name)
ALTER TABLE entity_mentions ADD COLUMN local_key VARCHAR;     -- mentions of one thing inside the article
ALTER TABLE entity_mentions ADD COLUMN name_key VARCHAR;      -- transliteration-aware match key of surface

-- User judgements (merge / split / type) applied by a load, one row per judgement and run.
CREATE TABLE entity_judgements (
    run_id          VARCHAR NOT NULL,
    action          VARCHAR NOT NULL,          -- merge | split | type
    names           VARCHAR[] NOT NULL,
    entity_type     VARCHAR,
    note            VARCHAR                    -- what the judgement changed, or why it did not apply
);
