-- list: row_keys
-- The groups of the page: a range of positions in answers_corroboration_pages (the query's
-- order among every group, kind '', or among the groups of the kind); min_articles keeps
-- a prefix of that order, so these positions are the query's own. The parameters are
-- checked here, with the full query's messages (inline: a CTE of them cost 0.5 ms more).
SELECT p.group_key AS row_keys
FROM answers_corroboration_pages AS p
WHERE p.kind = CASE
          WHEN lower(trim($kind)) IN ('', 'claim', 'count', 'date', 'event')
              THEN lower(trim($kind))
          ELSE error('kind must be one of claim, count, date, event (or empty); got '''
                     || $kind || '''')
      END
  AND p.article_count >= CAST($min_articles AS INTEGER)
  AND p.pos > CASE
          WHEN CAST($offset AS INTEGER) >= 0 THEN CAST($offset AS INTEGER)
          ELSE error('offset must be 0 or more; got ''' || $offset || '''')
      END
  AND p.pos <= CAST($offset AS INTEGER) + CASE
          WHEN CAST($limit AS INTEGER) BETWEEN 1 AND 1000 THEN CAST($limit AS INTEGER)
          ELSE error('limit must be from 1 to 1000; got ''' || $limit || '''')
      END
