-- 028_count_change_from: the level a change started from. "fell from $2,415 to $2,315" is one
-- row: `value` is the level reached (2,315), `from_value` the level it moved from (2,415);
-- NULL when the text gives no starting level (docs/counts.md).

ALTER TABLE counts ADD COLUMN IF NOT EXISTS from_value DOUBLE;         -- 2415 for "fell from $2,415 to $2,315"; NULL otherwise
