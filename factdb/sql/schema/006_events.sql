-- 006_events: event mention detail, participants, cross-source groups and disagreements.

ALTER TABLE event_mentions ADD COLUMN mention_id VARCHAR;      -- mention id (article_id:mN)
ALTER TABLE event_mentions ADD COLUMN event_type VARCHAR;      -- type from the event lexicon
ALTER TABLE event_mentions ADD COLUMN trigger_lemma VARCHAR;   -- the lemma that signalled it
ALTER TABLE event_mentions ADD COLUMN local_key VARCHAR;       -- the article's own event key
ALTER TABLE event_mentions ADD COLUMN date_id VARCHAR;         -- the date row that dates this mention
ALTER TABLE event_mentions ADD COLUMN is_anaphoric BOOLEAN;    -- "the summit", "his trip"
ALTER TABLE event_mentions ADD COLUMN pos VARCHAR;             -- NOUN or VERB trigger

-- Who took part in each event and where it happened: the entities named in the sentences
-- that mention the event, with how often.
CREATE TABLE event_participants (
    event_id        VARCHAR NOT NULL,          -- the event
    entity_id       VARCHAR NOT NULL,          -- the participant or place
    role            VARCHAR NOT NULL,          -- participant | place
    mention_count   INTEGER NOT NULL           -- sentences naming both the event and the entity
);

-- The same fact told by several articles: one row per group of counts or dates.
CREATE TABLE fact_groups (
    group_id                 VARCHAR PRIMARY KEY,
    fact_kind                VARCHAR NOT NULL,  -- count | date
    label                    VARCHAR NOT NULL,  -- readable statement of the fact
    member_count             INTEGER NOT NULL,
    article_count            INTEGER NOT NULL,
    outlet_count             INTEGER NOT NULL,
    independent_source_count INTEGER NOT NULL,  -- original reporters (a wire relayed N times is 1)
    relay_count              INTEGER NOT NULL,  -- articles that relay another reporter's fact
    original_sources         VARCHAR[]          -- the original reporters named by the articles
);
ALTER TABLE counts ADD COLUMN group_id VARCHAR;
ALTER TABLE dates ADD COLUMN group_id VARCHAR;

-- Sources that disagree, side by side: one row per disagreement ...
CREATE TABLE disagreements (
    disagreement_id  VARCHAR PRIMARY KEY,
    kind             VARCHAR NOT NULL,          -- value | window | date | place | attribution
    fact_kind        VARCHAR NOT NULL,          -- count | event | claim
    subject          VARCHAR NOT NULL,          -- what the sources disagree about
    anchor_event_id  VARCHAR,
    side_count       INTEGER NOT NULL,
    article_count    INTEGER NOT NULL
);
-- ... and one row per piece of evidence on each side.
CREATE TABLE disagreement_sides (
    disagreement_id  VARCHAR NOT NULL,
    side             INTEGER NOT NULL,          -- 1, 2, ...: one per distinct position
    position         VARCHAR NOT NULL,          -- the position, e.g. "since 2024-02-04"
    fact_id          VARCHAR NOT NULL,          -- count_id, event mention_id or claim_id
    article_id       VARCHAR NOT NULL,
    outlet           VARCHAR,
    quote            VARCHAR NOT NULL,
    char_start       INTEGER NOT NULL,
    char_end         INTEGER NOT NULL
);
