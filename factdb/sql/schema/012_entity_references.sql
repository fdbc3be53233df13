-- 012_entity_references: pronouns ("he", "her") and title-only descriptions ("the
-- commander", "the group") linked to the last compatible named mention before them in the
-- article. Kept apart from entity_mentions, whose rows are names: a reference is not a name
-- and is never a form of an entity. entity_id is the antecedent's, rewritten by the entity
-- resolver on every load.

CREATE TABLE IF NOT EXISTS entity_references (
    reference_id          VARCHAR PRIMARY KEY,   -- "<article_id>:r<n>"
    article_id            VARCHAR NOT NULL,
    sentence_id           VARCHAR NOT NULL,
    char_start            INTEGER NOT NULL,
    char_end              INTEGER NOT NULL,
    quote                 VARCHAR NOT NULL,      -- articles.text[char_start:char_end]
    extractor             VARCHAR NOT NULL,
    confidence            DOUBLE NOT NULL,
    run_id                VARCHAR NOT NULL,
    reference_type        VARCHAR NOT NULL,      -- pronoun | description
    antecedent_mention_id VARCHAR NOT NULL,      -- the entity_mentions row it refers back to
    entity_id             VARCHAR                -- the antecedent's entity
);
