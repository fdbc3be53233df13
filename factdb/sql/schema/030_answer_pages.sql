-- 030_answer_pages: corroboration answers a page of groups (docs/adr/0012, fifth round).
-- Its answer for every claim group was 10,640 rows and 40 MB of JSON at 100,000 articles,
-- more than any storage returns in milliseconds; the query now takes a limit and an offset
-- and gives the number of groups that pass its filter with every row. This table holds
-- each group's position in the query's order, among every group (kind '') and among the
-- groups of its own kind: a page is the rows of a range of positions, found in this narrow
-- table and fetched from answers_corroboration by group. It is rebuilt whole after every
-- build of answers_corroboration (a new group moves the positions of every group below
-- it; the narrow table costs little to rebuild and to publish, where positions kept in
-- the wide table would rewrite most of its rows on every load).
CREATE TABLE IF NOT EXISTS answers_corroboration_pages (
    kind VARCHAR,          -- '' for the order of every group, else the group's kind
    pos BIGINT,            -- 1, 2 ... in the query's order within kind
    group_key VARCHAR,     -- answers_corroboration.group_key
    group_kind VARCHAR,    -- answers_corroboration.kind
    article_count BIGINT   -- answers_corroboration.article_count (min_articles keeps a prefix)
);
