-- scope claims: claim_id IN (SELECT claim_id FROM answer_touched)
-- The claims of the articles that changed since the last build, those whose speaker's
-- name changed, those no longer stored, and every claim of the claim groups of those
-- claims (now and at the last build) or that changed (a claim's answer counts its
-- group's articles, so a touched group's claims are all in scope).
WITH direct AS (
    SELECT l.claim_id, l.claim_group_id FROM claims AS l
    WHERE l.article_id IN (SELECT id FROM answer_changed WHERE source = 'article')
    UNION
    SELECT l.claim_id, l.claim_group_id FROM claims AS l
    JOIN answer_changed AS c ON c.source = 'entity' AND c.label_changed
                            AND c.id = l.speaker_entity_id
),
touched_groups AS (
    SELECT claim_group_id FROM direct WHERE claim_group_id IS NOT NULL
    UNION
    SELECT id FROM answer_changed WHERE source = 'claim_group'
    UNION
    SELECT x.claim_group_id FROM answers_claims_by_entity AS x
    WHERE x.article_id IN (SELECT id FROM answer_changed WHERE source = 'article')
      AND x.claim_group_id IS NOT NULL
)
SELECT claim_id FROM direct
UNION
SELECT l.claim_id FROM claims AS l
WHERE l.claim_group_id IN (SELECT claim_group_id FROM touched_groups)
UNION
SELECT x.claim_id FROM answers_claims_by_entity AS x
WHERE x.claim_id NOT IN (SELECT claim_id FROM claims)
