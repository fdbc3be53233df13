"""The parts of cross-document event coreference (factdb.resolve.events) that decide
independently of each other (issue 16 item 3; docs/scale.md, "Incremental resolution").

Two local events interact when some rule of ``events.cluster`` could put them to one
``uf.link``, or when a decision about one reads the other. The interaction graph holds an
edge for every such pair, over-approximated where a rule reads the run's own state:

- **without the story**: the dated pairs ``_compatible`` admits (``dated_pairs``), an
  undated (or month- or year-dated) local event and the dated ones it may join (shared
  block, its period, place, time of telling), and the undated pairs ``may_pair`` and
  ``_compatible`` admit; all within blocks of at most MAX_BLOCK local events of the whole
  corpus (a larger block joins nothing, in the graph as in the run);
- **with the story**: two articles are linked when an event holds local events of both
  and they were published at most STORY_DAYS apart (``published_near``), and an event
  lies inside one part, so two articles can be linked only when a part holds local
  events of both and they are so published ("co-told"). For co-told articles, the dated
  pairs ``_compatible`` admits as linked and the undated pairs it admits as linked are edges;
  a part that reads whether two articles are linked (such a pair, or undated local
  events of both, whose merges and scores read it) is joined with every part that
  could link them; an undated local event the story's one event of the day may take
  (``_join_the_story_s_one``) is joined with every local event of its type in its
  article and in the articles co-told with it, and with every part that links its
  article to another (it reads whether its article is linked at all), as is an event
  dated by a period whose article is co-told with more than MAX_BLOCK others (the run
  reads how many articles its article is linked to). Parts grow, so articles become
  co-told; this repeats until nothing joins.

Every decision of the run reads only local events of its own part, and an order it
follows (events in the store's order, pairs closest first, then by key) restricted to a
part is the whole run's. So ``cluster`` over the whole corpus gives the groups and merge
scores that ``cluster`` over each part gives, with the blocks that are too large in the
whole corpus left out of every part (tests/test_event_parts.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from itertools import combinations

from factdb.resolve import event_constraints
from factdb.resolve import events as ev_rules
from factdb.resolve.event_blocks import UndatedBlocks, dated_pairs, may_pair
from factdb.resolve.event_constraints import (
    in_period,
    joins_dated,
    places_differ,
    published_near,
    told_elsewhere,
)
from factdb.resolve.local_events import LocalEvent
from factdb.resolve.unionfind import UnionFind

Block = tuple[str, str]


def blocks_of(events: dict[str, LocalEvent]) -> dict[Block, list[LocalEvent]]:
    """Every block of the run: (type, entity), (type, day), (type, name)."""
    blocks: dict[Block, list[LocalEvent]] = defaultdict(list)
    for ev in events.values():
        for key in ev_rules.block_keys(ev):
            blocks[(ev.event_type, key)].append(ev)
    return blocks


def oversized(blocks: dict[Block, list[LocalEvent]]) -> frozenset[Block]:
    """The blocks too large to be evidence (more than MAX_BLOCK local events)."""
    return frozenset(k for k, members in blocks.items() if len(members) > ev_rules.MAX_BLOCK)


def parts(events: dict[str, LocalEvent], absorb: int | None = None,
          kept: dict[str, str] | None = None, dirty: set[str] | None = None
          ) -> dict[str, str]:
    """Local key -> its part (the smallest local key of the part). A part of more than
    ``absorb`` local events takes in every local event of its articles, and is then
    closed: whatever the story rules could join to it is inside. The parts are coarser,
    still exact, and found without comparing every pair of articles a large part
    co-tells (the square of its articles).

    Incremental (``kept`` and ``dirty``): ``kept`` maps local keys to the parts of the
    last run (closed then), ``dirty`` holds the local keys new or changed since, and a
    local key of every part that lost one or whose blocks crossed MAX_BLOCK. A kept part
    is taken whole; only the edges with a dirty end are sought, and the story rules read
    only what a dirty local event or a part that grew this run can change: an edge
    between two local events that did not change, of kept parts no dirty one joined, was
    read by the last run and lies inside one kept part. ``touched`` gives the parts to
    cluster again."""
    blocks = blocks_of(events)
    uf: UnionFind[str] = UnionFind(events)
    if kept is not None:
        first: dict[str, str] = {}
        for key in events:
            if key in kept:
                uf.union(key, first.setdefault(kept[key], key))
    _without_story(events, blocks, uf, dirty)
    _with_story(events, uf, absorb, dirty)
    return {key: uf.find(key) for key in events}


def dirty_keys(last: dict[str, LocalEvent], now: dict[str, LocalEvent],
               kept: dict[str, str]) -> set[str]:
    """The local keys an incremental ``parts`` must start from, given the local events of
    the last run (``last``, whose parts are ``kept``) and of this one: the new ones, those
    that read otherwise (another entity, day, publication ...), a local key of every kept
    part that lost a local event, and every member of a block that crossed MAX_BLOCK
    (its decisions read the block's size)."""
    out = {key for key, ev in now.items() if last.get(key) != ev}
    lost = {kept[key] for key in last.keys() - now.keys() if key in kept}
    out |= {key for key in now if kept.get(key) in lost}
    blocks = blocks_of(now)
    crossed = oversized(blocks) ^ oversized(blocks_of(last))
    return out | {m.key for block in crossed for m in blocks.get(block, [])}


def touched(found: dict[str, str], dirty: set[str]) -> set[str]:
    """The parts (of ``parts``) that hold a dirty local event: the ones to cluster again."""
    return {found[key] for key in dirty if key in found}


def _without_story(events: dict[str, LocalEvent], blocks: dict[Block, list[LocalEvent]],
                   uf: UnionFind[str], dirty: set[str] | None = None) -> None:
    """The edges of the rules that do not read the story (only those with a dirty end
    when ``dirty`` is given)."""
    changed = set() if dirty is None else dirty
    reach = blocks if dirty is None else \
        {k: members for k, members in blocks.items() if any(m.key in changed for m in members)}
    for a, b in dated_pairs(events, reach.values(), ev_rules.MAX_BLOCK,
                            ev_rules.MAX_DATE_SLIP):
        if (dirty is None or a.key in changed or b.key in changed) and \
                ev_rules._compatible(a, b):
            uf.union(a.key, b.key)
    dated = {k: [m for m in members if m.day is not None] for k, members in blocks.items()
             if len(members) <= ev_rules.MAX_BLOCK}
    undated = UndatedBlocks(blocks, ev_rules.MAX_BLOCK)  # admits what may_pair may
    for ev in events.values():
        if ev.day is not None:
            continue
        mine = dirty is None or ev.key in dirty
        for key in ev_rules.evidence_keys(ev):
            if not mine and (ev.event_type, key) not in reach:
                continue
            for other in dated.get((ev.event_type, key), []):
                if (mine or other.key in changed) and \
                        other.article_id != ev.article_id and other.series == ev.series and \
                        other.day is not None and in_period(other.day, ev.period) and \
                        not places_differ(ev, other) and not told_elsewhere(ev, other) and \
                        joins_dated(ev, other):
                    uf.union(ev.key, other.key)
            for other in undated.candidates((ev.event_type, key), ev, set()):
                if (mine or other.key in changed) and \
                        other.article_id != ev.article_id and other.series == ev.series and \
                        may_pair(ev, other, False) and ev_rules._compatible(ev, other, False):
                    uf.union(ev.key, other.key)


def _story_pairs(mine: list[LocalEvent], theirs: list[LocalEvent]) -> list[tuple[str, str]]:
    """The pairs of two co-told articles' local events the rules may merge as linked."""
    out = []
    for x in mine:
        for y in theirs:
            if x.event_type != y.event_type or x.series != y.series:
                continue
            if x.day is not None and y.day is not None:
                if abs((x.day - y.day).days) <= ev_rules.MAX_DATE_SLIP and \
                        ev_rules._compatible(x, y, True):
                    out.append((x.key, y.key))
            elif x.day is None and y.day is None and may_pair(x, y, True) and \
                    ev_rules._compatible(x, y, True):
                out.append((x.key, y.key))
    return out


def _near_pairs(held: set[str], latest: dict[str, date | None]) -> list[tuple[str, str]]:
    """The pairs of articles (first id first) a part holds that may be of one story:
    published at most STORY_DAYS apart, or one of unknown time (published_near)."""
    unknown = sorted(a for a in held if latest[a] is None)
    known = sorted((d.toordinal(), a) for a in held if (d := latest[a]) is not None)
    pairs = [(min(a, b), max(a, b)) for a in unknown for b in held if b != a and
             (latest[b] is not None or a < b)]
    for i, (day, a) in enumerate(known):
        for other, b in known[i + 1:]:
            if other - day > event_constraints.STORY_DAYS:
                break
            pairs.append((min(a, b), max(a, b)))
    return sorted(pairs)


def _with_story(events: dict[str, LocalEvent], uf: UnionFind[str], absorb: int | None,
                dirty: set[str] | None = None) -> None:
    """Join the parts the story rules tie, to a fixpoint (``absorb``, ``dirty``: see
    parts). Incremental: the rules read only the articles of the parts that hold a dirty
    local event or one joined this run ("hot"); what the others read is as it was."""
    by_article: dict[str, list[LocalEvent]] = defaultdict(list)
    latest: dict[str, date | None] = {}
    for ev in events.values():
        by_article[ev.article_id].append(ev)
        latest[ev.article_id] = ev.latest
    # undated, unnamed, of a known time: the story's one event of the day may take it
    of_the_day = [ev for ev in events.values() if ev.day is None and ev.period is None and
                  not ev.series and not ev.names and ev.latest is not None]
    periods = [ev for ev in events.values() if ev.day is None and ev.period is not None]
    paired: dict[tuple[str, str], list[tuple[str, str]]] = {}  # co-told articles' pairs
    hot = None if dirty is None else set(dirty)
    changed = True
    while changed:
        changed = False

        def join(x: str, y: str) -> None:
            nonlocal changed
            if uf.find(x) != uf.find(y):
                uf.union(x, y)
                changed = True
                if hot is not None:
                    hot.update((x, y))

        articles: dict[str, set[str]] = defaultdict(set)  # part -> its articles
        size: Counter[str] = Counter()
        undated: dict[str, set[str]] = defaultdict(set)  # article -> parts of its undated
        for ev in events.values():
            root = uf.find(ev.key)
            articles[root].add(ev.article_id)
            size[root] += 1
            if ev.day is None:
                undated[ev.article_id].add(root)
        active = None if hot is None else {uf.find(k) for k in hot}
        warm = None if active is None else {a for root in active for a in articles[root]}

        def read(*arts: str, warm: set[str] | None = warm) -> bool:
            return warm is None or any(a in warm for a in arts)

        large = {root for root, n in size.items() if absorb is not None and n > absorb}
        for root in sorted(large):  # every local event of its articles: then closed
            if active is not None and root not in active:
                continue  # closed when it was kept
            for article in sorted(articles[root]):
                for ev in by_article[article]:
                    join(ev.key, root)
        if changed:
            continue
        parts_of: dict[str, set[str]] = defaultdict(set)  # article -> parts co-telling it
        co_told: dict[str, set[str]] = defaultdict(set)  # article -> itself and co-told
        near: dict[str, list[tuple[str, str]]] = {}  # part -> its articles' near pairs
        for root, held in articles.items():
            if len(held) > 1 and root not in large:  # a large one: its articles are in it
                near[root] = _near_pairs(held, latest)
                for a, b in near[root]:
                    parts_of[a].add(root)
                    parts_of[b].add(root)
                    co_told[a] |= {a, b}
                    co_told[b] |= {a, b}
        for root, pairs in near.items():
            for pair in pairs:
                if pair not in paired and read(*pair):
                    paired[pair] = _story_pairs(by_article[pair[0]], by_article[pair[1]])
                    for x, y in paired[pair]:
                        join(x, y)
                        join(x, root)
        # a part reads whether two articles are linked (a pair above, or undated local
        # events of both in it): it is joined with every part that could link them
        for a, mine in parts_of.items():
            for p, q in combinations(sorted(mine), 2):
                if any(paired.get((min(a, b), max(a, b))) or undated[a] & undated[b]
                       for b in articles[p] & articles[q]
                       if b != a and published_near(latest[a], latest[b]) and read(a, b)):
                    join(p, q)
        for ev in of_the_day:
            story = co_told.get(ev.article_id)
            if not story or not read(*story):  # what its story's articles hold changed
                continue
            for article in sorted(story):  # holds its own article
                for other in by_article[article]:
                    if other.event_type == ev.event_type and \
                            (not other.series or article == ev.article_id):
                        join(ev.key, other.key)
            for root in sorted(parts_of[ev.article_id]):
                join(ev.key, root)
        for ev in periods:
            if len(co_told.get(ev.article_id, ())) - 1 > ev_rules.MAX_BLOCK and \
                    read(ev.article_id):
                for root in sorted(parts_of[ev.article_id]):
                    join(ev.key, root)
