"""The parts of event coreference (factdb.resolve.event_parts): the event resolver over the
whole corpus gives the groups, merge scores and event ids it gives over each part alone
(with the blocks too large in the whole corpus left out), on random local events (sparse
and crowded blocks, stories, months and years, series, publication days) and on real
articles, where one story's articles touch a small part of the store."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from factdb import db
from factdb.load import load
from factdb.resolve import event_parts
from factdb.resolve import events as ev_mod
from factdb.resolve.local_events import LocalEvent, set_siblings
from factdb.settings import Settings

REALNEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "realnews"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _random_events(seed: int, n: int, n_entities: int, types: tuple[str, ...],
                   common: float = 0.0, days: int = 100, cast: int = 4
                   ) -> dict[str, LocalEvent]:
    """n local events in stories of a few articles, each story with its cast (entities
    drawn from n_entities) and its weeks (within ``days``); a few entities from anywhere,
    and one entity named beside a share ``common`` of the local events (a crowded
    block)."""
    rng = random.Random(seed)
    entities = [f"e{i:03d}" for i in range(n_entities)]
    start = date(2024, 1, 1)
    articles = [f"a{i:04d}" for i in range(n // 4)]
    story = {a: rng.randrange(len(articles) // 4) for a in articles}
    cast_of = {s: rng.sample(entities, cast) for s in set(story.values())}
    weeks = {s: start + timedelta(rng.randrange(days)) for s in set(story.values())}
    published = {a: None if rng.random() < 0.1 else
                 weeks[story[a]] + timedelta(rng.randrange(14)) for a in articles}
    events: dict[str, LocalEvent] = {}
    for i in range(n):
        article = rng.choice(articles)
        own = cast_of[story[article]]
        ev = LocalEvent(f"{article}:k{i:05d}", article, rng.choice(types), i)
        roll = rng.random()
        if roll < 0.45:
            ev.days = [weeks[story[article]] + timedelta(rng.randrange(10))]
        elif roll < 0.5:
            month = rng.randrange(1, 5)
            ev.periods = [(date(2024, month, 1), date(2024, month + 1, 1) - timedelta(1))] \
                if rng.random() < 0.7 else [(date(2024, 1, 1), date(2024, 12, 31))]
        people = rng.sample(own if rng.random() < 0.98 else entities, rng.randrange(0, 3))
        if rng.random() < common:
            people.append("everywhere")
        places = rng.sample(own, rng.randrange(0, 2))
        ev.participants, ev.places = Counter(people), Counter(places)
        if rng.random() < 0.3:
            ev.arg_places = Counter(places[:1])
        if rng.random() < 0.3:
            ev.arg_participants = Counter(people[:1])
        if not people and not places:
            ev.context = Counter(own[:2])
        if rng.random() < 0.03:
            ev.names = {f"storm {story[article]}"}
        ev.series = rng.random() < 0.08
        ev.latest = published[article]
        ev.words = set(rng.sample(["bridge", "bus", "convoy", "market", "port"], 2))
        events[ev.key] = ev
    set_siblings(events)
    return events


def _by_parts(events: dict[str, LocalEvent]) -> tuple[set[frozenset[str]],
                                                      list[tuple[str, str, float]],
                                                      set[str], Counter[str]]:
    part = event_parts.parts(events)
    oversized = event_parts.oversized(event_parts.blocks_of(events))
    held: dict[str, dict[str, LocalEvent]] = defaultdict(dict)
    for key, ev in events.items():  # in the store's order
        held[part[key]][key] = ev
    groups: list[list[LocalEvent]] = []
    links: list[tuple[str, str, float]] = []
    for own in held.values():
        groups += ev_mod.cluster(own, links, oversized).values()
    return ({frozenset(m.key for m in g) for g in groups}, sorted(links),
            {ev_mod.event_id_of(g) for g in groups}, Counter(part.values()))


def _whole(events: dict[str, LocalEvent]) -> tuple[set[frozenset[str]],
                                                   list[tuple[str, str, float]], set[str]]:
    links: list[tuple[str, str, float]] = []
    groups = list(ev_mod.cluster(events, links).values())
    return ({frozenset(m.key for m in g) for g in groups}, sorted(links),
            {ev_mod.event_id_of(g) for g in groups})


@pytest.mark.parametrize("seed", range(3))
def test_the_parts_cluster_as_the_whole_corpus(seed: int) -> None:
    events = _random_events(seed, 1200, 1000, ("attack", "visit", "protest"))
    groups, links, ids, sizes = _by_parts(events)
    expected = _whole(events)
    assert len(expected[1]) > 50  # cross-document merges to make
    assert len(sizes) > 20 and max(sizes.values()) < len(events) / 2  # parts, not one
    assert (groups, links, ids) == expected


def test_a_block_too_large_in_the_corpus_is_none_in_a_part() -> None:
    """Crowded blocks (more than MAX_BLOCK local events of a type share an entity): each
    part leaves them out as the whole run does."""
    events = _random_events(7, 1500, 1000, ("attack", "visit"), common=0.3)
    assert event_parts.oversized(event_parts.blocks_of(events))
    groups, links, ids, sizes = _by_parts(events)
    assert len(sizes) > 1
    assert (groups, links, ids) == _whole(events)


def test_a_large_part_absorbs_its_articles_and_stays_exact() -> None:
    """parts(absorb=n): a part of more than n local events takes in every local event of
    its articles; the parts are unions of the finer ones, and still cluster as the whole."""
    events = _random_events(1, 1200, 1000, ("attack", "visit", "protest"))
    fine = event_parts.parts(events)
    sizes = Counter(fine.values())
    coarse = event_parts.parts(events, absorb=sorted(sizes.values())[-3])
    assert len(set(coarse.values())) < len(sizes)
    assert all(coarse[a] == coarse[b] for a, b in
               ((key, root) for key, root in fine.items()))  # finer parts stay whole
    joined = {root for root in coarse.values() if
              len({r for k, r in fine.items() if coarse[k] == root}) > 1}
    for root in joined:  # every local event of a joined part's articles is in it
        arts = {events[k].article_id for k, r in coarse.items() if r == root}
        assert all(coarse[k] == root for k, ev in events.items() if ev.article_id in arts)
    held: dict[str, dict[str, LocalEvent]] = defaultdict(dict)
    for key, ev in events.items():
        held[coarse[key]][key] = ev
    oversized = event_parts.oversized(event_parts.blocks_of(events))
    groups: list[list[LocalEvent]] = []
    links: list[tuple[str, str, float]] = []
    for own in held.values():
        groups += ev_mod.cluster(own, links, oversized).values()
    assert ({frozenset(m.key for m in g) for g in groups}, sorted(links),
            {ev_mod.event_id_of(g) for g in groups}) == _whole(events)


def test_real_articles_part_by_story(tmp_path: Path) -> None:
    """The real articles and seeds/: exactly the whole run's events, and the parts that
    hold one story's local events hold few others."""
    if not REALNEWS.is_dir():
        pytest.skip(f"{REALNEWS} is absent")
    path = tmp_path / "real.duckdb"
    load([str(REALNEWS), str(SEEDS)], Settings(db_path=str(path)))
    con = db.connect(path, read_only=True)
    try:
        events = ev_mod._local_events(con)
        source = dict(con.execute("SELECT article_id, source_uri FROM articles").fetchall())
    finally:
        con.close()
    groups, links, ids, sizes = _by_parts(events)
    assert (groups, links, ids) == _whole(events)
    part = event_parts.parts(events)
    for story in ("fed-holds", "bankman-fried"):
        own = {key for key, ev in events.items() if story in source[ev.article_id]}
        touched = {part[key] for key in own}
        held = sum(sizes[root] for root in touched)
        assert own and held < len(events) / 5


