"""The fact log: what each article version's facts said, kept after the version is replaced.

A load deletes the fact rows of an article it replaces by a new version (factdb.load);
this resolver, run inside the load transaction after the others, copies the facts of every
current article not logged yet into fact_versions (one row per fact: its kind, the key it is
about, the value it gives, and its provenance), so that runs and versions can be compared
(factdb.changes, docs/changes.md). Articles loaded before the log existed are logged by the
next load. Rows are written once and never changed.
"""

from __future__ import annotations

import duckdb

from factdb.runs import Run

#: One SELECT per fact kind: (article_id, fact_kind, fact_id, fact_key, fact_value,
#: sentence_id, char_start, char_end, quote). fact_key says what the fact is about without
#: its value (two versions giving another number for the same thing share the key);
#: fact_value is what it says, compared whole. Keys and values use the columns written by
#: the extractors and resolvers as they stand at the end of the load. context_key (the
#: sentence around the quote) lets an edited fact whose key changed ("30 farms" -> "45
#: farms" in a claim's content) be paired as changed rather than removed and added.
FACT_SELECTS = {
    "count": """
        SELECT article_id, 'count', count_id,
               concat_ws('|', coalesce(lower(unit), ''), coalesce(event_type, ''),
                         coalesce(lower(place), '')),
               to_json({value: value, value_low: value_low, value_high: value_high,
                        qualifier: qualifier, window_start: window_start,
                        window_end: window_end, window_relation: window_relation})::VARCHAR,
               sentence_id, char_start, char_end, quote
        FROM counts""",
    "date": """
        SELECT article_id, 'date', date_id, lower(quote),
               to_json({value_start: value_start, value_end: value_end,
                        granularity: granularity, relation: relation})::VARCHAR,
               sentence_id, char_start, char_end, quote
        FROM dates""",
    "claim": """
        SELECT article_id, 'claim', claim_id,
               coalesce(content_key, lower(content), lower(quote)),
               to_json({speaker: speaker, cue: cue, is_direct_quote: is_direct_quote,
                        hedge: hedge, claim_kind: claim_kind})::VARCHAR,
               sentence_id, char_start, char_end, quote
        FROM claims""",
    "event": """
        SELECT m.article_id, 'event', coalesce(m.mention_id, m.article_id || ':' || m.char_start),
               concat_ws('|', coalesce(m.event_type, ''), coalesce(m.trigger_lemma, '')),
               to_json({date_start: d.value_start, date_end: d.value_end,
                        is_anaphoric: m.is_anaphoric})::VARCHAR,
               m.sentence_id, m.char_start, m.char_end, m.quote
        FROM event_mentions m LEFT JOIN dates d ON d.date_id = m.date_id""",
    "entity": """
        SELECT article_id, 'entity', mention_id, coalesce(name_key, lower(quote)),
               to_json({type: mention_type})::VARCHAR,
               sentence_id, char_start, char_end, quote
        FROM entity_mentions""",
}


#: The fewest characters of sentence around a quote (besides the cut) that make a context
#: key: a claim quoting its whole sentence has no context to recognise it by.
MIN_CONTEXT = 15


def resolve(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    """Log the facts of every current article that has no fact_logged_versions row yet."""
    con.execute("CREATE TEMP TABLE IF NOT EXISTS fact_log_todo (article_id VARCHAR)")
    con.execute("DELETE FROM fact_log_todo")
    con.execute("INSERT INTO fact_log_todo SELECT article_id FROM articles "
                "WHERE article_id NOT IN (SELECT article_id FROM fact_logged_versions)")
    if con.execute("SELECT count(*) FROM fact_log_todo").fetchone() == (0,):
        return
    union = " UNION ALL ".join(
        f"SELECT * FROM ({sql}) WHERE article_id IN (SELECT article_id FROM fact_log_todo)"
        for sql in FACT_SELECTS.values())
    con.execute(
        "INSERT INTO fact_versions (article_id, fact_kind, fact_id, fact_key, fact_value, "
        "sentence_id, char_start, char_end, quote, context_key, run_id) "
        "SELECT article_id, fact_kind, fact_id, fact_key, fact_value, sentence_id, "
        "       char_start, char_end, quote, "
        "       CASE WHEN length(trim(around)) >= $min THEN md5(around) END, $run "
        "FROM (SELECT f.*, lower(substring(a.text, s.char_start + 1, "
        "                                  greatest(f.char_start - s.char_start, 0)) "
        "                        || ' | ' || substring(a.text, f.char_end + 1, "
        "                                  greatest(s.char_end - f.char_end, 0))) AS around "
        f"      FROM ({union}) AS f (article_id, fact_kind, fact_id, fact_key, fact_value, "
        "                           sentence_id, char_start, char_end, quote) "
        "      JOIN articles a USING (article_id) "
        "      LEFT JOIN sentences s ON s.sentence_id = f.sentence_id)",
        {"run": run.run_id, "min": MIN_CONTEXT})
    con.execute(
        "INSERT INTO fact_logged_versions "
        "SELECT a.article_id, a.source_uri, $run, "
        "       (SELECT count(*) FROM fact_versions l WHERE l.article_id = a.article_id) "
        "FROM articles a WHERE a.article_id IN (SELECT article_id FROM fact_log_todo)",
        {"run": run.run_id})
    con.execute("DROP TABLE fact_log_todo")
