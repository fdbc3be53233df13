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
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import timedelta
from typing import Any

import duckdb
import pyarrow as pa

from factdb import db
from factdb.lang.numbers import GENERIC_EVENT_NOUNS
from factdb.lang.places import place_key
from factdb.runs import Run


def article_sources(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, bool]]:
    """The original reporter each article names (its most cited one), and whether the
    article relays it (the reporter is another outlet than the article's own)."""
    rows = con.execute("""
        SELECT article_id, original_source, bool_or(coalesce(is_relayed, false)), count(*) AS n
        FROM claims WHERE original_source IS NOT NULL GROUP BY article_id, original_source
        ORDER BY article_id, n DESC, original_source""").fetchall()
    out: dict[str, tuple[str, bool]] = {}
    for article_id, source, relayed, _ in rows:
        out.setdefault(article_id, (source, bool(relayed)))
    return out


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


def count_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every count with its article's outlet and publication day, as dicts."""
    cur = con.execute("""
        SELECT c.count_id AS fact_id, c.article_id, a.outlet, c.quote, c.char_start,
               c.char_end, c.unit, c.event_type, c.qualifier, c.value, c.place, c.window_start,
               c.window_end, c.anchor_event_id, a.published_on
        FROM counts c JOIN articles a USING (article_id)""")
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def resolve(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    sources = article_sources(con)
    outlets = dict(con.execute("SELECT article_id, outlet FROM articles").fetchall())
    con.execute("DELETE FROM fact_groups")
    dates = con.execute("""
        SELECT d.date_id, d.article_id,
               CASE WHEN d.span_unit IS NULL AND d.anchor_phrase IS NULL
                    THEN d.relation END AS bound,
               d.value_start, d.value_end, a.published_on
        FROM dates d JOIN sentences s USING (sentence_id)
        JOIN articles a ON a.article_id = d.article_id
        WHERE d.value_start IS NOT NULL AND s.role IN ('body', 'headline')
        ORDER BY d.date_id""").fetchall()
    members: dict[tuple[str, tuple[Any, ...]], list[tuple[str, str]]] = defaultdict(list)
    labels: dict[tuple[str, tuple[Any, ...]], str] = {}
    for (unit, qual, value, plc), rows in same_count(count_rows(con)).items():
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
    assign: dict[str, list[dict[str, Any]]] = {"count": [], "date": []}
    for (kind, key), facts in members.items():
        group_id = "g" + kind[0] + hashlib.sha1(repr((kind, key)).encode()).hexdigest()[:12]
        articles = sorted({aid for _, aid in facts})
        originals = sorted({sources[a][0] for a in articles if a in sources})
        independent = len(originals) + sum(1 for a in articles if a not in sources)
        group_rows.append({
            "group_id": group_id, "fact_kind": kind, "label": labels[(kind, key)],
            "member_count": len(facts), "article_count": len(articles),
            "outlet_count": len({outlets.get(a) or a for a in articles}),
            "independent_source_count": independent,
            "relay_count": sum(1 for a in articles if a in sources and sources[a][1]),
            "original_sources": originals,
        })
        assign[kind] += [{"fact_id": fid, "group_id": group_id} for fid, _ in facts]
    db.insert_rows(con, "fact_groups", group_rows)
    for kind, table, key_col in (("count", "counts", "count_id"), ("date", "dates", "date_id")):
        if assign[kind]:
            con.register("_groups", pa.Table.from_pylist(assign[kind]))
            con.execute(f"UPDATE {table} SET group_id = g.group_id FROM _groups g "
                        f"WHERE {table}.{key_col} = g.fact_id")
            con.unregister("_groups")
