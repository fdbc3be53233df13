"""Pairs of numbers that are two quantities: "a 25-22 win", "voted 10-2", "finished 15-6 on
the season", "out-gained them 125-6", "a 439-247 edge in total yards". A hyphenated pair
whose second number is not larger (`factdb.lang.numbers` marks its first number `score`) is
read only when the words around it say what the two numbers are; each number is then a
row of its own, both quoted with the whole pair (docs/counts.md "Pairs").

- a result of a game (`quantity_kind` score): the pair after a verb of winning, losing or
  leading and its object ("beat the Hawks 31-9", "led 10-3"), before a noun of a result
  ("a 25-22 win", "a 10-3 lead"), after "tied" or "the score was"; the unit is the sport's
  (point, goal, run or game, from the article's words);
- a split vote (count of `vote`): "voted 10-2", "a 6-3 ruling", "by a vote of 52-48";
- a season's record (counts of `win` and `loss`): "a 15-6 record", "the record was 14-6",
  "finished 15-6 on the season";
- a margin in some measure: "out-gained them 125-6" (yards: the verb's noun), "a 439-247
  edge in total yards" (the noun after "in").

A bare pair ("at 2-0 down", "ended 2-2 on aggregate", "tied the game at 89-89") says
nothing of what it counts and is left out, as are pairs with more than three digits
("2014-15" is a season).
"""

from __future__ import annotations

import re
from functools import lru_cache

from factdb.extract.counts.vocabulary import Found
from factdb.extract.tokens import _singular
from factdb.lang.numbers import Quantity

#: the second number of a pair, right after the first
_SECOND = re.compile(r"\s?[-–]\s?(?P<num>\d{1,3})(?![\w.,/%–-]|\s*(?:%|percent|per\s+cent"
                     r"|million|billion|thousand)\b)", re.IGNORECASE)
#: the words before a pair that make it the result of a game: a verb of the result, then
#: at most a short object ("defeat the San Francisco 49ers 25-22", "led 10-3")
_RESULT_VERB = re.compile(
    r"\b(?i:beat|beats|beating|defeat(?:s|ed|ing)?|won|win|wins|winning|lost|lose|loses|"
    r"losing|led|lead|leads|leading|trail(?:s|ed|ing)?|edg(?:e|es|ed|ing)|top(?:s|ped)|"
    r"rout(?:s|ed)?|thrash(?:es|ed)?|down(?:s|ed)|blank(?:s|ed)|overc(?:a|o)me|"
    r"tied|level(?:led)?|(?:score|scoreline)\s+(?:was|is|stood\s+at|read|of))"
    r"(?:\s+(?:them|him|her|us|(?:the\s+)?(?:[A-Z0-9][\w'’.&-]*\s+){1,4}))?\s*$")
#: nouns after a pair that make it the result of a game ("a 25-22 win", "the 10-3 lead")
_RESULT_NOUN = re.compile(r"\s+(?:win|wins|victory|victories|triumph|defeat|loss|losses|"
                          r"lead|rout|upset|drubbing|thrashing|deficit|advantage|"
                          r"shutout|scoreline|final|comeback|halftime\s+lead)\b",
                          re.IGNORECASE)
#: a split vote: "voted 10-2", "by a vote of 52-48", "a 6-3 ruling"
_VOTE_BEFORE = re.compile(r"\b(?:voted|votes?\s+of|tally\s+of)\s*$", re.IGNORECASE)
_VOTE_AFTER = re.compile(r"\s+(?:vote|votes|ruling|decision|majority|verdict|tally|"
                         r"split|margin)\b", re.IGNORECASE)
#: a season's record: "a 15-6 record", "record was 14-6", "finished 15-6 on the season"
_RECORD_BEFORE = re.compile(r"\brecord\s+(?:was|is|of|at|to|stood\s+at|improved\s+to|"
                            r"fell\s+to)\s*$", re.IGNORECASE)
_FINISHED_BEFORE = re.compile(r"\b(?:finished|went|are|were|is|was|stand|stands|stood)\s*$",
                              re.IGNORECASE)
_RECORD_AFTER = re.compile(r"\s+record\b", re.IGNORECASE)
_SEASON_AFTER = re.compile(r"\s+(?:on|in|for|this|last)\s+(?:the\s+|this\s+|that\s+)?"
                           r"(?:regular\s+)?(?:season|year|campaign)\b", re.IGNORECASE)
