-- The whole table when an event changed since the last build (a text's event depends on
-- every event's label, type and attestation: the search ranks them), else nothing: the
-- statement gives the key column exact alone, which stands for every text of that value.
SELECT k.exact FROM (VALUES (true), (false)) AS k(exact)
WHERE EXISTS (SELECT 1 FROM answer_changed WHERE source = 'event')
