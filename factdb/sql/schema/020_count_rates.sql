-- 020_count_rates: the unit a quantity is counted per ("$1.98 a share", "$10 per gram",
-- "325,000 barrels per day", "$3,500 a month"); `unit` keeps the thing measured (dollar,
-- barrel), so a rate and its amount stay comparable (docs/counts.md).

ALTER TABLE counts ADD COLUMN IF NOT EXISTS per_unit VARCHAR;          -- share, gram, day, month, square foot; NULL when the quantity is no rate
