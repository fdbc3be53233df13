-- 036_fact_group_inputs: what the fact-group resolver (factdb.resolve.fact_groups) kept of
-- its last run, so the next load groups again only the blocks its batch can change
-- (docs/scale.md, "Incremental resolution"; docs/adr/0014). One row per count, and per
-- date a group can hold (a body or headline date with a value): `h` hashes every input
-- the grouping reads of the fact (its grouped columns, its article's outlet, publication
-- day and original source), `block` is the facts that are grouped together (a count's
-- unit, qualifier and value; a date's day range; NULL for a date no group holds) and
-- `group_id` the group it was given. `rules` is a digest of the resolver's code: rows kept
-- by other code are not trusted (every fact is grouped again). Empty: the next load
-- groups every fact.
CREATE TABLE IF NOT EXISTS fact_group_inputs (
    fact_id   VARCHAR NOT NULL,      -- counts.count_id or dates.date_id (one row each)
    fact_kind VARCHAR NOT NULL,      -- count | date
    h         UBIGINT NOT NULL,
    block     VARCHAR,
    group_id  VARCHAR,
    rules     VARCHAR NOT NULL
);
