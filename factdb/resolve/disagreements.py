"""Disagreements between sources, as typed rows with the evidence on every side.

- window: articles report the same count (unit, qualifier, value) over windows that start
  or end on different days, e.g. no shelling "since March 3" / "since the start of
  March" / "since the ceasefire";
- value: articles report different numbers for the same unit, place and window (or the
  same anchor event and relation);
- date: articles date the same event differently;
- place: articles place the same event in different places (not one inside the other).
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


PLACE_TYPES = ("GPE", "LOC", "FAC")


def place_disagreements(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None,
                                                                      dict[str, list[Any]]]]:
    """Articles that place one event in different places: the places named inside the
    trigger's place arguments ("in X", "the visit to X"), each side cited by that argument.
    Two places are no disagreement when one may lie in the other: one name holds the other
    ("Lorvik" and "Lorvik airport"), or one sentence of the event's articles names both
    ("in X, Y", "X in the Y region")."""
    rows = con.execute("""
        WITH args AS (
            SELECT m.mention_id, m.article_id, m.event_id, m.sentence_id,
                   unnest(m.place_starts) AS p_start, unnest(m.place_ends) AS p_end
            FROM event_mentions m WHERE len(coalesce(m.place_starts, [])) > 0)
        SELECT g.mention_id AS fact_id, g.article_id, a.outlet,
               substr(a.text, g.p_start + 1, g.p_end - g.p_start) AS quote,
               g.p_start AS char_start, g.p_end AS char_end, g.event_id, ev.label,
               e.entity_id, n.name
        FROM args g JOIN events ev ON ev.event_id = g.event_id
        JOIN articles a ON a.article_id = g.article_id
        JOIN entity_mentions e ON e.sentence_id = g.sentence_id
             AND e.char_start >= g.p_start AND e.char_end <= g.p_end
        JOIN entities n ON n.entity_id = e.entity_id
        WHERE n.entity_type IN ?
        ORDER BY g.event_id, g.article_id, g.p_start""", [list(PLACE_TYPES)]).fetchall()
    names = ["fact_id", "article_id", "outlet", "quote", "char_start", "char_end",
             "event_id", "label", "entity_id", "name"]
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for values in rows:
        by_event[values[6]].append(dict(zip(names, values, strict=True)))
    together = _named_together(con, {r["article_id"] for v in by_event.values() for r in v})
    out: list[tuple[str, str | None, dict[str, list[Any]]]] = []
    for event_id, found in by_event.items():
        places = {r["entity_id"]: r["name"] for r in found}
        articles: dict[str, set[str]] = defaultdict(set)
        for r in found:
            articles[r["entity_id"]].add(r["article_id"])

        ids = sorted(places)
        disputed = {p for i, x in enumerate(ids) for y in ids[i + 1:]
                    if _apart(places, articles, together, x, y) for p in (x, y)}
        if not disputed:
            continue
        positions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        seen: set[tuple[str, str]] = set()
        for r in found:
            if r["entity_id"] in disputed and (r["fact_id"], r["entity_id"]) not in seen:
                seen.add((r["fact_id"], r["entity_id"]))
                positions[places[r["entity_id"]]].append(_evidence(r))
        out.append((f"place of {found[0]['label']}", event_id, dict(positions)))
    return out


def _apart(places: dict[str, str], articles: dict[str, set[str]],
           together: set[frozenset[str]], x: str, y: str) -> bool:
    """Whether places x and y of one event are two positions: told by different articles,
    neither name holding the other, never named together in one sentence."""
    nx, ny = places[x].lower(), places[y].lower()
    return nx not in ny and ny not in nx and frozenset((x, y)) not in together \
        and len(articles[x] | articles[y]) >= 2 and articles[x] != articles[y]


def _named_together(con: duckdb.DuckDBPyConnection,
                    articles: set[str]) -> set[frozenset[str]]:
    """Pairs of places that one sentence of these articles names together."""
    if not articles:
        return set()
    return {frozenset((x, y)) for x, y in con.execute("""
        SELECT DISTINCT a.entity_id, b.entity_id
        FROM entity_mentions a JOIN entity_mentions b
             ON a.sentence_id = b.sentence_id AND a.entity_id < b.entity_id
        WHERE a.article_id IN ?""", [sorted(articles)]).fetchall()}


def resolve(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    con.execute("DELETE FROM disagreements")
    con.execute("DELETE FROM disagreement_sides")
    counts = [c for c in count_rows(con) if c["unit"] is not None]
    found = [("window", "count", *d) for d in window_disagreements(counts)]
    found += [("value", "count", *d) for d in value_disagreements(counts)]
    found += [("date", "event", *d) for d in date_disagreements(con)]
    found += [("place", "event", *d) for d in place_disagreements(con)]
    rows, sides = [], []
    for kind, fact_kind, subject, anchor, positions in found:
        row, side_rows = _disagreement(kind, fact_kind, subject, anchor, positions)
        rows.append(row)
        sides += side_rows
    db.insert_rows(con, "disagreements", rows)
    db.insert_rows(con, "disagreement_sides", sides)
