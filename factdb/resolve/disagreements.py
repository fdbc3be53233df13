"""Disagreements between sources, as typed rows with the evidence on every side.

- window: articles report the same count (unit, qualifier, value) over windows that start
  or end on different days, e.g. no shelling "since March 3" / "since the start of
  March" / "since the ceasefire";
- value: articles report different numbers for the same unit, place and window (or the
  same anchor event and relation); or, with no window, articles of one story give one
  figure differently ("at least 12 soldiers" and "about twelve soldiers" killed);
- date: articles date the same event differently;
- place: articles place the same event in different places (not one inside the other).
Each position is a side; each fact that supports it is a row of disagreement_sides.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from datetime import date
from typing import Any

import duckdb

from factdb import db
from factdb.lang.places import place_key
from factdb.resolve.events import NAME_BEFORE
from factdb.resolve.fact_groups import count_label, count_rows, same_count, window_key
from factdb.resolve.unionfind import UnionFind
from factdb.runs import Run

#: Windows further apart than this are different periods, not a disagreement.
WINDOW_SLACK_DAYS = 31


def _disagreement(kind: str, fact_kind: str, subject: str, anchor: str | None,
                  sides: dict[str, list[dict[str, Any]]]) -> tuple[dict[str, Any],
                                                                   list[dict[str, Any]]]:
    key = f"{kind}|{fact_kind}|{subject}|{sorted(sides)}"
    if anchor is None:  # no event names it: two stories may dispute one subject alike
        key += "|" + ",".join(sorted(str(e["fact_id"]) for ev in sides.values() for e in ev))
    did = "dg" + hashlib.sha1(key.encode()).hexdigest()[:12]
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


#: Counts of one event kind that tell one fact: a death is a killing ("five were killed",
#: "one fatality", "the death toll").
EVENT_CLASS = {"killing": "death", "death": "death"}
#: Units that name no particular kind of person: they join the one kind a story counts.
GENERIC_PEOPLE = frozenset({"person", "people", "individual", "victim", "fatality", "death",
                            "casualty", "body"})
#: Two figures without an event kind are one fact told differently only when this close
#: (relative to the larger): "59%" and "more than 58 percent", "40 years" and "50 years".
CLOSE_VALUES = 0.2
#: A later article's lower figure this close (relative to the higher) revises the earlier.
REVISION = 0.1
#: A count whose sentence is dated further back than this before its article's
#: publication tells of an earlier event than the story's.
PAST_DAYS = 60


def _stories(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Article -> story: articles linked by an event that both tell."""
    uf: UnionFind[str] = UnionFind()
    for (articles,) in con.execute("""
            SELECT list(DISTINCT article_id ORDER BY article_id) FROM event_mentions
            WHERE event_id IS NOT NULL GROUP BY event_id
            HAVING count(DISTINCT article_id) > 1""").fetchall():
        for other in articles[1:]:
            uf.union(articles[0], other)
    return {a: uf.find(a) for a in list(uf.parent)}


def _unit_key(unit: str) -> str:
    """A unit with its spelling variants folded ("protester", "protestor")."""
    u = unit.lower().strip()
    return u[:1] + re.sub(r"[aeiouy]", "", u[1:])


def _position(row: dict[str, Any]) -> str:
    """A count as a position: "at least 22", "about 10 billion", "5 to 6"."""
    if row["qualifier"] == "range" and row["value_high"] is not None:
        return f"{_fmt(row['value_low'])} to {_fmt(row['value_high'])}"
    return count_label(None, row["qualifier"], row["value"], None, None, None).replace(
        " item", "")


def _fmt(value: Any) -> str:
    return count_label(None, "exact", value, None, None, None).replace(" item", "")


def _rounds_to(about: dict[str, Any], exact: dict[str, Any]) -> bool:
    """An approximation of a precise figure is the same statement ("about 25 percent",
    "24.9 percent"): the exact value rounds to the approximate one."""
    if about["qualifier"] != "about" or exact["qualifier"] != "exact":
        return False
    a, e = about["value"], exact["value"]
    if a == 0 or a != round(a):
        return False
    step = 10 ** max(len(str(int(abs(a)))) - 2, 0) if a >= 1000 else 1
    return bool(abs(a - e) <= step / 2)


