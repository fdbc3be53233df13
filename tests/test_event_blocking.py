"""The events resolver's candidate pairs (factdb.resolve.event_blocks): its indexes put to
_compatible every pair that a plain scan of the blocks would accept, in the same order, so
that the clusters do not depend on how the candidates are found (bench/README.md, Loader).

The plain scans below are the resolver's loops before the indexes: every dated pair of a
block, every undated pair sharing a block or (by months or years) a story. Random local
events with crowded blocks (more members than SMALL_BLOCK), days within and beyond the
slip, months and years, names, series, stories and publication days over a year."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest

from factdb.resolve import events as ev_mod
from factdb.resolve.event_blocks import SMALL_BLOCK, dated_pairs
from factdb.resolve.events import MAX_BLOCK, MAX_DATE_SLIP, LocalEvent, _compatible
from factdb.resolve.local_events import set_siblings

Blocks = dict[tuple[str, str], list[LocalEvent]]


def _random_events(seed: int, n: int = 500) -> dict[str, LocalEvent]:
    rng = random.Random(seed)
    entities = [f"e{i}" for i in range(12)]
    start = date(2024, 1, 1)
    events: dict[str, LocalEvent] = {}
    articles = [f"a{i:03d}" for i in range(n // 4)]
    published = {a: None if rng.random() < 0.1 else start + timedelta(rng.randrange(365))
                 for a in articles}
    for i in range(n):
        article = rng.choice(articles)
        ev = LocalEvent(f"{article}:k{i}", article, rng.choice(("attack", "visit")), i)
        roll = rng.random()
        if roll < 0.45:
            ev.days = [start + timedelta(rng.randrange(120))]
        elif roll < 0.6:
            month = rng.randrange(1, 13)
            last = (date(2024 + month // 12, month % 12 + 1, 1) - timedelta(days=1))
            ev.periods = [(date(2024, month, 1), last)] if rng.random() < 0.7 else \
                [(date(2024, 1, 1), date(2024, 12, 31))]
        people = rng.sample(entities[:8], rng.randrange(0, 3))
        places = rng.sample(entities[6:], rng.randrange(0, 2))
        ev.participants, ev.places = Counter(people), Counter(places)
        if rng.random() < 0.3:
            ev.arg_places = Counter(places[:1])
        if rng.random() < 0.3:
            ev.arg_participants = Counter(people[:1])
        if not people and not places:
            ev.context = Counter(rng.sample(entities, 3))
        if rng.random() < 0.05:
            ev.names = {rng.choice(("storm zeta", "operation dawn"))}
        ev.series = rng.random() < 0.1
        ev.latest = published[article]
        ev.words = set(rng.sample(["bridge", "bus", "convoy", "market", "port"], 2))
        events[ev.key] = ev
    set_siblings(events)
    return events


def _blocks(events: dict[str, LocalEvent]) -> Blocks:
    blocks: Blocks = defaultdict(list)
    for ev in events.values():  # as cluster() builds them
        for entity in ev.entities():
            blocks[(ev.event_type, entity)].append(ev)
        if ev.day is not None:
            blocks[(ev.event_type, "day:" + ev.day.isoformat())].append(ev)
        for name in sorted(ev.names):
            blocks[(ev.event_type, "name:" + name)].append(ev)
    return blocks


def _scan_dated(blocks: Blocks) -> dict[tuple[str, str], tuple[str, str]]:
    pairs = {}
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            continue
        dated = [m for m in members if m.day is not None]
        for i, a in enumerate(dated):
            for b in dated[i + 1:]:
                if a.article_id != b.article_id and _compatible(a, b):
                    pairs[min(a.key, b.key), max(a.key, b.key)] = (a.key, b.key)
    return pairs


def _scan_undated(events: dict[str, LocalEvent], blocks: Blocks,
                  by_article: dict[str, list[LocalEvent]],
                  linked: dict[str, set[str]]) -> list[tuple[str, str]]:
    out = []
    for ev in events.values():
        if ev.day is not None:
            continue
        mine = linked.get(ev.article_id, set())
        seen: set[str] = set()
        keys = list(ev.entities()) + ["name:" + n for n in sorted(ev.names)]
        candidates = [other for entity in keys
                      if len(blocks.get((ev.event_type, entity), [])) <= MAX_BLOCK
                      for other in blocks.get((ev.event_type, entity), [])]
        if ev.period is not None and len(mine) <= MAX_BLOCK:
            candidates += [other for article in sorted(mine) for other in by_article[article]
                           if other.event_type == ev.event_type and other.period is not None]
        for other in candidates:
            if other.key in seen or other.day is not None or other.article_id == ev.article_id \
                    or other.series != ev.series:
                continue
            seen.add(other.key)
            if _compatible(ev, other, other.article_id in mine):
                out.append((ev.key, other.key))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_dated_candidates_give_the_pairs_of_a_plain_scan(seed: int) -> None:
    events = _random_events(seed)
    blocks = _blocks(events)
    assert max(len(b) for b in blocks.values()) > SMALL_BLOCK
    found = {(min(a.key, b.key), max(a.key, b.key)): (a.key, b.key)
             for a, b in dated_pairs(events, blocks.values(), MAX_BLOCK, MAX_DATE_SLIP)
             if _compatible(a, b)}
    expected = _scan_dated(blocks)
    assert expected  # the random events hold merges to find
    assert found == expected


@pytest.mark.parametrize("seed", range(4))
def test_undated_pairs_are_those_of_a_plain_scan_in_its_order(seed: int) -> None:
    events = _random_events(seed)
    blocks = _blocks(events)
    by_article: dict[str, list[LocalEvent]] = defaultdict(list)
    for ev in events.values():
        by_article[ev.article_id].append(ev)
    rng = random.Random(seed)
    articles = sorted(by_article)
    linked: dict[str, set[str]] = defaultdict(set)
    for _ in range(len(articles) // 2):  # stories of two to five articles
        story = set(rng.sample(articles, rng.randrange(2, 6)))
        for a in story:
            linked[a] |= story - {a}
    found = [(a.key, b.key) for a, b in ev_mod._undated_pairs(events, blocks, by_article,
                                                               linked)]
    expected = _scan_undated(events, blocks, by_article, linked)
    assert len(expected) > 50
    assert found == expected


def test_an_event_keeps_its_id_while_later_articles_join_it() -> None:
    """events.event_id_of: the id comes from the local event that first told the event
    (earliest publication, then article and offset; unknown time last), so a stored
    event keeps its id, and its stored mentions their event_id, when a later article
    joins it or the votes move its day; an earlier article's telling gives a new id."""
    def told(article: str, published: date | None, day: date | None) -> LocalEvent:
        ev = LocalEvent(f"{article}:ev0", article, "attack", 10)
        ev.latest = published
        ev.days = [day] if day else []
        return ev

    jan = date(2024, 1, 10)
    stored = [told("a9", jan, jan), told("a5", jan + timedelta(days=1), None)]
    first = ev_mod.event_id_of(stored)
    assert first == ev_mod.event_id_of(list(reversed(stored)))
    # later articles (one with a day of their own, out-voting the first), and an article
    # of unknown time: the same id, though the article ids sort before the first
    later = [told("a1", jan + timedelta(days=3), jan + timedelta(days=2)),
             told("a2", jan + timedelta(days=4), jan + timedelta(days=2)),
             told("a0", None, None)]
    assert ev_mod.event_id_of(stored + later) == first
    # an article published before the first telling: the event is told first by it
    earlier = told("a7", jan - timedelta(days=1), jan)
    assert ev_mod.event_id_of(stored + [earlier]) != first
    assert ev_mod.event_id_of([stored[1]]) != first  # split off: another event
