"""Corroboration: the same count or date told by several articles is one group.

A group's key is the fact itself (for a count: unit, qualifier, value, place and window;
for a date: its day range), so five outlets retelling one number make one group with
five members. Places are compared as sets of names ("Chad and Niger" = "Chad or
Niger"), and a count that names no place joins the one place the others name; a window
that runs to its article's publication ("since March 3") is keyed by its start, so
articles published on different days tell the same fact.

Independent versus relayed: an article that attributes its facts to an original reporter
other than itself (claims.original_source with claims.is_relayed, e.g. a wire service it
cites) relays that reporter; articles relaying the same reporter, and the reporter's own
article, count as one independent source.

Incremental (issue 16 item 3, docs/scale.md): a group is a function of its block's facts
(counts of one unit, qualifier and value, over which same_count joins places; dates of one
day range) and of their articles' outlets and original sources. ``fact_group_inputs``
(migration 036) keeps each fact's hash of those inputs, its block and its group; a load
groups again only the blocks of the facts new, gone or hashed otherwise, and the whole run
is the same run with nothing kept.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import sys
from collections import defaultdict
from datetime import timedelta
from typing import Any

import duckdb
import pyarrow as pa

from factdb import db
from factdb.lang.numbers import GENERIC_EVENT_NOUNS
from factdb.lang.places import place_key
from factdb.runs import Run

#: Each article's original reporter (its most cited one) and whether it relays it: one row
#: per article that names one.
_SOURCES = """
    SELECT article_id, original_source, relayed FROM (
        SELECT article_id, original_source, bool_or(coalesce(is_relayed, false)) AS relayed,
               row_number() OVER (PARTITION BY article_id
                                  ORDER BY count(*) DESC, original_source) AS rank
        FROM claims WHERE original_source IS NOT NULL GROUP BY article_id, original_source)
    WHERE rank = 1"""


def article_sources(con: duckdb.DuckDBPyConnection,
                    chosen: str | None = None) -> dict[str, tuple[str, bool]]:
    """The original reporter each article names (its most cited one), and whether the
    article relays it (the reporter is another outlet than the article's own); only the
    articles of the temp table ``chosen`` (article_id) when given."""
    join = f" JOIN {chosen} USING (article_id)" if chosen else ""
    rows = con.execute(f"SELECT s.article_id, s.original_source, s.relayed FROM ({_SOURCES}) s"
                       + join).fetchall()
    return {a: (source, bool(relayed)) for a, source, relayed in rows}


def _fmt(v: Any) -> str:
    if v is None:
        return "?"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def count_label(unit: str | None, qualifier: str | None, value: Any, place: Any,
                w_start: Any, w_end: Any) -> str:
    q = (qualifier or "exact").replace("_", " ")
    text = "no" if qualifier == "none" else ("" if q == "exact" else q + " ") + _fmt(value)
    label = f"{text} {unit or 'item'}"
    if place:
        label += f" in {place}"
    if w_start and not w_end:
        label += f" (since {_fmt(w_start)})"
    elif w_start or w_end:
        label += f" ({_fmt(w_start)} to {_fmt(w_end)})"
    return label


def date_window(relation: str | None, start: Any, end: Any,
                published: Any) -> tuple[Any, Any] | None:
    """The days a dates row covers, as a group key: the date itself, or for a named date
    that bounds a window (``relation`` of a date with no counted span or event anchor) the
    window ("since March 3" runs to publication, or is open when publication is unknown or
    earlier; "after March 3" is open from March 4); None for a window with no start
    ("until May", "before June")."""
    if relation == "since" and start is not None:
        return start, (published if published is not None and published >= start else None)
    if relation == "after" and end is not None:
        return end + timedelta(days=1), None
    if relation in ("until", "before", "as_of", "so_far"):
        return None
    return start, end


def date_label(start: Any, end: Any) -> str:
    """"2024-01-29", "2024-01-15 to 2024-01-28", or "since 2024-02-04" when the end is open."""
    if end is None:
        return f"since {_fmt(start)}"
    return _fmt(start) if start == end else f"{_fmt(start)} to {_fmt(end)}"


def group_unit(c: dict[str, Any]) -> str:
    """The unit a count is grouped by: "20 incidents" of attacks is a count of attacks."""
    if c.get("event_type") and c["unit"] in GENERIC_EVENT_NOUNS:
        return str(c["event_type"])
    return str(c["unit"])


def same_count(counts: list[dict[str, Any]]) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    """Counts that state the same quantity: (unit, qualifier, value, place) -> rows, where
    "Chad and Niger" and "Chad or Niger" are one place, and counts that name no place
    join the one place the others name (when they name exactly one)."""
    by_place: dict[tuple[Any, ...], dict[str, list[dict[str, Any]]]] = defaultdict(
        lambda: defaultdict(list))
    for c in counts:
        by_place[(group_unit(c), c["qualifier"], c["value"])][place_key(c["place"])].append(c)
    out: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for (unit, qual, value), places in by_place.items():
        unplaced = places.pop("", [])
        if len(places) == 1:
            ((_, rows),) = places.items()
            places = {"": rows + unplaced}
        elif unplaced:
            places[""] = unplaced
        for rows in places.values():
            place = min((r["place"] for r in rows if r["place"]), default=None)
            out[(unit, qual, value, place)] = rows
    return out


def window_key(row: dict[str, Any]) -> tuple[Any, Any]:
    """(start, end) of a count's window; an end that is the publication day is open."""
    end = row["window_end"]
    if end is not None and end == row["published_on"]:
        end = None
    return row["window_start"], end


def count_rows(con: duckdb.DuckDBPyConnection, chosen: str | None = None
               ) -> list[dict[str, Any]]:
    """Every count with its article's outlet and publication day, as dicts; only the
    counts of the temp table ``chosen`` (fact_id) when given."""
    join = f" JOIN {chosen} f ON f.fact_id = c.count_id" if chosen else ""
    cur = con.execute(f"""
        SELECT c.count_id AS fact_id, c.article_id, a.outlet, c.quote, c.char_start,
               c.char_end, c.unit, c.event_type, c.qualifier, c.value, c.place, c.window_start,
               c.window_end, c.anchor_event_id, a.published_on
        FROM counts c JOIN articles a USING (article_id){join}""")
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _date_rows(con: duckdb.DuckDBPyConnection, chosen: str) -> list[tuple[Any, ...]]:
    """The dates of the temp table ``chosen`` (fact_id) a group can hold (a body or headline
    date with a value): (date_id, article_id, bound, start, end, published)."""
    return con.execute(f"""
        SELECT d.date_id, d.article_id,
               CASE WHEN d.span_unit IS NULL AND d.anchor_phrase IS NULL
                    THEN d.relation END AS bound,
               d.value_start, d.value_end, a.published_on
        FROM dates d JOIN {chosen} f ON f.fact_id = d.date_id
        JOIN articles a ON a.article_id = d.article_id
        ORDER BY d.date_id""").fetchall()


#: Every fact a group can hold, with a hash of every input the grouping reads of it (the
#: state kept in fact_group_inputs, migration 036): a count's grouped columns, a date's
#: bound and days, and for both the article's outlet, publication day and original source
#: (a group counts its members' outlets and independent sources).
_INPUTS = f"""
    WITH src AS ({_SOURCES})
    SELECT c.count_id AS fact_id, 'count' AS fact_kind,
           hash(c.article_id, c.unit, c.event_type, c.qualifier, c.value, c.place,
                c.window_start, c.window_end, a.published_on, a.outlet, s.original_source,
                s.relayed) AS h
    FROM counts c JOIN articles a USING (article_id) LEFT JOIN src s USING (article_id)
    UNION ALL
    SELECT d.date_id, 'date',
           hash(d.article_id, d.span_unit IS NULL AND d.anchor_phrase IS NULL, d.relation,
                d.value_start, d.value_end, a.published_on, a.outlet, s.original_source,
                s.relayed)
    FROM dates d JOIN sentences se USING (sentence_id)
    JOIN articles a ON a.article_id = d.article_id LEFT JOIN src s ON s.article_id = d.article_id
    WHERE d.value_start IS NOT NULL AND se.role IN ('body', 'headline')"""


def count_block(c: dict[str, Any]) -> str:
    """The counts grouped together (same_count reads no other): unit, qualifier, value."""
    return f"c\x1f{group_unit(c)}\x1f{c['qualifier']}\x1f{c['value']!r}"


def date_block(window: tuple[Any, Any] | None) -> str | None:
    """A date's group is its block: its day range (None: no group holds it)."""
    return None if window is None else f"d\x1f{window[0]}\x1f{window[1]}"


@functools.cache
def rules_digest() -> str:
    """A digest of the grouping's code: facts kept by other code are grouped again."""
    from factdb.lang import numbers, places

    code = "".join(inspect.getsource(m) for m in (sys.modules[__name__], numbers, places))
    return hashlib.sha1(code.encode()).hexdigest()[:16]


def resolve(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    """Group again the blocks whose facts changed since the last run (fact_group_inputs:
    a fact new, gone or with an input hashed otherwise; its last block and its block now),
    every fact of those blocks; every other fact keeps its group. With nothing kept, or
    rows kept by other code, every fact is changed: the whole run."""
    rules = rules_digest()
    kept, other = con.execute("SELECT count(*), count(*) FILTER (WHERE rules <> ?) "
                              "FROM fact_group_inputs", [rules]).fetchone() or (0, 0)
    whole = not kept or other
    if whole:
        for table in ("fact_groups", "fact_group_inputs"):
            con.execute(f"DELETE FROM {table}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _fg_now AS {_INPUTS}")
    try:
        _regroup(con, rules, bool(whole))
    finally:
        for table in ("_fg_now", "_fg_changed", "_fg_facts"):
            con.execute(f"DROP TABLE IF EXISTS temp.main.{table}")


def _regroup(con: duckdb.DuckDBPyConnection, rules: str, whole: bool) -> None:
    """Group again the facts of the blocks touched since the last run (every fact when
    ``whole``), and keep their inputs for the next."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _fg_changed AS
        SELECT coalesce(n.fact_id, o.fact_id) AS fact_id, n.fact_id IS NOT NULL AS present,
               o.block AS last_block
        FROM _fg_now n FULL OUTER JOIN fact_group_inputs o USING (fact_id)
        WHERE n.h IS DISTINCT FROM o.h""")
    touched = {b for (b,) in con.execute("SELECT DISTINCT last_block FROM _fg_changed "
                                         "WHERE last_block IS NOT NULL").fetchall()}
    # a fact gone whose row stays (no longer a body date with a value) leaves its group;
    # with nothing kept, any fact with a group that no group can hold now
    for table, key in (("counts", "count_id"), ("dates", "date_id")):
        gone = ("SELECT fact_id FROM _fg_changed WHERE NOT present" if not whole else
                f"SELECT {key} FROM {table} WHERE group_id IS NOT NULL "
                f"EXCEPT SELECT fact_id FROM _fg_now")
        con.execute(f"UPDATE {table} SET group_id = NULL WHERE group_id IS NOT NULL "
                    f"AND {key} IN ({gone})")
    con.execute("CREATE OR REPLACE TEMP TABLE _fg_facts AS "
                "SELECT fact_id FROM _fg_changed WHERE present")
    counts = count_rows(con, "_fg_facts")
    dates = _date_rows(con, "_fg_facts")
    blocks = {c["fact_id"]: count_block(c) for c in counts}
    blocks |= {d[0]: date_block(date_window(*d[2:])) for d in dates}
    touched |= {b for b in blocks.values() if b is not None}
    # the facts of the touched blocks that did not change: grouped again with the others
    con.register("_fg_blocks", pa.table({"block": pa.array(sorted(touched), pa.string())}))
    try:
        con.execute("""
            CREATE OR REPLACE TEMP TABLE _fg_facts AS
            SELECT fact_id FROM fact_group_inputs JOIN _fg_blocks USING (block)
            ANTI JOIN _fg_changed USING (fact_id)""")
        con.execute("DELETE FROM fact_groups WHERE group_id IN (SELECT DISTINCT group_id "
                    "FROM fact_group_inputs JOIN _fg_blocks USING (block))")
    finally:
        con.unregister("_fg_blocks")
    more = count_rows(con, "_fg_facts")
    counts += more
    blocks |= {c["fact_id"]: count_block(c) for c in more}
    more_dates = _date_rows(con, "_fg_facts")
    dates += more_dates
    blocks |= {d[0]: date_block(date_window(*d[2:])) for d in more_dates}
    groups = _group(con, counts, dates)
    # kept: the changed facts' rows anew, the others' group where it changed; the facts'
    # group_id written only where it changed (publish then rewrites no other row)
    con.execute("DELETE FROM fact_group_inputs WHERE fact_id IN "
                "(SELECT fact_id FROM _fg_changed)")
    con.register("_fg_kept", pa.table({
        "fact_id": pa.array(list(blocks), pa.string()),
        "block": pa.array(list(blocks.values()), pa.string()),
        "group_id": pa.array([groups.get(f) for f in blocks], pa.string())}))
    try:
        con.execute("""
            INSERT INTO fact_group_inputs (fact_id, fact_kind, h, block, group_id, rules)
            SELECT n.fact_id, n.fact_kind, n.h, k.block, k.group_id, ? FROM _fg_now n
            JOIN _fg_kept k USING (fact_id) SEMI JOIN _fg_changed c USING (fact_id)""",
                    [rules])
        for table, key in (("fact_group_inputs", "fact_id"), ("counts", "count_id"),
                           ("dates", "date_id")):
            con.execute(f"UPDATE {table} SET group_id = k.group_id FROM _fg_kept k "
                        f"WHERE {table}.{key} = k.fact_id "
                        f"AND {table}.group_id IS DISTINCT FROM k.group_id")
    finally:
        con.unregister("_fg_kept")


def _group(con: duckdb.DuckDBPyConnection, counts: list[dict[str, Any]],
           dates: list[tuple[Any, ...]]) -> dict[str, str]:
    """Group these facts (whole blocks), write their groups; fact id -> group id."""
    articles = {c["article_id"] for c in counts} | {d[1] for d in dates}
    con.register("_fg_chosen", pa.table({"article_id": pa.array(sorted(articles),
                                                                pa.string())}))
    try:
        sources = article_sources(con, "_fg_chosen")
        outlets = dict(con.execute("SELECT article_id, outlet FROM articles "
                                   "JOIN _fg_chosen USING (article_id)").fetchall())
    finally:
        con.unregister("_fg_chosen")
    members: dict[tuple[str, tuple[Any, ...]], list[tuple[str, str]]] = defaultdict(list)
    labels: dict[tuple[str, tuple[Any, ...]], str] = {}
    for (unit, qual, value, plc), rows in same_count(counts).items():
        for row in rows:
            ws, we = window_key(row)
            key: tuple[str, tuple[Any, ...]] = ("count", (unit, qual, value, plc, ws, we))
            members[key].append((row["fact_id"], row["article_id"]))
            labels[key] = count_label(unit, qual, value, plc, ws, we)
    for did, aid, bound, start, end, published in dates:
        window = date_window(bound, start, end, published)
        if window is None:
            continue
        vs, ve = window
        key = ("date", (vs, ve))
        members[key].append((did, aid))
        labels[key] = date_label(vs, ve)
    group_rows: list[dict[str, Any]] = []
    assign: dict[str, str] = {}
    for (kind, key), facts in members.items():
        group_id = "g" + kind[0] + hashlib.sha1(repr((kind, key)).encode()).hexdigest()[:12]
        articles_of = sorted({aid for _, aid in facts})
        originals = sorted({sources[a][0] for a in articles_of if a in sources})
        independent = len(originals) + sum(1 for a in articles_of if a not in sources)
        group_rows.append({
            "group_id": group_id, "fact_kind": kind, "label": labels[(kind, key)],
            "member_count": len(facts), "article_count": len(articles_of),
            "outlet_count": len({outlets.get(a) or a for a in articles_of}),
            "independent_source_count": independent,
            "relay_count": sum(1 for a in articles_of if a in sources and sources[a][1]),
            "original_sources": originals,
        })
        assign |= {fid: group_id for fid, _ in facts}
    db.insert_rows(con, "fact_groups", group_rows)
    return assign