def _close_values(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two figures are close (CLOSE_VALUES); reads only their magnitudes."""
    x, y = abs(a["value"]), abs(b["value"])
    return bool(max(x, y) > 0 and abs(x - y) <= CLOSE_VALUES * max(x, y))


def story_value_disagreements(con: duckdb.DuckDBPyConnection
                              ) -> list[tuple[str, str | None, dict[str, list[Any]]]]:
    """Articles of one story that give one figure differently: counts of the same kind of
    event and the same kind of thing ("at least 12 soldiers" killed, "about twelve
    soldiers" killed; "one" killed, "at least five people" killed), or, for figures that
    name no event, of the same unit and close in value ("59%" and "more than 58 percent",
    "about $10 billion" and "over $11 billion"). Counts over a window or around an event are
    compared by window_disagreements and value_disagreements. An approximation and the
    exact figure it rounds ("about 25 percent", "24.9 percent") agree."""
    story = _stories(con)
    cur = con.execute("""
        SELECT c.count_id AS fact_id, c.article_id, a.outlet, c.quote, c.char_start,
               c.char_end, c.unit, c.qualifier, c.value, c.value_low, c.value_high,
               c.event_type, c.event_date, c.quantity_kind, a.published_on
        FROM counts c JOIN articles a USING (article_id)
        JOIN sentences s ON s.sentence_id = c.sentence_id
        WHERE s.role IN ('headline', 'body') AND c.unit IS NOT NULL AND c.value IS NOT NULL
          AND c.window_start IS NULL AND c.window_end IS NULL AND c.anchor_event_id IS NULL
          AND c.qualifier <> 'none'
          AND NOT EXISTS (  -- "the 2007 earthquake, which killed more than 500": another time
              SELECT 1 FROM dates d WHERE d.sentence_id = c.sentence_id
              AND d.value_end < a.published_on - INTERVAL (?) DAY)
        ORDER BY c.article_id, c.char_start""", [PAST_DAYS])
    names = [d[0] for d in cur.description or []]
    typed: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    untyped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for values in cur.fetchall():
        row = dict(zip(names, values, strict=True))
        if row["article_id"] not in story:
            continue
        sid = story[row["article_id"]]
        if row["quantity_kind"] == "age":
            continue  # the ages of a story are of different people: no figure of one fact
        if row["event_type"]:
            typed[(sid, EVENT_CLASS.get(row["event_type"], row["event_type"]))].append(row)
        else:
            untyped[(sid, _unit_key(row["unit"]), row["quantity_kind"] or "")].append(row)
    groups: list[tuple[str, list[dict[str, Any]]]] = []
    for (_, event), rows in typed.items():
        specific = defaultdict(list)
        generic = []
        for r in rows:
            if r["unit"].lower() in GENERIC_PEOPLE:
                generic.append(r)
            else:
                specific[_unit_key(r["unit"])].append(r)
        if len(specific) == 1:
            ((_, only),) = specific.items()
            only += generic
        elif generic:
            specific["person"] = generic
        for members in specific.values():
            unit = min(r["unit"] for r in members if r["unit"].lower() not in GENERIC_PEOPLE) \
                if any(r["unit"].lower() not in GENERIC_PEOPLE for r in members) else "people"
            groups.append((f"number of {unit} ({event.replace('_', ' ')})", members))
    for (_, _, _), rows in untyped.items():
        clusters: list[list[dict[str, Any]]] = []
        sizes: list[dict[float, dict[str, Any]]] = []  # per cluster, a row of each magnitude
        for r in sorted(rows, key=lambda r: (-abs(r["value"]), r["fact_id"])):
            # close to every member: to one of each magnitude (all _close_values reads)
            home = next((i for i, size in enumerate(sizes)
                         if all(_close_values(r, o) for o in size.values())), None)
            if home is None:
                clusters.append([r])
                sizes.append({abs(r["value"]): r})
            else:
                clusters[home].append(r)
                sizes[home].setdefault(abs(r["value"]), r)
        for members in clusters:  # no event kind: weaker evidence of one fact
            if _told_apart(members):
                groups.append((f"{members[0]['unit']} figure near "
                               f"{_fmt(members[0]['value'])}", members))
    out: list[tuple[str, str | None, dict[str, list[Any]]]] = []
    for subject, members in groups:
        positions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in members:
            positions[_position(r)].append(r)
        if not _disputed(members):
            continue
        out.append((subject, None, {p: [_evidence(r) for r in ev]
                                    for p, ev in positions.items()}))
    return out


def _told_apart(rows: list[dict[str, Any]]) -> bool:
    """Whether two articles give figures with no position in common: an article that gives
    both "four sources" and "five sources" counts two things, not one fact two ways."""
    told: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        told[r["article_id"]].add(_position(r))
    sets = list({frozenset(t) for t in told.values()})  # articles that give the same share it
    return any(not a & b for i, a in enumerate(sets) for b in sets[i + 1:])


def _disputed(rows: list[dict[str, Any]]) -> bool:
    """Whether two articles give different figures (that are not one rounding the other)."""
    for i, a in enumerate(rows):
        for b in rows[i + 1:]:
            if a["article_id"] == b["article_id"] or _position(a) == _position(b):
                continue
            if not (_rounds_to(a, b) or _rounds_to(b, a) or _update(a, b) or _update(b, a)):
                return True
    return False


def _update(early: dict[str, Any], late: dict[str, Any]) -> bool:
    """A new count in an article published on a later day updates the earlier one: a toll
    that rose ("at least 17", then "19"), or a figure revised down a little (a margin a
    recount cut from 312 to 298, within REVISION, with the same qualifier); it is no
    disagreement. The same number told differently ("at least 12", "about twelve"), a
    bound after a figure ("59%", then "more than 58 percent") or a far lower one is."""
    if early["published_on"] is None or late["published_on"] is None or \
            early["published_on"] >= late["published_on"] or early["value"] == late["value"]:
        return False
    if (early["quantity_kind"] or "count") != "count":
        return False  # a sum, a share or a length of one fact does not grow with the news
    low, high = sorted((abs(early["value"]), abs(late["value"])))
    if late["value"] > early["value"]:
        return True
    # a figure revised down is told as a figure the way the first was; a bound or an
    # approximation of it ("more than 58 percent" after "59%") tells it differently
    return bool(early["qualifier"] == late["qualifier"] and high - low <= REVISION * high)


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
               e.entity_id, n.name, a.text[greatest(e.char_start - 24, 0) + 1:e.char_start]
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
    for *values, lead in rows:
        if not NAME_BEFORE.search(lead or ""):  # not "France" of "the Stade de France"
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
    found += [("value", "count", *d) for d in story_value_disagreements(con)]
    found += [("date", "event", *d) for d in date_disagreements(con)]
    found += [("place", "event", *d) for d in place_disagreements(con)]
    rows, sides = [], []
    for kind, fact_kind, subject, anchor, positions in found:
        row, side_rows = _disagreement(kind, fact_kind, subject, anchor, positions)
        rows.append(row)
        sides += side_rows
    db.insert_rows(con, "disagreements", rows)
    db.insert_rows(con, "disagreement_sides", sides)
