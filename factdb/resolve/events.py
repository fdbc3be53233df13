"""Cross-document event coreference: local events of every article become events.

Two local events (one per article and key, from factdb.extract.events) are the same
event when they have the same type, compatible dates (equal, or one undated), and share
a participant or a place (an entity named in the sentences that mention them). Two dated
local events whose days differ by at most MAX_DATE_SLIP days merge too when they share
both a participant and a place; the event takes the best-attested day and the other
days become a `date` disagreement. Runs after entity resolution.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from factdb import db
from factdb.runs import Run

MAX_DATE_SLIP = 3
PARTICIPANT_TYPES = ("PERSON", "ORG", "NORP")
PLACE_TYPES = ("GPE", "LOC", "FAC")
LOCATIVE = re.compile(r"\b(?:in|at|near|to|into|outside|inside|across|over|around|from|"
                      r"toward|towards)\s+(?:the\s+)?(?:[a-z]+ern\s+|[a-z]+-held\s+)?$",
                      re.IGNORECASE)


@dataclass
class LocalEvent:
    key: str
    article_id: str
    event_type: str
    first_offset: int
    mention_ids: list[str] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    participants: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    #: entities of the article's story, for matching only when its own sentences name none
    context: Counter[str] = field(default_factory=Counter)

    def entities(self) -> list[str]:
        own = list(self.participants) + list(self.places)
        return own or list(self.context)

    @property
    def day(self) -> date | None:
        if not self.days:
            return None
        counts = Counter(self.days)
        return min(counts, key=lambda d: (-counts[d], d))


def _local_events(con: duckdb.DuckDBPyConnection) -> dict[str, LocalEvent]:
    rows = con.execute("""
        SELECT m.mention_id, m.local_key, m.article_id, m.event_type, m.char_start,
               d.value_start, d.value_end
        FROM event_mentions m LEFT JOIN dates d ON d.date_id = m.date_id
        ORDER BY m.article_id, m.char_start""").fetchall()
    events: dict[str, LocalEvent] = {}
    for mention_id, key, article_id, etype, start, v_start, v_end in rows:
        ev = events.setdefault(key, LocalEvent(key, article_id, etype, start))
        ev.mention_ids.append(mention_id)
        if v_start is not None and v_start == v_end:
            ev.days.append(v_start)
    # entities named in the sentences that mention each local event; a place needs a
    # locative preposition before it ("in Baghdad", "to eastern Syria"), else a GPE is a
    # participant ("US forces struck") and a LOC or FAC is still a place
    for key, entity_id, entity_type, before in con.execute("""
            SELECT DISTINCT m.local_key, e.entity_id, n.entity_type,
                   substr(a.text, greatest(e.char_start - 24, 0) + 1,
                          e.char_start - greatest(e.char_start - 24, 0))
            FROM event_mentions m
            JOIN entity_mentions e ON e.sentence_id = m.sentence_id
            JOIN entities n ON n.entity_id = e.entity_id
            JOIN articles a ON a.article_id = m.article_id""").fetchall():
        ev = events[key]
        if entity_type in PLACE_TYPES and (entity_type != "GPE" or LOCATIVE.search(before)):
            ev.places[entity_id] += 1
        elif entity_type in PARTICIPANT_TYPES or entity_type == "GPE":
            ev.participants[entity_id] += 1
    story: dict[str, Counter[str]] = defaultdict(Counter)
    for article_id, entity_id, n in con.execute("""
            SELECT e.article_id, e.entity_id, count(*)
            FROM entity_mentions e JOIN sentences s ON s.sentence_id = e.sentence_id
            JOIN entities n ON n.entity_id = e.entity_id
            WHERE s.role IN ('headline', 'body') AND n.entity_type IN ?
            GROUP BY ALL""", [list(PARTICIPANT_TYPES + PLACE_TYPES)]).fetchall():
        story[article_id][entity_id] = n
    for ev in events.values():
        if not ev.participants and not ev.places:
            ev.context = story.get(ev.article_id, Counter())
    return events


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _compatible(a: LocalEvent, b: LocalEvent) -> bool:
    shared_participant = bool(set(a.participants) & set(b.participants))
    shared_place = bool(set(a.places) & set(b.places))
    da, dbb = a.day, b.day
    if da is not None and dbb is not None:
        if da == dbb:  # the same day: any shared entity, the story's when a side names none
            return bool(set(a.entities()) & set(b.entities()))
        return abs((da - dbb).days) <= MAX_DATE_SLIP and shared_participant and shared_place
    if da is None and dbb is None:
        return shared_participant and shared_place
    return shared_participant or shared_place


def cluster(events: dict[str, LocalEvent]) -> dict[str, list[LocalEvent]]:
    """Group local events into events, blocking on type and shared entity.

    Dated local events merge first, pairwise. An undated one then joins the single dated
    group it shares most entities with, so it can never bridge two different dates; undated
    ones with no dated match merge among themselves (participant and place both shared).
    """
    uf = _UnionFind()
    blocks: dict[tuple[str, str], list[LocalEvent]] = defaultdict(list)
    for ev in events.values():
        uf.find(ev.key)
        for entity in ev.entities():
            blocks[(ev.event_type, entity)].append(ev)
    usable = [m for m in blocks.values() if len(m) <= 200]  # an entity named everywhere
    for members in usable:                                 # is no evidence of identity
        dated = [m for m in members if m.day is not None]
        for i, a in enumerate(dated):
            for b in dated[i + 1:]:
                if a.article_id != b.article_id and _compatible(a, b):
                    uf.union(a.key, b.key)
    undated_pairs: list[tuple[LocalEvent, LocalEvent]] = []
    for ev in events.values():
        if ev.day is not None:
            continue
        scores: Counter[str] = Counter()
        for entity in ev.entities():
            for other in blocks.get((ev.event_type, entity), []):
                if other.article_id == ev.article_id or len(blocks[(ev.event_type, entity)]) > 200:
                    continue
                if other.day is not None:
                    scores[uf.find(other.key)] += 1
                elif _compatible(ev, other):
                    undated_pairs.append((ev, other))
        if scores:
            best = min(scores, key=lambda root: (-scores[root], root))
            uf.union(ev.key, best)
    for a, b in undated_pairs:
        if uf.find(a.key) == a.key or uf.find(b.key) == b.key:
            if not (_has_day(events, uf, a) and _has_day(events, uf, b)):
                uf.union(a.key, b.key)
    groups: dict[str, list[LocalEvent]] = defaultdict(list)
    for ev in events.values():
        groups[uf.find(ev.key)].append(ev)
    return groups


def _has_day(events: dict[str, LocalEvent], uf: _UnionFind, ev: LocalEvent) -> bool:
    root = uf.find(ev.key)
    return any(e.day is not None for e in events.values() if uf.find(e.key) == root)


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
    for members in cluster(events).values():
        members.sort(key=lambda e: (e.article_id, e.first_offset))
        etype = members[0].event_type
        days = Counter(d for m in members for d in m.days)
        day = min(days, key=lambda d: (-days[d], d)) if days else None
        participants: Counter[str] = sum((m.participants for m in members), Counter())
        places: Counter[str] = sum((m.places for m in members), Counter())
        place = min(places, key=lambda p: (-places[p], p)) if places else None
        event_id = "ev" + hashlib.sha1(
            "|".join([etype, str(day), members[0].key]).encode()).hexdigest()[:12]
        event_rows.append({
            "event_id": event_id, "event_type": etype,
            "label": _label(etype, participants, place, day, names, types),
            "date_start": day, "date_end": day, "location_entity_id": place,
            "mention_count": sum(len(m.mention_ids) for m in members),
            "article_count": len({m.article_id for m in members}),
        })
        mapping += [{"mention_id": mid, "new_event_id": event_id}
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
        con.execute("UPDATE event_mentions SET event_id = m.new_event_id FROM _event_map m "
                    "WHERE event_mentions.mention_id = m.mention_id")
        con.unregister("_event_map")


def _label(etype: str, participants: Counter[str], place: str | None, day: date | None,
           names: dict[str, str], types: dict[str, str]) -> str:
    """"Visit to Baghdad (Jane Doe, Quds Force), 2024-01-29": type, place, the most named
    people and organisations (who did what is not claimed), day."""
    rank = {"PERSON": 0, "ORG": 1, "NORP": 2, "GPE": 3}
    who = [names[e] for e, _ in sorted(participants.items(),
                                       key=lambda kv: (rank.get(types.get(kv[0], ""), 4),
                                                       -kv[1], kv[0]))
           if e in names and e != place][:2]
    label = etype.capitalize()
    if place and place in names:
        label += (" to " if etype == "visit" else " in ") + names[place]
    if who:
        label += " (" + ", ".join(who) + ")"
    if day:
        label += f", {day.isoformat()}"
    return label
