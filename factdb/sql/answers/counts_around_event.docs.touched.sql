-- scope answers_counts_around_event: event_id IN (SELECT event_id FROM answer_touched)
-- The events whose rows of answers_counts_around_event this build rebuilt.
SELECT event_id FROM answer_touched_counts_around_event
