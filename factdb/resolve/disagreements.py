"""Disagreements between sources, as typed rows with the evidence on every side.

- window: articles report the same count (unit, qualifier, value) over windows that start
  or end on different days, e.g. no shelling "since March 3" / "since the start of
  March" / "since the ceasefire";
- value: articles report different numbers for the same unit, place and window (or the
  same anchor event and relation);
- date: articles date the same event differently.
Each position is a side; each fact that supports it is a row of disagreement_sides.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date
from typing import Any

import duckdb

from factdb import db
from factdb.lang.places import place_key
from factdb.resolve.fact_groups import count_label, count_rows, same_count, window_key
from factdb.runs import Run

#: Windows further apart than this are different periods, not a disagreement.
WINDOW_SLACK_DAYS = 31


def _disagreement(kind: str, fact_kind: str, subject: str, anchor: str | None,
                  sides: dict[str, list[dict[str, Any]]]) -> tuple[dict[str, Any],
                                                                   list[dict[str, Any]]]:
    did = "dg" + hashlib.sha1(f"{kind}|{fact_kind}|{subject}|{sorted(sides)}".encode()
                              ).hexdigest()[:12]
    articles = {e["article_id"] for ev in sides.values() for e in ev}
    row = {"disagreement_id": did, "kind": kind, "fact_kind": fact_kind, "subject": subject,
           "anchor_event_id": anchor, "side_count": len(sides),
           "article_count": len(articles)}
    side_rows = []
    for n, position in enumerate(sorted(sides), start=1):
        for ev in sides[position]:
            side_rows.append({"disagreement_id": did, "side": n, "position": position, **ev})
    return row, side_rows


EVIDENCE = ("fact_id", "article_id", "outlet", "quote", "char_start", "char_end")


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in EVIDENCE}


def _close(a: date | None, b: date | None) -> bool:
    return a is not None and b is not None and abs((a - b).days) <= WINDOW_SLACK_DAYS


def _window_position(row: dict[str, Any]) -> str:
    """A window as a position; a window open until publication is "since <start>"."""
    start, end = window_key(row)
    if start and end is None:
        return f"since {start}"
    return f"{start or '?'} to {end or '?'}"


def window_disagreements(counts: list[dict[str, Any]]) -> list[tuple[str, str | None,
                                                                     dict[str, list[Any]]]]:
    out = []
    for (unit, qual, value, place), rows in same_count(
            [c for c in counts if c["window_start"] is not None
             or c["window_end"] is not None]).items():
        positions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            positions[_window_position(r)].append(r)
        if len(positions) < 2 or len({r["article_id"] for r in rows}) < 2:
            continue
        starts = [r["window_start"] for r in rows if r["window_start"]]
        if starts and not all(_close(s, starts[0]) for s in starts):
            continue  # different periods, not the same fact told differently
        # only the start or only the end differs: a disagreement over the window
        anchor = next((r["anchor_event_id"] for r in rows if r["anchor_event_id"]), None)
        subject = count_label(unit, qual, value, place, None, None) + ": different windows"
        out.append((subject, anchor, {p: [_evidence(r) for r in ev]
                                      for p, ev in positions.items()}))
    return out


def value_disagreements(counts: list[dict[str, Any]]) -> list[tuple[str, str | None,
                                                                    dict[str, list[Any]]]]:
    by_subject: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for c in counts:
        if c["window_start"] is None and c["window_end"] is None and not c["anchor_event_id"]:
            continue
        by_subject[(c["unit"], place_key(c["place"]), *window_key(c))].append(c)
    out = []
    for (unit, _, ws, we), rows in by_subject.items():
        place = min((r["place"] for r in rows if r["place"]), default=None)
        positions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            positions[count_label(None, r["qualifier"], r["value"], None, None, None).replace(
                " item", "")].append(r)
        if len(positions) < 2 or len({r["article_id"] for r in rows}) < 2:
            continue
        anchor = next((r["anchor_event_id"] for r in rows if r["anchor_event_id"]), None)
        subject = f"number of {unit}" + (f" in {place}" if place else "") + \
            (f" (since {ws})" if ws and not we else f" ({ws or '?'} to {we or '?'})")
        out.append((subject, anchor, {p: [_evidence(r) for r in ev]
                                      for p, ev in positions.items()}))
    return out


def date_disagreements(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None,
                                                                     dict[str, list[Any]]]]:
    cur = con.execute("""
        SELECT m.mention_id AS fact_id, m.article_id, a.outlet, m.quote, m.char_start,
               m.char_end, m.event_id, e.label, d.value_start
        FROM event_mentions m JOIN events e USING (event_id)
        JOIN dates d ON d.date_id = m.date_id JOIN articles a ON a.article_id = m.article_id
        WHERE d.value_start IS NOT NULL AND d.value_start = d.value_end""")
    names = [d[0] for d in cur.description or []]
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for values in cur.fetchall():
        row = dict(zip(names, values, strict=True))
        by_event[row["event_id"]].append(row)
    out: list[tuple[str, str | None, dict[str, list[Any]]]] = []
    for event_id, rows in by_event.items():
        positions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            positions[r["value_start"].isoformat()].append(r)
        if len(positions) >= 2 and len({r["article_id"] for r in rows}) >= 2:
            out.append((f"date of {rows[0]['label']}", event_id,
                        {p: [_evidence(r) for r in ev] for p, ev in positions.items()}))
    return out


def resolve(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    con.execute("DELETE FROM disagreements")
    con.execute("DELETE FROM disagreement_sides")
    counts = [c for c in count_rows(con) if c["unit"] is not None]
    found = [("window", "count", *d) for d in window_disagreements(counts)]
    found += [("value", "count", *d) for d in value_disagreements(counts)]
    found += [("date", "event", *d) for d in date_disagreements(con)]
    rows, sides = [], []
    for kind, fact_kind, subject, anchor, positions in found:
        row, side_rows = _disagreement(kind, fact_kind, subject, anchor, positions)
        rows.append(row)
        sides += side_rows
    db.insert_rows(con, "disagreements", rows)
    db.insert_rows(con, "disagreement_sides", sides)
