"""Editions of a recurring event as English writes them: a name of a series of events
("Grand Cup", "the Summer Games", "the Harbour Marathon") with the number, the Roman
numeral, the ordinal or the year of one edition: "Grand Cup XL", "Grand Cup 31", "the
40th Grand Cup", "the 40th edition of the Grand Cup", "the 2019 Grand Cup", "the Grand
Cup in 2019", "Grand Cup 2019".

Two mentions told with different editions are two events, and a year names the edition's
time (factdb.resolve.events, docs/events.md). An edition is read in the sentence of a
mention, the one nearest the mention when the sentence names several.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Last words of the names of recurring events (capitalised in a name: "the Grand Cup").
SERIES_HEADS = frozenset("""
bowl cup games olympics olympiad paralympics open championship championships final finals
series classic prix derby marathon regatta festival expo exposition awards tournament
""".split())
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}

_HEAD = "|".join(sorted((w.capitalize() for w in SERIES_HEADS), key=lambda w: (-len(w), w)))
#: A series name: up to three capitalised words before a capitalised head ("Grand Cup").
_NAME = rf"(?:[A-Z][\w'’.-]*\s+){{0,3}}(?:{_HEAD})\b"
_YEAR = r"(?:19|20)\d\d"
_ORDINAL = r"\d+(?:st|nd|rd|th)"
_ORDINAL_WORD = "|".join(ORDINAL_WORDS)
#: Nouns after "the third Grand Cup" that make the ordinal a count of wins, not an edition.
COUNTED_NOUNS = ("title", "titles", "win", "wins", "victory", "victories", "ring", "rings",
                 "appearance", "appearances", "crown", "trophy", "medal")
_COUNTED = rf"(?!\s+(?:{'|'.join(COUNTED_NOUNS)})\b)"
EDITION = re.compile(
    # "Grand Cup XL", "Grand Cup 31", "Grand Cup 2019", "the Grand Cup in 2019"
    rf"(?P<name>{_NAME})(?:\s+(?P<roman>[IVXLCDM]{{2,}}|[VXLC])\b(?![’'-])"
    rf"|\s+(?P<number>\d{{1,4}})\b(?![.,:%’'-]?\d)|\s+(?:in|of)\s+(?P<in_year>{_YEAR})\b)"
    # "the 2019 Grand Cup"
    rf"|\b[Tt]he\s+(?P<year>{_YEAR})\s+(?:{_NAME})"
    # "the 40th Grand Cup", "the 40th edition of the Grand Cup", "the third edition of"
    rf"|\b[Tt]he\s+(?P<ordinal>{_ORDINAL})\s+(?:edition\s+of\s+(?:the\s+)?)?(?:{_NAME}){_COUNTED}"
    rf"|\b[Tt]he\s+(?P<ordinal_word>{_ORDINAL_WORD})\s+edition\s+of\s+(?:the\s+)?(?:{_NAME})")


def roman(numeral: str) -> int | None:
    """The value of a Roman numeral written in the usual subtractive form, else None."""
    total = 0
    values = [ROMAN_VALUES[c] for c in numeral]
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and v < values[i + 1] else v
    return total if total > 0 and _to_roman(total) == numeral else None


def _to_roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


@dataclass(frozen=True)
class Edition:
    """One edition named in a sentence: its number or its year, and where it stands."""

    start: int
    end: int
    number: int | None = None
    year: int | None = None


def editions_in(text: str) -> list[Edition]:
    """Every edition of a named recurring event that ``text`` names."""
    out = []
    for m in EDITION.finditer(text):
        number = year = None
        if m.group("roman"):
            number = roman(m.group("roman"))
        elif m.group("number"):
            n = int(m.group("number"))
            if re.fullmatch(_YEAR, m.group("number")):
                year = n
            elif len(m.group("number")) < 4:
                number = n
        elif m.group("ordinal"):
            number = int(re.sub(r"\D", "", m.group("ordinal")))
        elif m.group("ordinal_word"):
            number = ORDINAL_WORDS[m.group("ordinal_word").lower()]
        else:
            year = int(m.group("in_year") or m.group("year"))
        if number is not None or year is not None:
            out.append(Edition(m.start(), m.end(), number, year))
    return out


def edition_at(text: str, at: int) -> Edition | None:
    """The edition a mention at char ``at`` of ``text`` (its sentence) is told with: the
    nearest one the sentence names, if any."""
    found = editions_in(text)
    if not found:
        return None
    return min(found, key=lambda e: (0 if e.start <= at < e.end else
                                     min(abs(at - e.start), abs(at - e.end)), e.start))
