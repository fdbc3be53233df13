-- 033_event_apart: a sentence that tells one event after or before another ("The attack
-- comes two days after ... a drone attack on the base") tells two events; the article
-- keeps them apart, and so does cross-document coreference.

-- The local keys (event_mentions.local_key) of the article's events of the mention's type
-- that its sentence tells on the other side of a clause of time ordering them ("after",
-- "before", "following"): the mention's event is none of them, in any article's telling.
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS apart_keys VARCHAR[];