def _changed(events: dict[str, LocalEvent], seed: int, share: float
             ) -> tuple[dict[str, LocalEvent], set[str]]:
    """The corpus after a load: the local events of a share of the articles gone, a new
    entity beside a share of the local events (extracted again, resolved otherwise)."""
    rng = random.Random(seed)
    articles = sorted({ev.article_id for ev in events.values()})
    gone = set(rng.sample(articles, int(len(articles) * share)))
    out: dict[str, LocalEvent] = {}
    changed: set[str] = set()
    for key, ev in events.items():
        if ev.article_id in gone:
            continue
        if rng.random() < share:
            ev = LocalEvent(ev.key, ev.article_id, ev.event_type, ev.first_offset,
                            days=list(ev.days), participants=ev.participants + Counter(
                                [f"e{rng.randrange(1000):03d}"]), places=ev.places,
                            context=ev.context, periods=list(ev.periods), names=ev.names,
                            words=ev.words, arg_places=ev.arg_places,
                            arg_participants=ev.arg_participants, series=ev.series,
                            latest=ev.latest)
            changed.add(key)
        out[key] = ev
    set_siblings(out)
    return out, changed


#: Stories' casts: with many entities, articles of a story often share none, and only
#: the story's evidence (articles that share an event) merges their events.
CAST = (4, 12, 24)


