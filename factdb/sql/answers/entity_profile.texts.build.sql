-- table: answers_entity_profile_texts
-- key: text, exact
-- order: text, exact
-- json: rows
-- index: text
-- The whole answer of entity_profile for every text that finds an entity, as one document
-- (the rows of entity_profile.read.sql, its columns in that order, in its order), with
-- the entities it holds (entity_ids, sorted: the touched file compares them): the texts
-- of factdb_text_entities (migration 038: the entity's id, exact, and each trimmed,
-- lowercased text of answers_entity_lookup, built just before it, with the entities of
-- its best rank as factdb_best_entities ranks them). entity_profile.document.sql reads
-- the document of the text asked by one point read: no keys statement. A lowercased text
-- that is also an entity's id, trimmed and lowercased, is left out (a text asked then
-- finds one document at most; without one the query reads answers_entity_profile as
-- before).
SELECT b.text, b.exact, list(b.entity_id ORDER BY b.entity_id) AS entity_ids,
       CAST('[' || string_agg(x.row, ',' ORDER BY x.article_count DESC, x.mention_count DESC,
                                                 x.entity_id) || ']' AS JSON) AS rows
FROM factdb_text_entities() AS b
JOIN (
    -- each profile's row once, its stored JSON lists spliced in as they are (json() of
    -- them parsed and wrote them again for every text: 5 times the cost)
    SELECT p.entity_id, p.article_count, p.mention_count,
           rtrim(CAST(json_array(p.entity_id, p.name, p.entity_type, p.aliases,
                                 p.mention_count, p.article_count, p.first_mentioned_on,
                                 p.last_mentioned_on) AS VARCHAR), ']')
           || ',' || p.articles || ',' || p.citations || ']' AS row
    FROM answers_entity_profile AS p
) AS x ON x.entity_id = b.entity_id
GROUP BY b.text, b.exact