#: "out-gained the Chiefs 125-6": the verb names what the two sides gained
_OUT_VERB = re.compile(r"\b(?i:out-?(?P<verb>gained|scored|shot|rebounded|hit|rushed|passed))"
                       r"(?:\s+(?:them|him|her|us|(?:the\s+)?(?:[A-Z0-9][\w'’.&-]*\s+){1,4}))?"
                       r"\s*$")
_OUT_UNITS = {"gained": "yard", "rushed": "yard", "passed": "yard", "scored": "point",
              "shot": "shot", "rebounded": "rebound", "hit": "hit"}
#: "a 439-247 edge in total yards", "a 31-17 edge in first downs": the plural noun after
#: "in" is what the margin is in
_EDGE_IN = re.compile(r"\s+(?:edge|advantage|margin|lead)\s+in\s+(?:(?!the\b)[a-z-]+\s+)?"
                      r"(?P<noun>[a-z]+s)\b", re.IGNORECASE)

#: words that tell the sport, and so the unit of its scores: the first entry whose words the
#: article holds decides (points when none does). Cricket's "245-6" is runs for wickets, no
#: pair of scores; "points" alone says nothing (a football league counts points too).
_SPORTS: tuple[tuple[str | None, re.Pattern[str]], ...] = (
    (None, re.compile(r"\b(?:wickets?|batsman|batsmen|bowler|test\s+match|t20)\b", re.I)),
    ("point", re.compile(r"\b(?:touchdowns?|quarterbacks?|field\s+goals?|nfl|nba|rebounds?|"
                         r"three-pointers?|layups?|free\s+throws?)\b", re.I)),
    ("run", re.compile(r"\b(?:innings|inning|pitchers?|home\s+runs?|homers?|rbis?|bullpen)\b",
                       re.I)),
    ("game", re.compile(r"\b(?:tennis|grand\s+slam|tiebreaks?|straight\s+sets)\b", re.I)),
    ("goal", re.compile(r"\b(?:goals|striker|midfielder|goalkeeper|penalty\s+shoot-?out|puck|"
                        r"hat-?\s?trick|premier\s+league|la\s+liga|serie\s+a|bundesliga)\b",
                        re.I)),
)


@lru_cache(maxsize=1)  # one article's sentences ask in turn: its text is read once
def score_unit(text: str) -> str | None:
    """The unit of a game's score in this article (point, run, game or goal, from its words;
    point when they do not tell); None for cricket, whose pairs are not two scores."""
    for unit, words in _SPORTS:
        if words.search(text):
            return unit
    return "point"


def find_pair(text: str, s0: int, s1: int, q: Quantity) -> list[Found]:
    """The two quantities of the pair whose first number is q (a `score` quantity of
    find_quantities; text is the article's), or none when the words around it do not say
    what it counts. The sport's words are read only for a game's result."""
    second = _SECOND.match(text, q.end, s1)
    if second is None or q.start != q.num_start or q.value != int(q.value) or \
            q.value > 999:
        return []
    start, end = q.num_start, second.end()
    if text[start - 1:start] in ("-", "–", "/", ".") or text[start - 1:start].isalnum():
        return []
    before = text[max(s0, start - 60):start]
    after = text[end:min(s1, end + 40)]
    first_unit: str
    kind: str | None = None
    if _VOTE_BEFORE.search(before) or _VOTE_AFTER.match(after):
        first_unit = second_unit = "vote"
    elif _RECORD_AFTER.match(after) or _RECORD_BEFORE.search(before) or \
            _FINISHED_BEFORE.search(before) and _SEASON_AFTER.match(after):
        first_unit, second_unit = "win", "loss"
    elif (out := _OUT_VERB.search(before)) is not None:
        first_unit = second_unit = _OUT_UNITS[out.group("verb").lower()]
        kind = "score" if first_unit == "point" else None
    elif (edge := _EDGE_IN.match(after)) is not None:
        first_unit = second_unit = _singular(edge.group("noun").lower())
        kind = "score" if first_unit in ("point", "goal", "run") else None
    elif (_RESULT_NOUN.match(after) or _RESULT_VERB.search(before)) and \
            (sport := score_unit(text)) is not None:
        first_unit = second_unit = sport
        kind = "score"
    else:
        return []
    high = float(second.group("num"))
    pair = text[start:end]
    return [_found(start, end, start, q.value, first_unit, kind, pair),
            _found(start, end, second.start("num"), high, second_unit, kind, pair)]


def _found(start: int, end: int, num_start: int, value: float, unit: str,
           kind: str | None, pair: str) -> Found:
    q = Quantity(start, end, num_start, value, "exact", "pair", pair)
    return Found(q=q, unit=unit, unit_span=None, quote_end=end, basis="pair", kind=kind)
