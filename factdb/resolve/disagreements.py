"""Disagreements between sources, as typed rows with the evidence on every side.

- window: articles report the same count (unit, qualifier, value) over windows that start
  or end on different days, e.g. no shelling "since March 3" / "since the start of
  March" / "since the ceasefire";
- value: articles report different numbers for the same unit, place and window (or the
  same anchor event and relation); or, with no window, articles of one story give one
  figure differently ("at least 14 miners" and "about fourteen miners" killed), or two
  sources inside one article do ("eight died, a nurse said"; "the mayor said seven");
- date: articles date the same event differently;
- place: articles place the same event in different places (not one inside the other);
- attribution: articles quote one speaker's remark in different words (disagreement_quotes).
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
from factdb.resolve.disagreement_places import place_disagreements
from factdb.resolve.disagreement_quotes import quote_disagreements
from factdb.resolve.disagreement_rows import chosen_articles, evidence
from factdb.resolve.fact_groups import count_label, count_rows, same_count, window_key
from factdb.resolve.unionfind import UnionFind
from factdb.runs import Run

#: Windows further apart than this are different periods, not a disagreement.
WINDOW_SLACK_DAYS = 31


#: a measure written as a modifier of a noun: "75-yard", "a 10-mile", "three-week"
_MODIFIER = re.compile(r"(?:an?\s+)?(?:[\d.,]+|[a-z]+)-[a-z]+(?:-[a-z]+)?", re.IGNORECASE)

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
        out.append((subject, anchor, {p: [evidence(r) for r in ev]
                                      for p, ev in positions.items()}))
    return out


def value_disagreements(counts: list[dict[str, Any]]) -> list[tuple[str, str | None,
                                                                    dict[str, list[Any]]]]:
    by_subject: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for c in counts:
        if window_key(c) == (None, None) and not c["anchor_event_id"]:
            continue  # a figure as of publication ("by today"): story_value_disagreements
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
        out.append((subject, anchor, {p: [evidence(r) for r in ev]
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
                        {p: [evidence(r) for r in ev] for p, ev in positions.items()}))
    return out


#: Counts of one event kind that tell one fact: a death is a killing ("five were killed",
#: "one fatality", "the death toll").
EVENT_CLASS = {"killing": "death", "death": "death"}
#: Units that name no particular kind of person: they join the one kind a story counts.
GENERIC_PEOPLE = frozenset({"person", "people", "individual", "victim", "fatality", "death",
                            "casualty", "body"})
#: Two figures without an event kind are one fact told differently only when this close
#: (relative to the larger): "47%" and "more than 46 percent", "40 years" and "50 years".
CLOSE_VALUES = 0.2
#: A later article's lower figure this close (relative to the higher) revises the earlier.
REVISION = 0.1
#: Two figures of one article told by two sources are one fact told two ways only when
#: this close (relative to the larger): "eight died" and "seven died".
INSIDE_CLOSE = 0.2
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
    """A count as a position: "at least 14", "about 4 billion", "5 to 6"."""
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


def _magnitude(r: dict[str, Any]) -> float:
    """A figure's size; a narrow range's is its middle ("5 to 6 years": 5.5), a wide one's
    (bounds further than CLOSE_VALUES from the middle) its lower bound."""
    if r["qualifier"] == "range" and r["value_high"] is not None:
        middle = abs(r["value_low"] + r["value_high"]) / 2
        if r["value_high"] - r["value_low"] <= 2 * CLOSE_VALUES * middle:
            return float(middle)
    return float(abs(r["value"]))


def _close_values(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two figures are close (CLOSE_VALUES); reads only their magnitudes."""
    x, y = _magnitude(a), _magnitude(b)
    return bool(max(x, y) > 0 and abs(x - y) <= CLOSE_VALUES * max(x, y))


