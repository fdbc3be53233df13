"""Candidate pairs of cross-document event coreference (factdb.resolve.events): within a
block (local events of one type sharing an entity, a name or a day), the pairs its rules
can accept, read from indexes instead of comparing every pair of the block.

Blocks grow with the corpus (up to the resolver's MAX_BLOCK members), and comparing every
pair grew with the square of their size: 1.2 million comparisons at 2,000 generated
articles, most of them pairs the rules always keep apart (days more than the slip apart,
undated events of articles published months apart). The indexes restate necessary
conditions of ``events._compatible`` and ``event_constraints.published_apart``; the
resolver still decides every pair they give, in the order a plain scan gives them
(tests/test_event_blocking.py compares both on random local events).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Protocol, TypeVar

from factdb.resolve.event_constraints import RECENT_DAYS, LocalEvent, published_apart

#: A block of at most this many undated local events is read whole, without its index.
SMALL_BLOCK = 16


class Member(LocalEvent, Protocol):
    """What the indexes read of a local event (factdb.resolve.local_events.LocalEvent)."""

    key: str


M = TypeVar("M", bound=Member)


def dated_pairs(order: Iterable[str], blocks: Iterable[list[M]], max_block: int,
                slip: int) -> list[tuple[M, M]]:
    """Pairs of dated local events of different articles that share a block of at most
    max_block members, each once and in the order ``order`` (the events' keys, as every
    block holds them) gives them: only those at most ``slip`` days apart, as _compatible
    never makes days further apart one event. A block's dated members are sorted by day,
    so that each is compared only with those within the slip."""
    rank = {key: i for i, key in enumerate(order)}
    found: dict[tuple[str, str], tuple[M, M]] = {}
    for members in blocks:
        if len(members) > max_block:
            continue
        dated = sorted(((day, m) for m in members if (day := m.day) is not None),
                       key=lambda dm: dm[0])
        for i, (day_a, a) in enumerate(dated):
            for day_b, b in dated[i + 1:]:
                if (day_b - day_a).days > slip:
                    break
                if a.article_id != b.article_id:
                    first, second = (a, b) if rank[a.key] < rank[b.key] else (b, a)
                    found.setdefault((first.key, second.key), (first, second))
    return list(found.values())


def may_pair(a: Member, b: Member, story: bool) -> bool:
    """Whether _compatible can make two undated local events one (a necessary condition,
    cheap to check and to index): months or years that do not meet keep them apart, and
    articles published apart (event_constraints.published_apart) too, unless a name or
    the story ties them."""
    pa, pb = a.period, b.period
    if pa is not None and pb is not None:
        return not (pa[1] < pb[0] or pb[1] < pa[0])
    return story or bool(a.names & b.names) or not published_apart(a, b)


class UndatedBlocks:
    """The undated members of every block (none of a block over max_block), each block
    indexed on first use by its members' publication day (the last day their article can
    have been published on), article and month or year."""

    def __init__(self, blocks: dict[tuple[str, str], list[M]], max_block: int) -> None:
        self.blocks = blocks
        self.max_block = max_block
        self.index: dict[tuple[str, str], _Undated] = {}

    def candidates(self, key: tuple[str, str], ev: M, story: set[str]) -> list[M]:
        """The undated members of block ``key``, in order, that may_pair can admit with ev
        (and some more): those of articles of its story, those not published apart (both
        of unknown time, or of known days at most RECENT_DAYS apart) and, when ev has a
        month or year, those whose own meets it. Every member when ev has a name."""
        found = self.index.get(key)
        if found is None:
            members = self.blocks.get(key, [])
            found = self.index[key] = _Undated(
                [m for m in members if m.day is None] if len(members) <= self.max_block
                else [])
        return found.candidates(ev, story)  # type: ignore[return-value]


class _Undated:
    def __init__(self, members: list[Member]) -> None:
        self.all = members
        if len(members) <= SMALL_BLOCK:
            return  # read whole
        self.unknown = [i for i, m in enumerate(members) if m.latest is None]
        known = sorted((latest.toordinal(), i) for i, m in enumerate(members)
                       if (latest := m.latest) is not None)
        self.days = [d for d, _ in known]
        self.at = [i for _, i in known]
        self.articles: dict[str, list[int]] = defaultdict(list)
        self.periods: list[tuple[int, date, date]] = []
        for i, m in enumerate(members):
            self.articles[m.article_id].append(i)
            if (period := m.period) is not None:
                self.periods.append((i, *period))

    def candidates(self, ev: Member, story: set[str]) -> list[Member]:
        if ev.names or len(self.all) <= SMALL_BLOCK:
            return self.all
        if ev.latest is None:
            found = set(self.unknown)
        else:
            day = ev.latest.toordinal()
            found = set(self.at[bisect_left(self.days, day - RECENT_DAYS):
                                bisect_right(self.days, day + RECENT_DAYS)])
        if ev.period is not None:
            start, end = ev.period
            found.update(i for i, s, e in self.periods if s <= end and start <= e)
        for article in (story & self.articles.keys() if len(story) < len(self.articles)
                        else [a for a in self.articles if a in story]):
            found.update(self.articles[article])
        return [self.all[i] for i in sorted(found)]
