"""Constraints of cross-document event coreference (factdb.resolve.events) that keep apart
mentions which cannot tell one event, whatever entities they share.

- **Time of telling**: a realis mention tells an event on or before its article's
  publication, so an undated mention never joins an event dated after the day its article
  was published (PUBLICATION_SLACK days of slack for time zones). An article whose time
  is unknown (no publication day, no bound) places none of its undated events on a day
  (those dated by a month or a year are placed by it): they join a dated event only by
  its name ("Hurricane Zeta"), and an undated event of an article of known time only by
  a name or the story.
- **Publication apart**: two undated mentions in articles published more than
  RECENT_DAYS apart are two events unless a name or the story ties them.
- **Told near in time** (a story is told over weeks, not years): an undated (or month- or
  year-dated) local event joins a dated one only when its article was published at most
  STORY_DAYS after that day, or at most STORY_DAYS from the article that dates it
  (an article of unknown time reads no window), unless a name ties them; two articles
  are of one story only when published at most STORY_DAYS apart (``published_near``).
  So the rules that chain stories together stay within a date window, and a batch
  touches the events of its weeks, not of the corpus (docs/scale.md).
- **Told apart in one article**: an undated local event does not join a group that holds
  a dated local event of its own article unless it shares a name, a place, a party named
  in its own arguments (or the organisation such a party is a body of: "the X board")
  or two entities with it (its article dated that event and told this one
  as another: the talks resumed on Tuesday, the militias' resumption of attacks).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Protocol


class LocalEvent(Protocol):
    """What these checks read of a local event (factdb.resolve.local_events.LocalEvent)."""

    article_id: str
    latest: date | None
    names: set[str]
    places: Counter[str]
    participants: Counter[str]
    arg_places: Counter[str]
    arg_participants: Counter[str]
    party_places: set[str]
    wider_places: set[str]
    wider_parties: set[str]
    siblings: list[tuple[date, date]]

    @property
    def day(self) -> date | None: ...

    @property
    def period(self) -> tuple[date, date] | None: ...

    @property
    def entity_set(self) -> frozenset[str]: ...

#: Days after its article's publication an event told without a date may still fall on.
PUBLICATION_SLACK = 1
#: Days apart two articles may be published and still tell one undated event unnamed.
RECENT_DAYS = 31
#: Days apart two articles may be published and still be of one story; an undated event
#: joins a dated one told at most this long before its article or from the article
#: that dates it (a story is told over weeks, not years; docs/scale.md).
STORY_DAYS = 60


def told_by_then(ev: LocalEvent, day: date) -> bool:
    """Whether an undated local event can be an event on day: its article was not
    published before that day. An article of unknown time says nothing of when its
    undated events happened: it places none of them on a day, unless the event's own
    month or year does (whether day falls in it is checked with the period)."""
    if ev.latest is None:
        return ev.period is not None
    return day <= ev.latest + timedelta(days=PUBLICATION_SLACK)


def placed_on(ev: LocalEvent, day: date, named: bool) -> bool:
    """Whether an undated local event can be one on day: told by then, or, in an article of
    unknown time, named as the event of that day is."""
    return told_by_then(ev, day) or (named and ev.latest is None)


def published_apart(a: LocalEvent, b: LocalEvent) -> bool:
    """Whether the articles of two local events were published more than RECENT_DAYS
    apart, or one at a known time and the other at an unknown one."""
    if a.latest is None or b.latest is None:
        return (a.latest is None) != (b.latest is None)
    return abs((a.latest - b.latest).days) > RECENT_DAYS


def published_near(a: date | None, b: date | None) -> bool:
    """Whether two articles published on a and b (their last possible days) may tell one
    story: at most STORY_DAYS apart, or one of unknown time (no window to read)."""
    return a is None or b is None or abs((a - b).days) <= STORY_DAYS


def told_near(undated: LocalEvent, dated: LocalEvent) -> bool:
    """Whether an undated (or month- or year-dated) local event is told near enough in
    time to be the dated one: its article published at most STORY_DAYS after the
    dated one's day ("the attack" told the week after), or at most STORY_DAYS from the
    dated one's article (a story retold months later: its articles date it)."""
    day = dated.day
    assert day is not None
    if undated.latest is not None and undated.latest - day <= timedelta(days=STORY_DAYS):
        return True
    return published_near(undated.latest, dated.latest)


