-- 003_dates: how each temporal expression was read, for the events resolver and for queries.
--   relation        before | after | since | until | between | NULL: how the expression
--                   relates to its anchor ("since March 3" -> since; "two days later" -> after)
--   span_days       length of the stated span in whole days ("the two weeks before" -> 14;
--                   hours round up; a month counts 30 days, a year 365)
--   span_count      the number as written ("two weeks" -> 2)
--   span_unit       minute | hour | day | week | month | year | decade
--   span_qualifier  exact | less_than | more_than | at_least | at_most | about ("less than 48 hours")
--   anchor_phrase   the phrase an event-relative expression is anchored on ("the vote")
--   role            role of the sentence the expression is in (headline, body, caption, ...):
--                   dates outside body and headline are never dates of story events
--   expression_type explicit | weekday | relative | range | duration | event_relative
--   date_key        value_start || '/' || value_end: groups the same date across articles
--                   (NULL when either end is open or unresolved)
ALTER TABLE dates ADD COLUMN relation VARCHAR;
ALTER TABLE dates ADD COLUMN span_days INTEGER;
ALTER TABLE dates ADD COLUMN span_count INTEGER;
ALTER TABLE dates ADD COLUMN span_unit VARCHAR;
ALTER TABLE dates ADD COLUMN span_qualifier VARCHAR;
ALTER TABLE dates ADD COLUMN anchor_phrase VARCHAR;
ALTER TABLE dates ADD COLUMN role VARCHAR;
ALTER TABLE dates ADD COLUMN expression_type VARCHAR;
ALTER TABLE dates ADD COLUMN date_key VARCHAR;