def story_value_disagreements(con: duckdb.DuckDBPyConnection, story: dict[str, str]
                              ) -> list[tuple[str, str | None, dict[str, list[Any]]]]:
    """Articles of one story that give one figure differently: counts of the same kind of
    event and the same kind of thing ("at least 14 miners" killed, "about fourteen
    miners" killed; "one" killed, "at least five people" killed), or, for figures that
    name no event, of the same unit and close in value ("47%" and "more than 46 percent",
    "about $4 billion" and "over $4.5 billion"). Counts over a window or around an event are
    compared by window_disagreements and value_disagreements. An approximation and the
    exact figure it rounds ("about 25 percent", "24.9 percent") agree. Inside one article
    (an article told by no other is a story of its own), two sources that give one figure
    differently disagree too (_told_by_two); of figures with no event kind only sizes and
    distances (a fire's acres) are compared there, not sums or shares (a forecast and the
    analysts' estimate are two figures). ``story``: _stories."""
    cur = con.execute("""
        SELECT c.count_id AS fact_id, c.article_id, a.outlet, c.quote, c.char_start,
               c.char_end, c.unit, c.qualifier, c.value, c.value_low, c.value_high,
               c.event_type, c.event_date, c.quantity_kind, a.published_on, c.place,
               s.role = 'headline' AS in_headline, c.sentence_id, c.unit_basis,
               c.claim_id, cl.speaker, cl.speaker_entity_id,
               c.change IS NOT NULL OR c.from_value IS NOT NULL AS changed,
               EXISTS (SELECT 1 FROM dates d WHERE d.sentence_id = c.sentence_id
                       AND d.value_end < a.published_on - INTERVAL (?) DAY) AS long_ago
        FROM counts c JOIN articles a USING (article_id)
        JOIN sentences s ON s.sentence_id = c.sentence_id
        LEFT JOIN claims cl ON cl.claim_id = c.claim_id
        WHERE s.role IN ('headline', 'body') AND c.unit IS NOT NULL AND c.value IS NOT NULL
          AND c.window_start IS NULL AND c.anchor_event_id IS NULL
          AND (c.window_end IS NULL OR c.window_end = a.published_on)  -- "by today": as now
          AND c.qualifier <> 'none'
        ORDER BY c.article_id, c.char_start""", [PAST_DAYS])
    names = [d[0] for d in cur.description or []]
    typed: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    untyped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    found = _of_now([dict(zip(names, values, strict=True)) for values in cur.fetchall()],
                    story)
    keyed: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in found:
        if row["quantity_kind"] == "age" or row["unit_basis"] == "pair":
            continue  # the ages of a story are of different people, its scores, votes and
            #           margins of different games, plays and ballots: no figure of one fact
        keyed[_group_key(row)].append(row)
    # "12 of these workers", "including one child": a part, not the whole (read only
    # where a group gives two positions: the words around a count cost a read of its text)
    told_two = [r for rows in keyed.values() if len({r["position"] for r in rows}) > 1
                for r in rows]
    parts = _parts(_surroundings(con, found, {r["sentence_id"] for r in told_two}))
    for key, rows in keyed.items():
        kept = [r for r in rows if r["fact_id"] not in parts]
        if len(key) == 2:
            typed[(key[0], key[1])] += kept
        else:
            untyped[(key[0], key[1], key[2])] += kept
    groups: list[tuple[str, list[dict[str, Any]], bool]] = []  # subject, counts, inside
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
            groups.append((f"number of {unit} ({event.replace('_', ' ')})", members, True))
    for (_, _, kind), rows in untyped.items():
        if len({r["article_id"] for r in rows}) < 2 and (
                kind != "measure" or len({_source(r) for r in rows} - {None}) < 2):
            continue  # compared inside one article only for sizes and distances
        clusters: list[list[dict[str, Any]]] = []
        sizes: list[dict[float, dict[str, Any]]] = []  # per cluster, a row of each magnitude
        for r in sorted(rows, key=lambda r: (-_magnitude(r), r["fact_id"])):
            # close to every member: to one of each magnitude (all _close_values reads)
            home = next((i for i, size in enumerate(sizes)
                         if all(_close_values(r, o) for o in size.values())), None)
            if home is None:
                clusters.append([r])
                sizes.append({_magnitude(r): r})
            else:
                clusters[home].append(r)
                sizes[home].setdefault(_magnitude(r), r)
        for members in clusters:  # no event kind: weaker evidence of one fact
            inside = kind == "measure"
            if len({r["article_id"] for r in members}) > 1:
                # "a 75-yard drive": a measure written as a modifier is a property of its
                # noun (one play of many), not the size of the one thing a story tells
                members = [r for r in members if not _MODIFIER.fullmatch(r["quote"])]
            if len(members) > 1 and (inside or _told_apart(members)):
                groups.append((f"{members[0]['unit']} figure near "
                               f"{_fmt(members[0]['value'])}", members, inside))
    out: list[tuple[str, str | None, dict[str, list[Any]]]] = []
    for subject, members, inside in groups:
        disputed = _disputed(members, inside)
        if not disputed:
            continue
        positions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in members:
            if r["position"] in disputed:  # a figure that disputes none is no side
                positions[r["position"]].append(r)
        out.append((subject, None, {p: [evidence(r) for r in ev]
                                    for p, ev in positions.items()}))
    return out


