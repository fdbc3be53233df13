-- 022_cheap_citations: factdb_citation (015) gives the same values, built cheaper, and
-- runs on DuckDB 1.5 too.
-- 015 left-joined the cited article to the sentences that overlap the quote and took the
-- aggregates of that join, min(fdb_cited.text) among them: every citation copied its whole
-- article's text into an aggregate state, and a whole build of the answer tables took 4 to
-- 5 times as long as with the six-field citation of 008 (bench/README.md). DuckDB 1.5 also
-- refuses its LEFT JOIN whose condition names the caller's columns ("Non-inner join on
-- correlated columns not supported") as soon as the macro is called over a table.
-- Here the overlapping sentences give only their span (fdb_span: min start, max end; one
-- row, NULLs when none overlaps), the article (an inner join) gives its date and the
-- sentence cut out of its text once, and the outer aggregate turns a missing article into
-- one row of NULLs. Same arguments, same struct (field names, order and types) and the
-- same values, also for an article that is not there (no date, no sentence) and a quote
-- no sentence overlaps (the article's date, no sentence, no marks): answer tables built
-- with 015 stay valid (the changed macro changes their fingerprint, so the next load
-- rebuilds them whole once).
CREATE OR REPLACE MACRO factdb_citation(cited_article, cited_outlet, cited_url, cited_quote,
                                        cited_start, cited_end) AS (
    SELECT struct_pack(
               article_id := cited_article, outlet := cited_outlet, url := cited_url,
               published_on := min(fdb_cited.published_on),
               quote := cited_quote, char_start := cited_start, char_end := cited_end,
               sentence := min(fdb_cited.sentence),
               sentence_start := min(fdb_cited.lo),
               mark_start := cited_start - min(fdb_cited.lo),
               mark_end := cited_end - min(fdb_cited.lo),
               article_view := '/pages/articles/' || cited_article || '?at='
                   || CAST(cited_start AS VARCHAR) || '-' || CAST(cited_end AS VARCHAR)
                   || '#c' || CAST(cited_start AS VARCHAR) || '-' || CAST(cited_end AS VARCHAR))
    FROM (SELECT fdb_article.published_on, fdb_span.lo,
                 substr(fdb_article.text, fdb_span.lo + 1, fdb_span.hi - fdb_span.lo) AS sentence
          FROM articles AS fdb_article,
               (SELECT min(fdb_around.char_start) AS lo, max(fdb_around.char_end) AS hi
                FROM sentences AS fdb_around
                WHERE fdb_around.article_id = cited_article
                  AND fdb_around.char_end > cited_start
                  AND fdb_around.char_start < cited_end) AS fdb_span
          WHERE fdb_article.article_id = cited_article) AS fdb_cited
);
