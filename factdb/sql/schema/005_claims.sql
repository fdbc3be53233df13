-- 005_claims: claim content, attribution offsets and relay levels; groups of claims across articles.
-- claims.quote (provenance) is the whole attributed statement: content, speaker and cue.
-- content is the statement without its attribution: articles.text[content_start:content_end].
-- speaker/cue offsets locate those phrases in articles.text the same way.

ALTER TABLE claims ADD COLUMN content VARCHAR;            -- NULL when nothing was said (no_comment)
ALTER TABLE claims ADD COLUMN content_start INTEGER;
ALTER TABLE claims ADD COLUMN content_end INTEGER;
ALTER TABLE claims ADD COLUMN speaker_start INTEGER;      -- NULL for an unattributed hedge ('reportedly')
ALTER TABLE claims ADD COLUMN speaker_end INTEGER;
ALTER TABLE claims ADD COLUMN cue_start INTEGER;
ALTER TABLE claims ADD COLUMN cue_end INTEGER;
ALTER TABLE claims ADD COLUMN speaker_kind VARCHAR;       -- named_person | named_org | anonymous | document | outlet
ALTER TABLE claims ADD COLUMN hedge BOOLEAN;              -- 'sources said', 'reportedly', 'is said to', ...
ALTER TABLE claims ADD COLUMN claim_kind VARCHAR;         -- statement | no_comment
ALTER TABLE claims ADD COLUMN original_source VARCHAR;    -- the original reporter (an outlet) when named or implied
ALTER TABLE claims ADD COLUMN relay_speaker VARCHAR;      -- the outlet relaying the original reporter
ALTER TABLE claims ADD COLUMN is_relayed BOOLEAN;         -- original_source is another outlet than the article's own
ALTER TABLE claims ADD COLUMN content_key VARCHAR;        -- content folded for grouping
ALTER TABLE claims ADD COLUMN role VARCHAR;               -- role of the sentence: body | headline

-- Filled by factdb.resolve.claim_groups over the whole corpus after each load.
CREATE TABLE claim_groups (
    claim_group_id           VARCHAR PRIMARY KEY,     -- 'g' + sha1(smallest member content_key)[:12]
    content                  VARCHAR NOT NULL,        -- a representative member's content
    claim_count              INTEGER NOT NULL,
    article_count            INTEGER NOT NULL,
    outlet_count             INTEGER NOT NULL,        -- distinct articles.outlet, each NULL outlet counted once per article
    independent_source_count INTEGER NOT NULL,        -- distinct original sources; unrelayed claims count their article's outlet
    relay_count              INTEGER NOT NULL,        -- articles that relay an original source other than themselves
    original_sources         VARCHAR[] NOT NULL,      -- the original sources as written (one spelling each)
    outlets                  VARCHAR[] NOT NULL       -- the distinct non-NULL outlets of the member articles
);
