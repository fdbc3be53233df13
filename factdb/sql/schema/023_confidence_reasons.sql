-- 023_confidence_reasons: every fact row says, in plain English, what set its confidence
-- ("unit from the counted noun 'schools'", "resolved against a reference date inferred
-- from the story's latest past event", "speaker is a pronoun, linked to Jane Roe, the
-- speaker before it"). Extractors write it with the row (factdb.extract.provenance); a
-- resolver that changes what a row means appends to it. NULL for rows loaded before.

ALTER TABLE entity_mentions ADD COLUMN IF NOT EXISTS confidence_reason VARCHAR;
ALTER TABLE entity_references ADD COLUMN IF NOT EXISTS confidence_reason VARCHAR;
ALTER TABLE dates ADD COLUMN IF NOT EXISTS confidence_reason VARCHAR;
ALTER TABLE counts ADD COLUMN IF NOT EXISTS confidence_reason VARCHAR;
ALTER TABLE claims ADD COLUMN IF NOT EXISTS confidence_reason VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS confidence_reason VARCHAR;
