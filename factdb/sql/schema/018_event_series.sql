-- 018_event_series: an undated plural mention ("the attacks", "rallies across the
-- country", "a wave of arrests") tells a series of events, not one; it is kept as a
-- mention of a series event, which coreference never merges into a single dated event.

-- TRUE for a mention of a series of events (an undated plural noun trigger).
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS is_series BOOLEAN;
-- TRUE for an event that is a series (all its mentions are series mentions): its dates
-- are those of its members, not one day.
ALTER TABLE events ADD COLUMN IF NOT EXISTS is_series BOOLEAN;
