"""The date window of cross-document event coreference (event_constraints.STORY_DAYS): an
undated local event joins a dated one only when told near it in time, and two articles
are of one story only when published near each other; a story is told over weeks, not
years. Local events built by hand, clustered by factdb.resolve.events.cluster."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from factdb.resolve import event_constraints, event_parts
from factdb.resolve import events as ev_mod
from factdb.resolve.local_events import LocalEvent, set_siblings
from tests.test_event_parts import _by_parts, _random_events, _whole

WINDOW = event_constraints.STORY_DAYS


def _event(key: str, article: str, etype: str, published: date, day: date | None,
           *entities: str) -> LocalEvent:
    ev = LocalEvent(f"{article}:{key}", article, etype, 0)
    ev.days = [day] if day is not None else []
    ev.places = Counter(entities)
    ev.latest = published
    return ev


def _together(events: list[LocalEvent], a: str, b: str) -> bool:
    by_key = {ev.key: ev for ev in events}
    set_siblings(by_key)
    groups = ev_mod.cluster(by_key)
    return any({a, b} <= {m.key for m in g} for g in groups.values())


def test_an_undated_event_joins_a_dated_one_told_near_it() -> None:
    day = date(2024, 3, 1)
    dated = _event("d", "a1", "attack", day + timedelta(days=1), day, "city")
    # told the week after: one attack
    soon = _event("u", "a2", "attack", day + timedelta(days=7), None, "city")
    assert _together([dated, soon], dated.key, soon.key)
    # told half a year later by an article of another time, one shared place: not it
    late = _event("u", "a3", "attack", day + timedelta(days=180), None, "city")
    assert not _together([dated, late], dated.key, late.key)
    # unless an article of its own weeks dates the attack (a story retold months later)
    retold = _event("d", "a4", "attack", day + timedelta(days=175), day, "city")
    assert _together([dated, late, retold], late.key, retold.key)


def test_articles_published_months_apart_are_no_story() -> None:
    """Two articles that date one attack (the same day, the same place) are of one story
    when published near each other: their visits of one day are then one visit (the
    story's evidence); not when one is published months later."""
    day = date(2024, 3, 1)

    def story(gap: int) -> list[LocalEvent]:
        return [_event("k", "a1", "attack", day + timedelta(days=1), day, "city"),
                _event("v", "a1", "visit", day + timedelta(days=1), day + timedelta(days=1),
                       "minister"),
                _event("k", "a2", "attack", day + timedelta(days=gap), day, "city"),
                _event("v", "a2", "visit", day + timedelta(days=gap), day + timedelta(days=1),
                       "envoy")]

    assert _together(story(3), "a1:v", "a2:v")
    assert _together(story(WINDOW + 30), "a1:k", "a2:k")  # the dated attack: one
    assert not _together(story(WINDOW + 30), "a1:v", "a2:v")


@pytest.mark.parametrize("seed", range(2))
def test_over_years_the_window_keeps_the_parts_small_and_exact(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stories over three years: the parts stay exact, and the window cuts the chains
    that the story rules make through time without it."""
    events = _random_events(seed, 1200, 300, ("attack", "visit"), days=1000)
    groups, links, ids, sizes = _by_parts(events)
    assert (groups, links, ids) == _whole(events)
    windowed = max(sizes.values())
    monkeypatch.setattr(event_constraints, "STORY_DAYS", 100_000)
    unbounded = max(Counter(event_parts.parts(events).values()).values())
    assert windowed < unbounded / 2
