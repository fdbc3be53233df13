-- 004_counts: what a count row says beyond the core contract (see docs/counts.md).
-- value / value_low / value_high / qualifier follow the written band rule of docs/counts.md;
-- qualifier may also be 'range' ("between 20 and 30 people": value = low = 20, high = 30).

ALTER TABLE counts ADD COLUMN value_text VARCHAR;             -- the number as written: "1,200", "dozens", "no"
ALTER TABLE counts ADD COLUMN unit_quote VARCHAR;             -- the counted noun as written: "U.S. soldiers"
ALTER TABLE counts ADD COLUMN unit_basis VARCHAR;             -- noun | sentence | previous | default | cessation
ALTER TABLE counts ADD COLUMN role VARCHAR;                   -- role of the sentence: body | headline
ALTER TABLE counts ADD COLUMN place VARCHAR;                  -- "in <place>" after the count: "Chad", "Chad and Niger"
ALTER TABLE counts ADD COLUMN place_entity_id VARCHAR;        -- the place's entity, set by entity resolution
ALTER TABLE counts ADD COLUMN place_char_start INTEGER;
ALTER TABLE counts ADD COLUMN place_char_end INTEGER;
ALTER TABLE counts ADD COLUMN count_key VARCHAR;              -- unit|qualifier|value|place|window: same count across articles
ALTER TABLE counts ADD COLUMN window_relation VARCHAR;        -- before | after | since | until | between | as_of | so_far | during | past
ALTER TABLE counts ADD COLUMN window_span_days INTEGER;       -- "the two weeks before" -> 14
ALTER TABLE counts ADD COLUMN window_anchor_phrase VARCHAR;   -- "the vote" (a pronoun is replaced by what it refers to)
ALTER TABLE counts ADD COLUMN window_anchor_char_start INTEGER;
ALTER TABLE counts ADD COLUMN window_anchor_char_end INTEGER;
ALTER TABLE counts ADD COLUMN window_quote VARCHAR;           -- the window phrase as written
ALTER TABLE counts ADD COLUMN window_char_start INTEGER;
ALTER TABLE counts ADD COLUMN window_char_end INTEGER;