def names_one_event(a: LocalEvent, b: LocalEvent) -> bool:
    """Evidence beyond a shared type that the local event a is b: a shared name, place
    (a locative place or a place argument), a party of b named in a's own arguments (not
    one named elsewhere in a's sentences: "talks between X and Y resumed, after Z
    persuaded them" is not Z's meeting; an organisation a body of which is a party, "the X
    board voted", is one), or two shared entities."""
    if a.names & b.names:
        return True
    if (set(a.places) | set(a.arg_places)) & (set(b.places) | set(b.arg_places)):
        return True
    if (set(a.arg_participants) | a.wider_parties) & \
            (set(b.arg_participants) | set(b.participants)):
        return True  # a party of a, or the organisation a body of it is ("the X board")
    return len(a.entity_set & b.entity_set) >= 2


def joins_dated(ev: LocalEvent, other: LocalEvent) -> bool:
    """Whether the undated local event ev (which shares an entity or a name with the dated
    local event other, of another article) can be it: told by then, and near in time
    unless a name ties them."""
    assert other.day is not None
    named = bool(ev.names & other.names)
    return placed_on(ev, other.day, named) and (named or told_near(ev, other))


def in_period(day: date, period: tuple[date, date] | None) -> bool:
    return period is None or period[0] <= day <= period[1]


def nested_periods(pa: tuple[date, date] | None, pb: tuple[date, date] | None) -> bool:
    """Whether one month or year holds the other: in one story, a conviction "in 2023"
    and one "in November 2023" are one."""
    if pa is None or pb is None:
        return False
    return (pa[0] <= pb[0] and pb[1] <= pa[1]) or (pb[0] <= pa[0] and pa[1] <= pb[1])


def places_differ(a: LocalEvent, b: LocalEvent) -> bool:
    """Whether the triggers' own place arguments name places and none in common, nor one
    that the other's lies in ("in X" and "at the base in X", LocalEvent.wider_places)."""
    pa, pb = set(a.arg_places), set(b.arg_places)
    return bool(pa) and bool(pb) and not (pa & pb or a.wider_places & pb or b.wider_places & pa)


def told_elsewhere(a: LocalEvent, b: LocalEvent) -> bool:
    """Whether the sentences of two local events place them ("in X", "at Y", or a place
    argument) and name no place in common: an undated event told in one country is not
    one dated in another on the strength of a party of the whole story. A place named as
    a party of one's trigger ("the Ruritania attack") is in common with the other's place
    argument ("attacked a base in Ruritania"); a place is in common with one whose name
    holds its own ("X" and "X International Airport", LocalEvent.wider_places)."""
    pa, pb = set(a.places) | set(a.arg_places), set(b.places) | set(b.arg_places)
    return bool(pa) and bool(pb) and not (pa & pb or a.wider_places & pb or
                                          b.wider_places & pa or
                                          a.party_places & set(b.arg_places) or
                                          b.party_places & set(a.arg_places))


def told_apart(undated: LocalEvent, dated: LocalEvent) -> bool:
    """Whether the article of an undated local event dates another local event of its type
    within the dated one's day, month or year: the article told them as two events ("the
    attack that killed three soldiers" and the general "killed four years ago"), so the
    undated one is not the dated one of another article either."""
    span = (dated.day, dated.day) if dated.day is not None else dated.period
    if span is None or undated.day is not None or undated.period is not None:
        return False
    return any(a <= span[1] and span[0] <= b for a, b in undated.siblings)


def times_conflict(a: LocalEvent, b: LocalEvent) -> bool:
    """Whether two local events are dated apart: a day outside the other's month or year,
    or months or years that do not meet (two different days are kept apart elsewhere)."""
    if a.day is not None and b.day is None:
        return not in_period(a.day, b.period)
    if b.day is not None and a.day is None:
        return not in_period(b.day, a.period)
    pa, pb = a.period, b.period
    return pa is not None and pb is not None and (pa[1] < pb[0] or pb[1] < pa[0])