@pytest.mark.parametrize("seed", range(6))
def test_kept_parts_and_a_batch_cluster_as_the_whole_corpus(seed: int) -> None:
    """The incremental run: the parts of the last run kept, a batch's local events added,
    some stored ones changed or gone; clustering only the touched parts and keeping every
    other group as the last run made it gives the whole run's groups and merge scores."""
    events = _random_events(seed, 1500, 600, ("attack", "visit", "protest"), days=400,
                            cast=CAST[seed % len(CAST)])
    last_day = sorted(ev.latest for ev in events.values() if ev.latest is not None)[-60]
    stored = {k: ev for k, ev in events.items() if ev.latest is None or ev.latest < last_day}
    # odd seeds: large parts take in their articles (coarser); even: the story rules alone
    absorb = len(events) // 20 if seed % 2 else None
    before = event_parts.parts(stored, absorb=absorb)
    last_links: list[tuple[str, str, float]] = []
    last = ev_mod.cluster(stored, last_links)
    now, changed = _changed(events, seed, 0.002)
    gone = stored.keys() - now.keys()
    dirty = event_parts.dirty_keys(stored, now, before)
    assert changed <= dirty and now.keys() - stored.keys() <= dirty
    oversized = event_parts.oversized(event_parts.blocks_of(now))
    found = event_parts.parts(now, absorb=absorb, kept=before, dirty=dirty)
    again = event_parts.touched(found, dirty)
    region = {k: ev for k, ev in now.items() if found[k] in again}
    links: list[tuple[str, str, float]] = []
    groups = [frozenset(m.key for m in g)
              for g in ev_mod.cluster(region, links, oversized).values()]
    kept = [g for g in last.values() if not any(m.key in region for m in g)]
    assert all(m.key in gone for g in kept if any(m.key in gone for m in g) for m in g)
    groups += [frozenset(m.key for m in g) for g in kept if g[0].key not in gone]
    links += [link for link in last_links if link[0] in now and link[0] not in region]
    expected = _whole(now)
    assert (set(groups), sorted(links)) == expected[:2]
    assert len(region) < len(now)  # a share of the corpus (how large: docs/scale.md)


def test_a_batch_article_links_a_story_and_its_stored_events_are_clustered_again() -> None:
    """A new article dates the attack a stored one dates: the two become one story, so
    the stored article's visit of the next day (which shares no entity with the new
    article's) is one visit with the new one, and its kept part is clustered again."""
    day = date(2024, 3, 1)

    def local(article: str, etype: str, on: date, place: str) -> LocalEvent:
        ev = LocalEvent(f"{article}:{etype}", article, etype, 0, days=[on],
                        places=Counter([place]))
        ev.latest = day + timedelta(days=2)
        return ev

    stored = {ev.key: ev for ev in (local("a1", "attack", day, "city"),
                                    local("a1", "visit", day + timedelta(days=1), "minister"))}
    now = dict(stored)
    now |= {ev.key: ev for ev in (local("a2", "attack", day, "city"),
                                  local("a2", "visit", day + timedelta(days=1), "envoy"))}
    set_siblings(stored)
    set_siblings(now)
    kept = event_parts.parts(stored)
    assert kept["a1:attack"] != kept["a1:visit"]
    dirty = event_parts.dirty_keys(stored, now, kept)
    assert dirty == {"a2:attack", "a2:visit"}
    found = event_parts.parts(now, kept=kept, dirty=dirty)
    again = event_parts.touched(found, dirty)
    assert {k for k in now if found[k] in again} == set(now)
    assert {frozenset(m.key for m in g) for g in ev_mod.cluster(now).values()} == {
        frozenset({"a1:attack", "a2:attack"}), frozenset({"a1:visit", "a2:visit"})}