def _group_key(row: dict[str, Any]) -> tuple[str, ...]:
    """The figures a figure is compared with: of its story and event kind (a death is a
    killing), else of its story, unit and kind of quantity."""
    if row["event_type"]:
        return (row["story"], EVENT_CLASS.get(row["event_type"], row["event_type"]))
    return (row["story"], _unit_key(row["unit"]), row["quantity_kind"] or "")


def _of_now(rows: list[dict[str, Any]], story: dict[str, str]) -> list[dict[str, Any]]:
    """The figures of the story's time, each with its ``story`` and ``position``: a figure
    of a sentence dated long ago (PAST_DAYS) tells of another time ("the 2007 earthquake,
    which killed more than 500"), unless another article gives it alike, undated, in its
    group (_group_key, and the same unit): the story's figure, dated by the one article."""
    now: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    for r in rows:
        r["position"] = _position(r)
        r["story"] = story.get(r["article_id"], r["article_id"])  # alone: its own story
        r["alike"] = (*_group_key(r), _unit_key(r["unit"]), r["position"])
        if not r["long_ago"]:
            now[r["alike"]].add(r["article_id"])
    return [r for r in rows if not r["long_ago"] or now[r["alike"]] - {r["article_id"]}]


def _told_apart(rows: list[dict[str, Any]]) -> bool:
    """Whether two articles give figures with no position in common: an article that gives
    both "four sources" and "five sources" counts two things, not one fact two ways."""
    told: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        told[r["article_id"]].add(r["position"])
    sets = list({frozenset(t) for t in told.values()})  # articles that give the same share it
    return any(not a & b for i, a in enumerate(sets) for b in sets[i + 1:])


def _disputed(rows: list[dict[str, Any]], inside: bool) -> set[str]:
    """The positions two articles give differently (figures that are not one rounding the
    other, of no two places), and, when ``inside``, those two sources inside one article
    give differently (_told_by_two). A position is disputed once one of its figures
    disputes one figure of another position."""
    by_position: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_position[r["position"]].append(r)
    out: set[str] = set()
    for p, mine in by_position.items():
        if p in out:
            continue
        for q, theirs in by_position.items():
            if q != p and any(_disputes(a, b, inside) for a in mine for b in theirs):
                out |= {p, q}
                break
    return out


def _disputes(a: dict[str, Any], b: dict[str, Any], inside: bool) -> bool:
    """Whether two figures of different positions dispute one fact."""
    if _rounds_to(a, b) or _rounds_to(b, a) or _elsewhere(a, b):
        return False
    if a["article_id"] == b["article_id"]:
        return inside and _told_by_two(a, b)
    return not (_update(a, b) or _update(b, a))


