-- table: answers_event_timeline_docs
-- key: bucket
-- order: bucket
-- json: rows
-- index: bucket
-- event_timeline's answer in documents (migration 039): for each lowercased event type
-- and '' (every type), the events whose dates touch each month ('<type>|<YYYY-MM>'), and
-- each type's events of every date ('<type>|*'), as the rows of event_timeline.read.sql
-- (its columns in that order, in its order: JSON arrays, the stored citations spliced in
-- as they are). factdb_event_buckets gives an event's documents. A type and a date range
-- read the documents of the range's months (event_timeline.document.sql) and keep the
-- events the query's filter keeps (factdb.documents.KEY_RULES['event_months']). Built from
-- answers_event_timeline (just before it: the build files run in name order), the
-- documents of the events it rebuilt (event_timeline.docs.touched.sql).
SELECT b.bucket, list(x.event_id ORDER BY x.event_id) AS event_ids,
       CAST('[' || string_agg(
           rtrim(CAST(json_array(x.event_id, x.event_type, x.label, x.date_start, x.date_end,
                                 x.location_entity_id, x.location, x.mention_count,
                                 x.article_count, x.citation_count) AS VARCHAR), ']')
           || ',' || x.citations || ']', ','
           ORDER BY x.date_start NULLS LAST, x.date_end NULLS LAST, x.event_id) || ']'
           AS JSON) AS rows
FROM answers_event_timeline AS x,
     unnest(factdb_event_buckets(x.event_type, x.date_start, x.date_end)) AS b(bucket)
WHERE b.bucket IS NOT NULL
GROUP BY b.bucket
