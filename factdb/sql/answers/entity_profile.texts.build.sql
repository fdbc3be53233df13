-- table: answers_entity_profile_texts
-- key: text, exact
-- order: text, exact
-- json: rows
-- index: text
-- The whole answer of entity_profile for every text that finds an entity, as one document
-- (the rows of entity_profile.read.sql, its columns in that order, in its order): the
-- entity's id (exact: the text as given, match rank 1), and each trimmed, lowercased
-- text of answers_entity_lookup (built just before it: the build files run in name order)
-- with the profiles of the entities of its best rank (2 a name, 3 an alias, 4 whole words
-- of one), as factdb_best_entities ranks them. entity_profile.document.sql reads the
-- document of the text asked by one point read: no keys statement. A lowercased text that
-- is also an entity's id, trimmed and lowercased, is left out (a text asked then finds one
-- document at most; without one the query reads answers_entity_profile as before).
-- Rebuilt whole on every build (no touched file), as the lookup table it is made from.
WITH best AS (
    -- the entities of the text's best rank, as factdb_best_entities (the keys statements'
    -- macro, migration 032) ranks them, for every text at once (the macro run once per
    -- text cost a subquery each: 1.4 s of CPU at 800 articles): an entity's id finds
    -- itself (rank 1 is the best there is); a text that is no entity's id finds the
    -- entities of its best rank among 2 to 4 (its rank-1 test cannot match it)
    SELECT l.text, true AS exact, l.entity_id
    FROM answers_entity_lookup AS l
    WHERE l.match_rank = 1 AND lower(trim(l.text)) <> ''
    UNION ALL
    SELECT l.text, false, l.entity_id
    FROM answers_entity_lookup AS l
    WHERE l.match_rank > 1 AND l.text <> '' AND l.text = trim(l.text)
      AND l.text NOT IN (SELECT lower(trim(entity_id)) FROM entities)
    QUALIFY l.match_rank = min(l.match_rank) OVER (PARTITION BY l.text)
)
SELECT b.text, b.exact,
       CAST('[' || string_agg(x.row, ',' ORDER BY x.article_count DESC, x.mention_count DESC,
                                                 x.entity_id) || ']' AS JSON) AS rows
FROM best AS b
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
