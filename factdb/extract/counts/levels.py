"""Levels and changes between them: "fell from $2,415 to $2,315" (one row, the level reached,
with the level it left as `from_value`), "the DAX fell 0.4 per cent to 13,176" (a level with no
unit written after a change), "(16,369.03 up 58.06 points)"."""

from __future__ import annotations

import re

from factdb.extract.counts.vocabulary import (
    CHANGE_DOWN,
    CHANGE_UP,
    LEVEL,
    UNIT_ABBREVIATIONS,
    Found,
    _index_at,
)
from factdb.extract.tokens import Tok
from factdb.lang.numbers import NUMERAL_SCALES, Quantity

#: "from $2,415 to $2,315", "from 208 pounds to 193", "from $75 U.S. per barrel to $45.88",
#: "from 450 sq ft up to 900 sq ft": the words between the level a change leaves and the
#: level it reaches (a qualifier "up to" is part of the second quantity)
_FROM_TO = re.compile(r"(?:\s+[^\s,;()]+){0,5}?(?:\s+to)?\s+")
_TO = re.compile(r"\bto\s+$", re.IGNORECASE)
_UP_TO = re.compile(r"up\s+to\b", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_SCALE_END = re.compile(r"(million|billion|trillion|bn|tn|mn)$", re.IGNORECASE)


#: verbs of change besides CHANGE_UP / CHANGE_DOWN that go "from X to Y"
_MOVE_VERBS = frozenset({"go", "move", "slow", "widen", "narrow", "improve", "shrink",
                         "expand", "swing", "edge", "inch", "dip", "creep", "change", "shift"})


def _changed_from(toks: list[Tok], at: int) -> bool:
    """Whether a verb of change stands right before the "from" before offset at."""
    i = _index_at(toks, at) - 2
    return i >= 0 and toks[i + 1].lower == "from" and toks[i].tag.startswith("VB") and \
        (toks[i].lemma in CHANGE_UP or toks[i].lemma in CHANGE_DOWN or
         toks[i].lemma in _MOVE_VERBS)


def _unit_name(f: Found) -> str:
    """The unit with its rate, abbreviations written out ("mpg" = "mile per gallon")."""
    unit = f.unit or ""
    if f.per_unit:
        return f"{UNIT_ABBREVIATIONS.get(unit, unit)} per {f.per_unit}"
    return {"mpg": "mile per gallon"}.get(unit, UNIT_ABBREVIATIONS.get(unit, unit))


def _from_to(text: str, s0: int, quantities: list[Quantity], made: dict[int, Found],
             found: list[Found], toks: list[Tok]) -> None:
    """ "fell from $2,415 to $2,315", "slow from 4.8 to 4.7 percent": a change from one level
    to another (a verb of change stands before it, else numbers.py reads "from X to Y" as a
    range) is one row, the level reached, with the level it left as `from_value`; the quote
    runs from the first number. A chain ("from $160 to $180 to $200") makes a row for each
    step."""
    for n, q1 in enumerate(quantities):
        f1 = made.get(q1.start)
        if q1.kind == "range" and f1 is not None:
            _to_after_range(text, s0, quantities[n + 1:n + 2], f1, made)
            continue
        chained = f1 is not None and f1.from_value is not None
        if q1.kind not in ("numeral", "words") or not chained and \
                not _FROM.search(text, max(s0, q1.start - 6), q1.start):
            continue
        q2 = next((q for q in quantities[n + 1:n + 3]
                   if q.kind in ("numeral", "words") and not q.year_like and
                   _FROM_TO.fullmatch(text, q1.end, q.start) and
                   (_TO.search(text, max(s0, q.start - 4), q.start) or
                    _UP_TO.match(text, q.start, q.end))), None)
        if q2 is None:
            continue
        f2 = made.get(q2.start)
        if f2 is None and f1 is not None and not chained:
            # "from 21 mpg combined to 23": the second number takes the unit of the first
            f2, f1 = f1, None
            f2.q, f2.quote_end, f2.qualifier = q2, q2.end, q2.qualifier
            made[q2.start] = f2
        elif f2 is None and f1 is None and _changed_from(toks, q1.start):
            # "Horsepower jumped from 240 to 273": levels with no unit written
            f2 = Found(q=q2, after=_index_at(toks, q2.end), quote_end=q2.end,
                       qualifier=q2.qualifier, unit=LEVEL, basis="sentence")
            found.append(f2)
            made[q2.start] = f2
        if f2 is None or f2.from_value is not None:
            continue
        if f1 is not None and _unit_name(f1) != _unit_name(f2) and f2.basis == "noun":
            continue  # two quantities of different things
        value = q1.value
        scale = _SCALE_END.search(q2.text)
        if scale is not None and not _SCALE_END.search(q1.text) and abs(value) < 1000:
            value *= NUMERAL_SCALES[scale.group(1).lower()]  # "from $10 to $15 billion"
        if f1 is not None:
            if f2.per_unit is None and f1.unit == f2.unit:
                f2.per_unit = f1.per_unit  # "from $75 per barrel to $45.88"
            if not chained:
                found.remove(f1)
        if f2.qualifier == "at_most" and _UP_TO.match(text, q2.start, q2.end):
            f2.qualifier = "exact"  # "from 450 up to 900": the end of the change, not a bound
        f2.from_value, f2.from_start = value, q1.start


def _to_after_range(text: str, s0: int, nxt: list[Quantity], f1: Found,
                    made: dict[int, Found]) -> None:
    """ "from about 20-25 mpg to 31": the level after "to" takes the unit of the range it
    moved from when its own is left out (the range stays a row of its own)."""
    if not nxt or not _FROM.search(text, max(s0, f1.q.start - 6), f1.q.start):
        return
    f2 = made.get(nxt[0].start)
    if f2 is None or f2.basis == "noun" or not _FROM_TO.fullmatch(text, f1.quote_end,
                                                                   nxt[0].start) or \
            not _TO.search(text, max(s0, nxt[0].start - 4), nxt[0].start):
        return
    f2.unit, f2.per_unit, f2.basis, f2.event_type = f1.unit, f1.per_unit, "sentence", None


def _level_after_change(toks: list[Tok], qfirst: int, found: list[Found]) -> str | None:
    """ "the DAX fell 0.4 per cent to 13,176", "was down 0.1 per cent at 5,884", "lost 162
    points to 7,425": the level a change reached, right after the change; in the unit of
    the change, or a LEVEL when the change is a percentage (the index or price has no unit
    written)."""
    if qfirst < 2 or not found or toks[qfirst - 1].lower not in ("to", "at"):
        return None
    prior = found[-1]
    if prior.unit is None or _index_at(toks, prior.quote_end) != qfirst - 1 or prior.q.currency:
        return None
    i = _index_at(toks, prior.q.start) - 1
    if i >= 0 and toks[i].lower == "by":
        i -= 1
    if i < 0 or not (toks[i].lower in CHANGE_UP or toks[i].lower in CHANGE_DOWN or
                     toks[i].tag.startswith("VB") and (toks[i].lemma in CHANGE_UP or
                                                       toks[i].lemma in CHANGE_DOWN)):
        return None
    return LEVEL if prior.unit in ("percent", "percentage point") else prior.unit


def _level_before_change(toks: list[Tok], after: int) -> str | None:
    """ "(16,369.03 up 58.06 points)", "the Dow at 38,100, down 1.2%": a level followed by
    the change that brought it there, in the change's unit (a LEVEL for a percentage)."""
    i = after + (after < len(toks) and toks[after].text in (",", "("))
    if i + 2 >= len(toks) or toks[i].lower not in ("up", "down") or toks[i + 1].tag != "CD":
        return None
    unit = toks[i + 2]
    if unit.text == "%" or unit.lower in ("percent", "pct", "pc") or \
            unit.lower == "per" and i + 3 < len(toks) and toks[i + 3].lower == "cent":
        return LEVEL
    return "point" if unit.lower in ("point", "points", "pts") else None