def _elsewhere(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Figures of two places ("1,200 troops in Chad and 300 in Niger") are two facts."""
    pa, pb = place_key(a["place"]), place_key(b["place"])
    return bool(pa and pb and pa != pb)


#: A part of a whole another figure counts: "12 of these workers", "three of them",
#: "including one child".
PART = re.compile(r"\bof (?:these|those|them|whom|which|the \d[\d,.]*)\b", re.I)
PART_TRAIL = re.compile(r"\s+of (?:these|those|them|whom|which)\b", re.I)
PART_LEAD = re.compile(r"\b(?:including|includes|among them|among whom|of whom|of them)"
                       r"\W*$", re.I)
#: Speakers that name no one: a pronoun left unresolved may be any source of the article.
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})


def _surroundings(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]],
                  sentences: set[str]) -> list[dict[str, Any]]:
    """The counts of these sentences, each with the words before (``lead``) and after
    (``trail``) it."""
    chosen = [r for r in rows if r["sentence_id"] in sentences]
    if not chosen:
        return []
    with chosen_articles(con, {r["article_id"] for r in chosen}):
        texts = dict(con.execute("SELECT article_id, text FROM articles "
                                 "JOIN _chosen USING (article_id)").fetchall())
    for r in chosen:
        text = texts[r["article_id"]]
        r["lead"] = text[max(r["char_start"] - 24, 0):r["char_start"]]
        r["trail"] = text[r["char_end"]:r["char_end"] + 15]
    return chosen


def _parts(rows: list[dict[str, Any]]) -> set[str]:
    """The counts that count a part of a whole: "12 of these workers", "including one
    child", and the bare numbers after such a part that take its noun ("12 of these
    workers treated for burns, three for smoke")."""
    part = {r["fact_id"] for r in rows if PART.search(r["quote"])
            or PART_LEAD.search(r["lead"] or "") or PART_TRAIL.match(r["trail"] or "")}
    first: dict[str, int] = {}
    for r in rows:
        if r["fact_id"] in part:
            first[r["sentence_id"]] = min(first.get(r["sentence_id"], r["char_start"]),
                                          r["char_start"])
    return part | {r["fact_id"] for r in rows if r["unit_basis"] == "sentence"
                   and r["char_start"] > first.get(r["sentence_id"], r["char_start"])}


def _source(row: dict[str, Any]) -> str | None:
    """Who tells a count in its article: the speaker of its claim (the resolved entity,
    else the words), or the reporter for a count told by no one else; None for a pronoun
    that no entity resolves."""
    if row["claim_id"] is None:
        return "(the reporter)"
    if row["speaker_entity_id"]:
        return str(row["speaker_entity_id"])
    speaker = (row["speaker"] or "").strip().lower()
    return None if not speaker or speaker in PRONOUNS else speaker


def _told_by_two(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two figures of one article that dispute one fact: told by two known, different
    sources ("eight died, a nurse said", "the mayor said seven"), neither a change ("rose
    to 12") nor in the headline (which cuts the body's figure short); either the same
    number, once exact and once a bound or an approximation ("40 people", "at least 40"),
    or two points (exact or about) within INSIDE_CLOSE of each other ("18,300 acres",
    "18,000 acres"). Two numbers far apart in one article are more likely two things (the
    toll of today and of an earlier attack) than one disputed; a bound beside another
    number ("612 cases", "more than 600") does not contradict it."""
    sa, sb = _source(a), _source(b)
    if sa is None or sb is None or sa == sb or a["changed"] or b["changed"]:
        return False
    if a["in_headline"] or b["in_headline"]:
        return False  # a headline cuts its body's figure short ("kills 17", "at least 17")
    if a["qualifier"] == "range" or b["qualifier"] == "range":
        return False
    if a["value"] == b["value"]:
        return "exact" in (a["qualifier"], b["qualifier"])
    points = {"exact", "about"}
    return a["qualifier"] in points and b["qualifier"] in points and \
        abs(a["value"] - b["value"]) <= INSIDE_CLOSE * max(abs(a["value"]), abs(b["value"]))


def _update(early: dict[str, Any], late: dict[str, Any]) -> bool:
    """A new count in an article published on a later day updates the earlier one: a toll
    that rose ("at least 17", then "19"), or a figure revised down a little (a margin a
    recount cut from 312 to 298, within REVISION, with the same qualifier); it is no
    disagreement. The same number told differently ("at least 14", "about fourteen"), a
    bound after a figure ("47%", then "more than 46 percent") or a far lower one is."""
    if early["published_on"] is None or late["published_on"] is None or \
            early["published_on"] >= late["published_on"] or early["value"] == late["value"]:
        return False
    if (early["quantity_kind"] or "count") != "count":
        return False  # a sum, a share or a length of one fact does not grow with the news
    low, high = sorted((abs(early["value"]), abs(late["value"])))
    if late["value"] > early["value"]:
        return True
    # a figure revised down is told as a figure the way the first was; a bound or an
    # approximation of it ("more than 46 percent" after "47%") tells it differently
    return bool(early["qualifier"] == late["qualifier"] and high - low <= REVISION * high)


def resolve(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    con.execute("DELETE FROM disagreements")
    con.execute("DELETE FROM disagreement_sides")
    counts = [c for c in count_rows(con) if c["unit"] is not None]
    found = [("window", "count", *d) for d in window_disagreements(counts)]
    found += [("value", "count", *d) for d in value_disagreements(counts)]
    story = _stories(con)
    found += [("value", "count", *d) for d in story_value_disagreements(con, story)]
    found += [("date", "event", *d) for d in date_disagreements(con)]
    found += [("place", "event", *d) for d in place_disagreements(con)]
    found += [("attribution", "claim", *d) for d in quote_disagreements(con, story)]
    rows, sides = [], []
    for kind, fact_kind, subject, anchor, positions in found:
        row, side_rows = _disagreement(kind, fact_kind, subject, anchor, positions)
        rows.append(row)
        sides += side_rows
    db.insert_rows(con, "disagreements", rows)
    db.insert_rows(con, "disagreement_sides", sides)
