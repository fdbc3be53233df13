"""Cross-document event coreference: local events of every article become events.

Two local events (one per article and key, from factdb.extract.events) are the same
event when they have the same type, compatible dates and some evidence of identity:
a shared participant or place (an entity named in the sentences that mention them), the
same event name ("Hurricane Zeta" in both), or, on the same day, articles that already tell a
common event (the same story) or name a common person. Days at most MAX_DATE_SLIP apart
merge with stronger evidence (a name, a participant and a place, two shared entities, or
one in articles of the same story); the event takes the best-attested day and the other
days become a `date` disagreement. A local event dated only by a month or a year joins
only events whose day falls in it. Time constrains every merge of an undated one
(factdb.resolve.event_constraints): never an event after its article's publication, none
at all from an article of unknown time but by name, none told more than STORY_DAYS
before its article unless an article of its weeks dates it; and two articles are one
story only when published at most STORY_DAYS apart. Runs after entity resolution; the
rules are in docs/events.md and docs/adr/0006.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import duckdb

from factdb import db
from factdb.resolve.event_blocks import UndatedBlocks, dated_pairs, may_pair
from factdb.resolve.event_constraints import (
    in_period,
    joins_dated,
    names_one_event,
    nested_periods,
    placed_on,
    places_differ,
    published_apart,
    published_near,
    times_conflict,
    told_apart,
    told_elsewhere,
    told_near,
)
from factdb.resolve.event_labels import label as _label
from factdb.resolve.local_events import (  # noqa: F401  (LocalEvent, event_name: API)
    LocalEvent,
    event_name,
)
from factdb.resolve.local_events import read as _local_events
from factdb.resolve.unionfind import UnionFind
from factdb.runs import Run

MAX_DATE_SLIP = 3
#: Content words two undated local events of one story share to be told as one.
SHARED_WORDS = 2
#: Entities two undated local events share to be one without a shared place (a
#: militia, an army and a valley named with both: the same killing).
SHARED_ENTITIES = 3


class _UnionFind(UnionFind[str]):
    """Groups of local events. A group never holds two dated local events of one article:
    the article tells them apart ("the quake on Monday, the aftershock on Thursday", "the
    protests in two cities on Thursday"), so no other article can make them one; nor two
    local events one sentence tells apart by a clause of time ("The attack comes two days
    after ... a drone attack": LocalEvent.apart)."""

    def __init__(self) -> None:
        super().__init__()
        self.days: dict[str, dict[str, set[str]]] = {}  # root -> article -> dated local keys
        self.apart: dict[str, set[str]] = {}  # root -> local keys its members are not
        self.editions: dict[str, set[int]] = {}  # root -> editions its members are told with
        self.members: dict[str, list[str]] = {}
        #: (local key, local key, score) of every cross-document merge made
        self.links: list[tuple[str, str, float]] = []

    def link(self, a: LocalEvent, b: LocalEvent, score: float) -> bool:
        """Union with the merge's score recorded."""
        if self.find(a.key) == self.find(b.key):
            return True
        if not self.union(a.key, b.key):
            return False
        if a.article_id != b.article_id:
            self.links.append((a.key, b.key, score))
        return True

    def add(self, ev: LocalEvent) -> None:
        self.find(ev.key)
        self.members[ev.key] = [ev.key]
        if ev.apart:
            self.apart[ev.key] = set(ev.apart)
        if ev.day is not None:
            self.days[ev.key] = {ev.article_id: {ev.key}}
        if ev.editions:
            self.editions[ev.key] = set(ev.editions)

    def allowed(self, root_a: str, root_b: str) -> bool:
        da, db_ = self.days.get(root_a, {}), self.days.get(root_b, {})
        if any(da[article] != db_[article] for article in da.keys() & db_.keys()):
            return False
        ea, eb = self.editions.get(root_a), self.editions.get(root_b)
        if ea and eb and not ea & eb:
            return False  # "Grand Cup XL" is not "Grand Cup 31"
        apart_a, apart_b = self.apart.get(root_a, set()), self.apart.get(root_b, set())
        return not (apart_a and apart_a.intersection(self.members.get(root_b, [root_b])) or
                    apart_b and apart_b.intersection(self.members.get(root_a, [root_a])))

    def merged(self, root: str, child: str) -> None:
        self.members.setdefault(root, [root]).extend(self.members.pop(child, [child]))
        merged = {k: set(v) for k, v in self.days.get(root, {}).items()}
        for article, days in self.days.get(child, {}).items():
            merged.setdefault(article, set()).update(days)
        self.days.pop(child, None)
        if merged:
            self.days[root] = merged
        apart = self.apart.pop(child, set())
        if apart:
            self.apart.setdefault(root, set()).update(apart)
        editions = self.editions.pop(child, set())
        if editions:
            self.editions.setdefault(root, set()).update(editions)



def _compatible(a: LocalEvent, b: LocalEvent, linked: bool = False) -> bool:
    """Whether two local events of one type (in different articles) are one event; linked
    says their articles already tell a common event (the same story)."""
    shared = a.entity_set & b.entity_set
    shared_participant = bool(set(a.participants) & set(b.participants))
    shared_place = bool(set(a.places) & set(b.places))
    named = bool(a.names & b.names)
    da, dbb = a.day, b.day
    if a.series != b.series:
        return False  # a series of events is not one of them
    if places_differ(a, b) and not (da is not None and da == dbb and
                                     set(a.arg_participants) & set(b.arg_participants)):
        return False  # told in different places: two events (one day, one actor: one)
    if da is not None and dbb is not None:
        if da == dbb:  # the same day: any shared entity, the story's when a side names none
            return bool(shared) or named or linked or bool(a.story_people & b.story_people)
        if abs((da - dbb).days) > MAX_DATE_SLIP:
            return False
        return named or (shared_participant and shared_place) or len(shared) >= 2 or \
            (linked and bool(shared))
    pa, pb = a.period, b.period
    if (da is not None and not in_period(da, pb)) or (dbb is not None and not in_period(dbb, pa)):
        return False
    if pa is not None and pb is not None and (pa[1] < pb[0] or pb[1] < pa[0]):
        return False
    if not named and (told_apart(a, b) or told_apart(b, a)):
        return False  # its own article dates that event and tells this one as another
    if da is not None or dbb is not None:
        dated, undated = (a, b) if da is not None else (b, a)
        assert dated.day is not None
        return placed_on(undated, dated.day, named) and (named or told_near(undated, dated)) \
            and (shared_participant or shared_place or named)
    if published_apart(a, b) and not (named or linked or (pa is not None and pb is not None)):
        return False  # undated in articles a month or more apart: a name or the story ties them
    return named or (shared_participant and shared_place) or len(shared) >= SHARED_ENTITIES or \
        (linked and (len(shared) >= 2 or bool(set(a.arg_places) & set(b.arg_places)) or
                     bool(set(a.arg_participants) & set(b.arg_participants)) or
                     nested_periods(pa, pb) or
                     (bool(shared) and len(a.words & b.words) >= SHARED_WORDS
                      and not _party_of_one(a, b, shared) and not _party_of_one(b, a, shared))))


def _party_of_one(a: LocalEvent, b: LocalEvent, shared: frozenset[str]) -> bool:
    """Whether the shared entities are a party of a's triggers but none of b's, whose
    triggers name parties of their own ("X declared victory", "results released by
    pollsters" in a sentence about X): X is in both sentences, not in both events."""
    mine = shared & set(a.arg_participants)
    return bool(mine) and b.has_parties and not mine & set(b.arg_participants)




def merge_score(a: LocalEvent, b: LocalEvent, linked: bool = False) -> float:
    """How strongly two compatible local events are one event, 0..1: the evidence that
    made them one (same day, shared name, participants, places, the same story), less
    for each day between their dates."""
    score = 0.0
    if a.day is not None and a.day == b.day:
        score += 0.4
    elif a.day is not None and b.day is not None:
        score += 0.3 - 0.05 * abs((a.day - b.day).days)
    elif a.period is not None or b.period is not None:
        score += 0.1
    if a.names & b.names:
        score += 0.3
    if set(a.arg_participants) & set(b.arg_participants) or \
            set(a.participants) & set(b.participants):
        score += 0.2
    if set(a.arg_places) & set(b.arg_places) or set(a.places) & set(b.places):
        score += 0.2
    if linked:
        score += 0.1
    return round(min(score, 1.0), 3)


#: An entity (or name) shared by more local events of a type than this is no evidence.
MAX_BLOCK = 200


def block_keys(ev: LocalEvent) -> list[str]:
    """The blocks a local event is in, within its type: its entities, its day (on the same
    day the story's people can tell) and its names."""
    day = [] if ev.day is None else ["day:" + ev.day.isoformat()]
    return list(ev.entities()) + day + ["name:" + n for n in sorted(ev.names)]


def evidence_keys(ev: LocalEvent) -> list[str]:
    """The blocks an undated local event finds others by: its entities and names."""
    return list(ev.entities()) + ["name:" + n for n in sorted(ev.names)]


def cluster(events: dict[str, LocalEvent],
            links: list[tuple[str, str, float]] | None = None,
            oversized: frozenset[tuple[str, str]] = frozenset()) -> dict[str, list[LocalEvent]]:
    """Group local events into events, blocking on type and shared entity or name (blocks
    ``oversized`` left out: a part of the corpus is clustered with the blocks too large in
    the whole corpus, factdb.resolve.event_parts).

    Dated local events merge first, pairwise; then articles that share an event are of one
    story, and dated local events of their articles merge on that evidence too. An undated
    (or month- or year-dated) one then joins the single dated group it shares most
    entities with (whose day falls in its period), so it can never bridge two different
    dates; the others merge among themselves.
    """
    uf = _UnionFind()
    blocks: dict[tuple[str, str], list[LocalEvent]] = defaultdict(list)
    by_article: dict[str, list[LocalEvent]] = defaultdict(list)
    for ev in events.values():
        uf.add(ev)
        by_article[ev.article_id].append(ev)
        for key in block_keys(ev):
            if (ev.event_type, key) not in oversized:
                blocks[(ev.event_type, key)].append(ev)
    pairs: dict[tuple[str, str], tuple[LocalEvent, LocalEvent]] = {}
    for a, b in dated_pairs(events, blocks.values(), MAX_BLOCK, MAX_DATE_SLIP):
        if _compatible(a, b):
            pairs[min(a.key, b.key), max(a.key, b.key)] = (a, b)
    _union_closest_first(uf, pairs.values())
    linked = _story_links(events, uf)
    pairs = {}
    for ev in events.values():
        if ev.day is None:
            continue
        for other_article in sorted(linked.get(ev.article_id, ())):
            for other in by_article[other_article]:
                if other.event_type == ev.event_type and other.day is not None and \
                        uf.find(other.key) != uf.find(ev.key) and _compatible(ev, other, True):
                    pairs[min(ev.key, other.key), max(ev.key, other.key)] = (ev, other)
    _union_closest_first(uf, pairs.values(), linked=True)
    dated_blocks = {k: [m for m in members if m.day is not None]
                    for k, members in blocks.items() if len(members) <= MAX_BLOCK}
    for ev in events.values():
        if ev.day is not None:
            continue
        scores: Counter[str] = Counter()
        for entity in evidence_keys(ev):
            block = blocks.get((ev.event_type, entity), [])
            if len(block) > MAX_BLOCK:
                continue
            for other in dated_blocks.get((ev.event_type, entity), []):
                if other.article_id == ev.article_id or other.series != ev.series:
                    continue  # a series joins only series, of other articles
                if other.day is not None and in_period(other.day, ev.period) and \
                        not places_differ(ev, other) and not told_elsewhere(ev, other) and \
                        joins_dated(ev, other):
                    scores[uf.find(other.key)] += 1
        for best in sorted(scores, key=lambda root: (-scores[root], root)):
            if any(events[k].article_id == ev.article_id and events[k].day is not None and
                   not names_one_event(ev, events[k]) for k in uf.members.get(best, [best])):
                continue  # its article dates that event and tells this one as another
            # scored against the group's member that bears the evidence, not its root
            score = max(merge_score(ev, events[k]) for k in uf.members.get(best, [best])
                        if events[k].article_id != ev.article_id)
            if uf.link(ev, events[best], score):
                break
    # undated ones joined their dated events: the stories they tell link more articles
    linked = _story_links(events, uf)
    _join_the_story_s_one(events, uf, linked)
    for a, b in _undated_pairs(events, blocks, by_article, linked):
        # every member of one group must fit every one of the other
        ra, rb = uf.find(a.key), uf.find(b.key)
        if ra == rb or (_has_day(events, uf, a) and _has_day(events, uf, b)):
            continue
        left = [events[k] for k in uf.members.get(ra, [ra])]
        right = [events[k] for k in uf.members.get(rb, [rb])]
        if all(_fits(x, y, linked) for x in left for y in right):
            uf.link(a, b, merge_score(a, b, b.article_id in linked.get(a.article_id, ())))
    groups: dict[str, list[LocalEvent]] = defaultdict(list)
    for ev in events.values():
        groups[uf.find(ev.key)].append(ev)
    if links is not None:
        links += uf.links
    return groups


def _join_the_story_s_one(events: dict[str, LocalEvent], uf: _UnionFind,
                          linked: dict[str, set[str]]) -> None:
    """An undated local event that shares no evidence with a dated one ("police fired on
    the marchers" beside "five marchers were shot on Tuesday") joins the one event
    of its type that its story (the articles linked to its own) dates on its article's
    day of publication or the day before, when the story holds exactly one there: a report
    tells the day's events. Not when its article dates an event of its type outside that
    event or dates that event and tells this one as another (names_one_event), nor across
    the constraints of place and time (_fits). Another undated local event of its article
    already in that event does not keep it out: both tell the day's one event."""
    typed: dict[tuple[str, str], list[LocalEvent]] = defaultdict(list)
    for ev in events.values():
        typed[(ev.article_id, ev.event_type)].append(ev)
    for ev in events.values():
        if ev.day is not None or ev.period is not None or ev.series or ev.names or \
                ev.latest is None or not linked.get(ev.article_id) or \
                _has_day(events, uf, ev):
            continue
        recent = {ev.latest, ev.latest - timedelta(days=1)}
        story = sorted(linked[ev.article_id] | {ev.article_id})
        candidates = {uf.find(o.key) for article in story
                      for o in typed.get((article, ev.event_type), []) if not o.series}
        roots = {root for root in candidates
                 if any(events[k].day in recent for k in uf.members.get(root, [root]))}
        if len(roots) != 1:
            continue
        root = roots.pop()
        members = {k: events[k] for k in uf.members.get(root, [root])}
        own = [o for o in typed[(ev.article_id, ev.event_type)]
               if o.day is not None or o.period is not None]
        if any(o.key not in members for o in own) or \
                any(m.series or
                    places_differ(m, ev) or told_elsewhere(m, ev) or
                    m.day is not None and not _fits(m, ev, linked)
                    for m in members.values()):
            continue
        dated = next(m for m in members.values() if m.day in recent)
        uf.link(ev, dated, merge_score(ev, dated, True))


def _undated_pairs(events: dict[str, LocalEvent],
                   blocks: dict[tuple[str, str], list[LocalEvent]],
                   by_article: dict[str, list[LocalEvent]],
                   linked: dict[str, set[str]]) -> list[tuple[LocalEvent, LocalEvent]]:
    """Pairs of compatible undated (or month- or year-dated) local events of one type: those
    sharing an entity or a name, and those dated by nested months or years in articles of
    one story (a conviction "in 2023" and one "in November 2023"). Only the pairs that
    may_pair admits are put to _compatible, read from each block's index (event_blocks)."""
    undated = UndatedBlocks(blocks, MAX_BLOCK)
    out: list[tuple[LocalEvent, LocalEvent]] = []
    for ev in events.values():
        if ev.day is not None:
            continue
        mine = linked.get(ev.article_id, set())
        seen: set[str] = set()
        candidates = [other for entity in evidence_keys(ev)
                      for other in undated.candidates((ev.event_type, entity), ev, mine)]
        if ev.period is not None and len(mine) <= MAX_BLOCK:
            candidates += [other for article in sorted(mine) for other in by_article[article]
                           if other.event_type == ev.event_type and other.period is not None]
        for other in candidates:
            if other.key in seen or other.article_id == ev.article_id \
                    or other.series != ev.series:
                continue
            seen.add(other.key)
            story = other.article_id in mine
            if may_pair(ev, other, story) and _compatible(ev, other, story):
                out.append((ev, other))
    return out


def _fits(x: LocalEvent, y: LocalEvent, linked: dict[str, set[str]]) -> bool:
    """Can x and y, members of two groups about to merge, be one event? A day must fall in
    the other's month or year ("four years earlier" is not last week's strike), also in
    one article (its February release is not its March 20 announcement)."""
    if x.article_id == y.article_id:
        if (x.day is None) != (y.day is None) and \
                not names_one_event(*((x, y) if x.day is None else (y, x))):
            return False  # its article dates that event and tells this one as another
        return not times_conflict(x, y)
    if x.day is not None and y.day is not None:
        return True  # both groups are checked pairwise when they formed
    if x.day is not None or y.day is not None:
        dated, undated = (x, y) if x.day is not None else (y, x)
        assert dated.day is not None
        named = bool(x.names & y.names)
        return in_period(dated.day, undated.period) and placed_on(undated, dated.day, named) \
            and (named or told_near(undated, dated)) and not told_elsewhere(x, y)
    return _compatible(x, y, y.article_id in linked.get(x.article_id, ()))


def _union_closest_first(uf: _UnionFind, pairs: Iterable[tuple[LocalEvent, LocalEvent]],
                         linked: bool = False) -> None:
    """Merge dated pairs, those on the same day before those a day or more apart, so that a
    slip cannot take an event into another one's group first."""
    def gap(pair: tuple[LocalEvent, LocalEvent]) -> tuple[int, str, str]:
        a, b = pair
        assert a.day is not None and b.day is not None
        return abs((a.day - b.day).days), a.key, b.key

    for a, b in sorted(pairs, key=gap):
        uf.link(a, b, merge_score(a, b, linked))


def _story_links(events: dict[str, LocalEvent], uf: _UnionFind) -> dict[str, set[str]]:
    """Articles that tell a common event, published near in time (a story is told over
    weeks: event_constraints.published_near): article -> the others."""
    articles: dict[str, set[str]] = defaultdict(set)
    latest: dict[str, date | None] = {}
    for ev in events.values():
        articles[uf.find(ev.key)].add(ev.article_id)
        latest[ev.article_id] = ev.latest
    linked: dict[str, set[str]] = defaultdict(set)
    for members in articles.values():
        if 1 < len(members) <= MAX_BLOCK:
            for a in members:
                linked[a] |= {b for b in members if b != a and published_near(latest[a],
                                                                            latest[b])}
    return linked


def _has_day(events: dict[str, LocalEvent], uf: _UnionFind, ev: LocalEvent) -> bool:
    root = uf.find(ev.key)
    return any(events[k].day is not None for k in uf.members.get(root, [root]))


def first_told(ev: LocalEvent) -> tuple[bool, date | None, str, int]:
    """Order of the local events of one event by when they were told: the earliest
    published article first (those of unknown time last), then its first mention."""
    return ev.latest is None, ev.latest, ev.article_id, ev.first_offset


def event_id_of(members: list[LocalEvent]) -> str:
    """An event's id: from the local event that first told it, and nothing else, so that
    an event keeps its id while later articles join it or its day changes by their votes
    (its stored mentions keep their event_id; a load rewrites only the events whose first
    telling changed: a merge, a split, an earlier article). Unique: a local event is in
    one event."""
    first = min(members, key=first_told)
    return "ev" + hashlib.sha1(f"{first.event_type}|{first.key}".encode()).hexdigest()[:12]


def resolve(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    events = _local_events(con)
    names, types = {}, {}
    for entity_id, name, entity_type in con.execute(
            "SELECT entity_id, name, entity_type FROM entities").fetchall():
        names[entity_id], types[entity_id] = name, entity_type
    con.execute("DELETE FROM events")
    con.execute("DELETE FROM event_participants")
    event_rows: list[dict[str, Any]] = []
    mapping: list[dict[str, Any]] = []
    participant_rows: list[dict[str, Any]] = []
    links: list[tuple[str, str, float]] = []
    groups = cluster(events, links)
    best: dict[str, float] = {}  # local key -> its strongest cross-document link
    for a, b, score in links:
        for k in (a, b):
            best[k] = max(best.get(k, 0.0), score)
    for members in groups.values():
        members.sort(key=lambda e: (e.article_id, e.first_offset))
        etype = members[0].event_type
        days = Counter(d for m in members for d in m.days)
        day = min(days, key=lambda d: (-days[d], d)) if days else None
        periods = Counter(p for m in members for p in m.periods)
        period = (day, day) if day else \
            min(periods, key=lambda p: (-periods[p], p)) if periods else (None, None)
        # the event's own arguments ("the visit to X", "X attacked"), not every name of
        # its sentences; a place after a locative preposition when no argument names one
        participants: Counter[str] = sum((m.arg_participants for m in members), Counter())
        places: Counter[str] = sum((m.arg_places for m in members), Counter()) or \
            sum((m.places for m in members), Counter())
        place = min(places, key=lambda p: (-places[p], p)) if places else None
        event_id = event_id_of(members)
        event_rows.append({
            "event_id": event_id, "event_type": etype,
            "label": _label(etype, participants, place, period, names, types) +
            (" (series)" if all(m.series for m in members) else ""),
            "date_start": period[0], "date_end": period[1], "location_entity_id": place,
            "mention_count": sum(len(m.mention_ids) for m in members),
            "article_count": len({m.article_id for m in members}),
            "merge_score": min((best[m.key] for m in members if m.key in best), default=None),
            "is_series": all(m.series for m in members),
        })
        mapping += [{"mention_id": mid, "new_event_id": event_id,
                     "merge_score": best.get(m.key)}
                    for m in members for mid in m.mention_ids]
        participant_rows += [{"event_id": event_id, "entity_id": e, "role": "participant",
                              "mention_count": n} for e, n in participants.items()]
        participant_rows += [{"event_id": event_id, "entity_id": e, "role": "place",
                              "mention_count": n} for e, n in places.items()]
    db.insert_rows(con, "events", event_rows)
    db.insert_rows(con, "event_participants", participant_rows)
    if mapping:
        import pyarrow as pa

        con.register("_event_map", pa.Table.from_pylist(mapping))
        # only the mentions whose event or score changed: the others keep their rows
        con.execute("UPDATE event_mentions SET event_id = m.new_event_id, "
                    "merge_score = m.merge_score FROM _event_map m "
                    "WHERE event_mentions.mention_id = m.mention_id AND "
                    "(event_mentions.event_id IS DISTINCT FROM m.new_event_id OR "
                    "event_mentions.merge_score IS DISTINCT FROM m.merge_score)")
        con.unregister("_event_map")
