"""pubdate._kin finds the same stories as comparing every pair of articles does (issue 12:
the loader compares only the articles that share a name)."""

from __future__ import annotations

import random

from factdb.ingest.pubdate import LEAD, SAME_STORY, _kin, same_story

#: Invented names and figures: a few stories that share words, and words every story uses.
WORDS = ["harbour", "ferry", "storm", "council", "mayor", "okafor", "lindqvist", "tuesday",
         "monday", "river", "bridge", "1,200", "14", "300", "75%", "2.5", "north", "union"]


def _prints(n: int, seed: int) -> list[frozenset[str]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = set(rng.sample(WORDS, rng.randint(0, 9)))
        words |= {LEAD + w for w in rng.sample(["14", "300", "1,200", "2.5"], rng.randint(0, 2))}
        out.append(frozenset(words))
    return out


def _all_pairs(prints: list[frozenset[str]]) -> list[list[int]]:
    n = len(prints)
    return [[j for j in range(n) if j != i and same_story(prints[i], prints[j]) >= SAME_STORY]
            for i in range(n)]


def test_kin_is_every_pair_compared() -> None:
    for seed in range(5):
        prints = _prints(120, seed)
        found = _kin(prints)
        assert found == _all_pairs(prints)
        assert 0 < sum(map(len, found)) < 120 * 119  # some stories, not all of them one


def test_articles_without_names_have_no_kin() -> None:
    prints = [frozenset(), frozenset({LEAD + "14"}), frozenset({"storm", "ferry"}),
              frozenset({"storm", "ferry", "harbour"})]
    assert _kin(prints) == [[], [], [3], [2]]
