"""Event-relative windows: "in the three days before the vote", "since the vote".

The count and date extractors record the relation (before, after, since, until), the
span ("two weeks" = 14 days) and the anchor phrase as written. Once events are resolved,
the phrase is tied to an event mentioned in the same article: its head noun gives the
event type through the run's event lexicon, the built-in one extended by
FACTDB_EVENT_LEXICON ("visit", "trip" -> visit); a pronoun ("it") takes the nearest event
mentioned before it. Windows are inclusive day ranges:
before = [day - span, day - 1]; since = [day, publication]; after = [day + 1, publication];
until = [.., day]. An event told on the publication day itself leaves no whole day after it
before publication: "after" is then that day; one dated after publication leaves the end
open. A date that counts an exact offset from the event ("a week after the visit", "two
days before the vote", the dates table's rows that are not an ``event_window``) is the one
day (month, year) it names, not a window: [day + 7, day + 7].
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import duckdb
import pyarrow as pa

from factdb.lang import calendar
from factdb.lang.events import Lexicon, load_lexicon
from factdb.runs import Run

PRONOUNS = frozenset({"it", "this", "that", "then", "them"})


def head_types(phrase: str, lexicon: Lexicon | None = None) -> list[str] | bool:
    """The event types an anchor phrase can name (its plain type first); True for a
    pronoun; an empty list if none ("the strike" is a military or a labour strike).
    The lexicon is the built-in one unless given (a load passes the run's)."""
    words = re.findall(r"[a-z]+", phrase.lower().replace("’s", "").replace("'s", ""))
    if not words:
        return []
    if words[-1] in PRONOUNS:
        return True
    lexicon = lexicon or load_lexicon()
    for word in reversed(words):
        types = lexicon.types_of_noun(word)
        if types:
            return types
    return []


def head_type(phrase: str, lexicon: Lexicon | None = None) -> str | None | bool:
    """The event type an anchor phrase names; True for a pronoun; None if unknown."""
    types = head_types(phrase, lexicon)
    if types is True:
        return True
    return types[0] if types else None


def window(relation: str, day: date, span_days: int | None,
           published: date | None) -> tuple[date | None, date | None]:
    if relation == "before":
        return (day - timedelta(days=span_days) if span_days else None), day - timedelta(days=1)
    if relation == "since":
        return day, published if published is not None and published >= day else None
    if relation == "after":
        if span_days:
            return day + timedelta(days=1), day + timedelta(days=span_days)
        if published == day:  # the event happened on the day of the report
            return day, day
        return day + timedelta(days=1), published if published is not None and \
            published > day else None
    if relation == "until":
        return None, day
    return None, None


def offset_span(relation: str, day: date, count: int | float, unit: str,
                qualifier: str | None = None) -> tuple[date, date]:
    """The day (or month, year) an exact offset from an event names: "a week after the
    visit" is day + 7, "two months before the vote" the month two months before it."""
    amount = -count if relation == "before" else count
    span, _ = calendar.offset(day, int(amount), unit, qualifier or "exact")
    return span


def _mentions_by_article(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """Each article's event mentions as (article, offset, type, event, day, pos). The day is
    the one the article itself gives the event when it gives one ("since the storm hit"
    in an article that has it hit on Monday starts on Monday), else the event's; events
    dated only by a month or a year have none."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    for row in con.execute("""
            WITH own AS (
                SELECT m.article_id, m.event_id, mode(d.value_start) AS day
                FROM event_mentions m JOIN dates d ON d.date_id = m.date_id
                WHERE d.value_start = d.value_end GROUP BY ALL)
            SELECT m.article_id, m.char_start, m.event_type, m.event_id,
                   CASE WHEN e.date_start = e.date_end
                        THEN coalesce(o.day, e.date_start) END, m.pos
            FROM event_mentions m JOIN events e USING (event_id)
            LEFT JOIN own o ON o.article_id = m.article_id AND o.event_id = m.event_id
            ORDER BY m.article_id, m.char_start""").fetchall():
        out.setdefault(row[0], []).append(row)
    return out


def pick_event(mentions: list[tuple[Any, ...]], phrase: str, offset: int,
               lexicon: Lexicon | None = None) -> tuple[str, date] | None:
    """The event (id, day) an anchor phrase at offset refers to, among an article's mentions."""
    wanted = head_types(phrase, lexicon)
    if not wanted:
        return None
    dated = [m for m in mentions if m[4] is not None]
    if wanted is True:
        candidates = [m for m in dated if m[1] < offset]
    else:
        candidates = next(([m for m in dated if m[2] == etype] for etype in wanted
                           if any(m[2] == etype for m in dated)), [])
    if not candidates:
        return None
    before = [m for m in candidates if m[1] < offset]
    best = max(before, key=lambda m: m[1]) if before else min(candidates, key=lambda m: m[1])
    return best[3], best[4]


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
        [table]).fetchall()}


