-- keys: event_months
-- merge: date_start nulls last, date_end nulls last, event_id
-- The documents of the type and the months of the date range (or the type's every date)
-- through the index: their keys come from the parameters (factdb.documents.KEY_RULES
-- ['event_months']: none for a request they cannot serve, which then reads the answer
-- table as before); the query keeps the events its filter keeps and merges the
-- documents' rows in its order, an event in several months once.
SELECT d.rows FROM answers_event_timeline_docs AS d WHERE d.bucket IN ($bucket_keys)
