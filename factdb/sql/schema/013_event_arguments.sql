-- 013_event_arguments: an event mention's place and participants come from the trigger's
-- syntactic arguments, and every cross-document merge is stored with its score.

-- Char spans (into articles.text) of the trigger's place arguments ("in Capitalia",
-- "the visit to Oslo") and participant arguments (its subject, object, agent, possessor),
-- as parallel lists of starts and ends; empty when the parse gives none.
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS place_starts INTEGER[];
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS place_ends INTEGER[];
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS participant_starts INTEGER[];
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS participant_ends INTEGER[];
-- The score (0..1) of the link by which the mention's local event joined its event across
-- articles; NULL for the local event the event was built from.
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS merge_score DOUBLE;
-- The weakest link score among the event's cross-document merges; NULL when one article
-- tells it.
ALTER TABLE events ADD COLUMN IF NOT EXISTS merge_score DOUBLE;
