-- 019_date_timex: what kind of time a dates row names, and its TimeML value.
--   timex         the expression's TIMEX3 value as TimeML writes it: a day 1998-08-07, a
--                 week 1998-W32, a month 1998-08, a year 1998, a season 1998-FA, a decade
--                 199X, a part of a day 1998-08-07TNI; NULL for a range, a duration or an
--                 expression that is not resolved
--   event_window  true for a window relative to an event ("since the visit", "after the
--                 attack", "the two weeks before the vote"): a span of time bounded by an
--                 event, not a date the text names. Its values, when the anchors resolver
--                 ties the phrase to a dated event, are the window.
ALTER TABLE dates ADD COLUMN IF NOT EXISTS timex VARCHAR;
ALTER TABLE dates ADD COLUMN IF NOT EXISTS event_window BOOLEAN;
