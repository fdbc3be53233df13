"""Calendar vocabulary and explicit date parsing shared by ingestion and date extraction."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}

MONTH_RE = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
            r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_RE = r"(?:1[89]\d\d|20\d\d)"

#: "March 3, 2023", "Mar. 3", "3 March 2023", "3 Mar", "2023-03-03"
EXPLICIT_DATE = re.compile(
    rf"\b(?:(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE})(?:,?\s+(?P<y1>{YEAR_RE}))?"
    rf"|(?P<d2>{DAY_RE})\s+(?:of\s+)?(?P<m2>{MONTH_RE}),?(?:\s+(?P<y2>{YEAR_RE}))?"
    rf"|(?P<y3>{YEAR_RE})-(?P<m3>0[1-9]|1[0-2])-(?P<d3>0[1-9]|[12]\d|3[01]))\b",
    re.IGNORECASE,
)


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def day_number(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_explicit(match: re.Match[str]) -> tuple[int | None, int, int]:
    """(year or None, month, day) of an EXPLICIT_DATE match."""
    g = match.groupdict()
    if g["m1"]:
        month, day, year = month_number(g["m1"]), day_number(g["d1"]), g["y1"]
    elif g["m2"]:
        month, day, year = month_number(g["m2"]), day_number(g["d2"]), g["y2"]
    else:
        month, day, year = int(g["m3"]), int(g["d3"]), g["y3"]
    assert month is not None
    return (int(year) if year else None), month, day


def latest_on_or_before(month: int, day: int, reference: date) -> date | None:
    """The most recent (month, day) on or before reference: year inference for past reports."""
    for year in (reference.year, reference.year - 1):
        d = safe_date(year, month, day)
        if d is not None and d <= reference:
            return d
    return safe_date(reference.year - 1, month, day)


def earliest_on_or_after(month: int, day: int, reference: date) -> date | None:
    """The first (month, day) on or after reference: year inference for announced plans."""
    for year in (reference.year, reference.year + 1):
        d = safe_date(year, month, day)
        if d is not None and d >= reference:
            return d
    return safe_date(reference.year + 1, month, day)


WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"


def weekday_number(word: str) -> int | None:
    """0 for Monday ... 6 for Sunday; None for a word that is not a weekday."""
    return WEEKDAYS.get(word.lower().rstrip("."))


#: Cardinal number words a date expression may use ("two days later", "a week ago").
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a couple of": 2, "a dozen": 12,
}
NUMBER_RE = (r"(?:\d{1,3}|a\s+couple\s+of|a\s+dozen|(?:twenty|thirty|forty|fifty|sixty|"
             r"seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|"
             r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
             r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a|an)")


def number_value(words: str) -> int | None:
    """The value of a NUMBER_RE match: "48", "two", "twenty-four", "a couple of"."""
    w = re.sub(r"\s+", " ", words.strip().lower())
    if w.isdigit():
        return int(w)
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    parts = re.split(r"[\s-]", w)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None
