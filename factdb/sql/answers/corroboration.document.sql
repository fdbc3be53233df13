-- keys: corroboration_pages
-- merge: +pos
-- The documents of the positions asked (answers_corroboration_docs, through the index:
-- their keys come from the parameters, factdb.documents.KEY_RULES['corroboration_pages'],
-- none for a request they cannot serve, which then reads the answer table as before);
-- the query keeps the positions asked and the groups min_articles keeps, in their order,
-- and sets total_groups, counted here as corroboration.read.sql counts it.
SELECT d.rows,
       (SELECT count(*) FROM answers_corroboration_pages AS p
        WHERE p.kind = lower(trim($kind))
          AND p.article_count >= CAST($min_articles AS INTEGER)) AS total_groups
FROM answers_corroboration_docs AS d WHERE d.page IN ($page_keys)