def resolve(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    lexicon = load_lexicon(run.settings.event_lexicon_path)
    mentions = _mentions_by_article(con)
    published = dict(con.execute("SELECT article_id, published_on FROM articles").fetchall())
    if {"window_relation", "window_anchor_phrase", "window_span_days"} <= _columns(con, "counts"):
        _resolve_table(con, mentions, published, "counts", "count_id", "window_relation",
                       "window_span_days", "window_anchor_phrase", "window_start",
                       "window_end", "anchor_event_id", lexicon)
    columns = _columns(con, "dates")
    if {"relation", "anchor_phrase", "span_days"} <= columns:
        exact = "NOT coalesce(event_window, true)" if "event_window" in columns else "false"
        _resolve_table(con, mentions, published, "dates", "date_id", "relation", "span_days",
                       "anchor_phrase", "value_start", "value_end", None, lexicon,
                       offset=f"CASE WHEN {exact} THEN struct_pack(n := span_count, "
                              f"unit := span_unit, q := span_qualifier) END")


def _resolve_table(con: duckdb.DuckDBPyConnection, mentions: dict[str, list[tuple[Any, ...]]],
                   published: dict[str, date | None], table: str, key: str, relation: str,
                   span: str, phrase: str, start_col: str, end_col: str,
                   anchor_col: str | None, lexicon: Lexicon, offset: str = "NULL") -> None:
    """Tie each anchor phrase of the table to an event and write its window; a row whose
    `offset` expression gives (n, unit, q) is an exact offset from the event."""
    rows = con.execute(
        f"SELECT {key}, article_id, char_start, {relation}, {span}, {phrase}, {offset} "
        f"FROM {table} WHERE {phrase} IS NOT NULL AND {relation} IS NOT NULL").fetchall()
    updates = []
    for fact_id, article_id, at, rel, span_days, anchor_phrase, exact in rows:
        picked = pick_event(mentions.get(article_id, []), anchor_phrase, at, lexicon)
        if picked is None:
            continue
        event_id, day = picked
        start: date | None
        end: date | None
        if exact and exact["n"] and exact["unit"] and rel in ("before", "after"):
            start, end = offset_span(rel, day, exact["n"], exact["unit"], exact["q"])
        else:
            start, end = window(rel, day, span_days, published.get(article_id))
        updates.append({"fact_id": fact_id, "event_id": event_id, "w_start": start,
                        "w_end": end})
    if not updates:
        return
    con.register("_anchor_updates", pa.Table.from_pylist(updates))
    sets = [f"{start_col} = u.w_start", f"{end_col} = u.w_end"]
    if anchor_col:
        sets.append(f"{anchor_col} = u.event_id")
    else:
        sets += ["basis = 'event'", "anchor = 'event:' || u.event_id"]
    con.execute(f"UPDATE {table} SET {', '.join(sets)} FROM _anchor_updates u "
                f"WHERE {table}.{key} = u.fact_id")
    con.unregister("_anchor_updates")
