-- 039_fact_citation_keys: fact_citations answers by two bare point reads (docs/adr/0012,
-- amendment of issue 13's tenth round). Each fact's row of answers_fact_citations gets
-- its kind and id as one text, indexed: the keys statement finds the fact of the kind
-- asked by a point read on that column alone (the kind beside the id in the scan's filter
-- made DuckDB scan the table, and the LIMIT that kept it out cost a subquery).
ALTER TABLE answers_fact_citations ADD COLUMN IF NOT EXISTS kind_id VARCHAR;
