-- keys: corroboration_pages
-- merge: +pos
-- The documents of the positions asked (answers_corroboration_docs, through the index:
-- their keys come from the parameters, factdb.documents.KEY_RULES['corroboration_pages'],
-- none for a request they cannot serve, which then reads the answer table as before);
-- the query keeps the positions asked and the groups min_articles keeps, in their order,
-- and takes total_groups from the kind's totals (a subquery counting it here cost as
-- much as the read of the document).
SELECT d.rows, d.totals FROM answers_corroboration_docs AS d WHERE d.page IN ($page_keys)
