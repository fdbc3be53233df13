-- 011_quantity_kinds: counts and quantities in one table (docs/counts.md). A row is a
-- count ("14 people"), money ("$5 billion"), a percentage ("3.5%") or a measure ("25 years",
-- "9,000 acres"); a change ("rose by 3%") says its direction; the counted event's own day
-- ("killed five on Tuesday") is kept apart from the time window.

ALTER TABLE counts ADD COLUMN IF NOT EXISTS quantity_kind VARCHAR;     -- count | money | percent | measure
ALTER TABLE counts ADD COLUMN IF NOT EXISTS currency VARCHAR;          -- money: the currency sign as written ("$", "US$", "£", "€")
ALTER TABLE counts ADD COLUMN IF NOT EXISTS change VARCHAR;            -- up | down: "rose by 3%", "cut 200 jobs"; NULL for a level
ALTER TABLE counts ADD COLUMN IF NOT EXISTS event_date DATE;           -- the day of the counted event ("killed five on Tuesday") when no window is given
ALTER TABLE counts ADD COLUMN IF NOT EXISTS event_date_char_start INTEGER;
ALTER TABLE counts ADD COLUMN IF NOT EXISTS event_date_char_end INTEGER;
