"""Ages: "a 32-year-old", "the 54 year-old Ramirez", "30 years old", "aged 72",
"Okafor, 41,", "who was 10 when". An age is a quantity of its own kind (`age`, unit
year), never a count of things (docs/gold.md "Ages", docs/counts.md).
"""

from __future__ import annotations

import re

from factdb.extract.counts.vocabulary import Found, _index_at
from factdb.extract.tokens import Tok
from factdb.lang.numbers import _NUMWORD, Quantity, numeral_value, words_value

_NUM = rf"(?P<num>\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|(?:{_NUMWORD})(?:-(?:{_NUMWORD}))?)"
_SCALE = r"(?:[\s-](?P<scale>thousand|million|billion))?"
#: "32-year-old", "18 year-old", "30 years old", "400 million-year-old", "ten-year-old"
#: (also "-month-old", "-week-old", "-day-old": an age in months, weeks or days)
AGE_OLD = re.compile(rf"(?<![\w.,-]){_NUM}{_SCALE}(?:\s*-\s*|\s+)(?P<unit>year|month|week|day)s?"
                     r"(?:\s*-\s*|\s+)old\b", re.IGNORECASE)
#: "aged 72" (not an age band of a group: "women aged 25 to 54")
AGED = re.compile(r"\baged\s+(?P<num>\d{1,3})\b(?!\s*(?:-|–|to|and|or)\s*\d)", re.IGNORECASE)
#: "who was 10 when ...", "who turned 30 last year": a person's age after a relative pronoun
WHO_AGE = re.compile(r"\bwho\s+(?:is|was|turned|turns|had\s+turned)\s+(?P<num>\d{1,3})\b"
                     r"(?=\s*(?:[,.;:)]|$|when\b|at\s+the\s+time\b))", re.IGNORECASE)
#: "Lindqvist, 58, has": a bare number between commas (or a comma and a full stop)
APPOSITIVE = re.compile(r",\s(?P<num>\d{1,3}),")


def find_ages(text: str, s0: int, s1: int, toks: list[Tok],
              person_ends: frozenset[int] = frozenset()) -> list[Found]:
    """The ages written in text[s0:s1] (toks: the sentence's tokens; person_ends: where the
    article's names of people end, by the entity extractor)."""
    out: list[Found] = []
    for m in AGE_OLD.finditer(text, s0, s1):
        raw = m.group("num")
        value = numeral_value(raw) if raw[0].isdigit() else words_value(raw)
        if value is None:
            continue
        if m.group("scale"):
            value *= {"thousand": 1e3, "million": 1e6, "billion": 1e9}[m.group("scale").lower()]
        out.append(_age(text, m.start(), m.end(), m.start("num"), value,
                        m.group("unit").lower()))
    for pattern in (AGED, WHO_AGE):
        for m in pattern.finditer(text, s0, s1):
            start = m.start() if pattern is AGED else m.start("num")
            out.append(_age(text, start, m.end("num"), m.start("num"),
                            numeral_value(m.group("num")), "year"))
    for m in APPOSITIVE.finditer(text, s0, s1):
        if (_after_person(toks, m.start(), person_ends) or _name_then_verb(toks, m.start(),
                                                                          m.end())) and \
                0 < int(m.group("num")) < 125:
            out.append(_age(text, m.start("num"), m.end("num"), m.start("num"),
                            numeral_value(m.group("num")), "year"))
    out.sort(key=lambda f: f.q.start)
    return out


def _after_person(toks: list[Tok], comma: int, person_ends: frozenset[int]) -> bool:
    """Whether the word before the comma ends a person's name: a name the entity extractor
    types as a person, or else one spaCy's tagger does ("Paris, 12," is no age)."""
    if comma in person_ends:
        return True
    i = _index_at(toks, comma)
    return i > 0 and toks[i - 1].end == comma and toks[i - 1].ent == "PERSON"


#: finite verbs and modals: "Maddon, 66, has used" (a name, a number, then its verb)
_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})


def _name_then_verb(toks: list[Tok], comma: int, after: int) -> bool:
    """Whether a proper name stands before the comma and a finite verb after the closing
    one: "Maddon, 66, has used the downtime" is an age whatever type the tagger gave the
    name (the small model reads some surnames as places); "In Lyon, 12 were hurt" has no
    closing comma, and the last of a list ("Ohio, 8, and Utah, 3, reported") is no
    person."""
    i = _index_at(toks, comma)
    j = _index_at(toks, after)
    if not (0 < i and j < len(toks) and toks[i - 1].end == comma and
            toks[i - 1].tag == "NNP" and toks[j].tag in _FINITE):
        return False
    k = i - 1
    while k > 0 and toks[k - 1].tag == "NNP":
        k -= 1
    return k == 0 or toks[k - 1].lower not in (",", "and", "or")  # "Ohio, 8, and Utah, 3,"


def _age(text: str, start: int, end: int, num_start: int, value: float, unit: str) -> Found:
    q = Quantity(start, end, num_start, value, "exact", "age", text[start:end])
    return Found(q=q, unit=unit, unit_span=None, quote_end=end, basis="noun", kind="age")
