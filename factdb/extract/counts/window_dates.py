"""The dates a window phrase names after its opening word: "March 3", "early May", "the
end of January", "last week", "Friday, March 8" (a missing year puts the date on or before
publication). Split from windows.py, which reads the phrases around them."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from factdb.lang.calendar import (
    DAY_RE,
    EXPLICIT_DATE,
    MONTH_RE,
    WEEKDAYS,
    YEAR_RE,
    latest_on_or_before,
    month_number,
    parse_explicit,
    safe_date,
)

_I = re.IGNORECASE
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"

#: date expressions, each tried at a position: (pattern, resolver kind)
_EDGE = re.compile(
    rf"(?:the\s+)?(?P<edge>start|beginning|end|middle|close|turn)\s+of\s+(?:(?P<month>{MONTH_RE})"
    rf"(?:\s+(?P<year>{YEAR_RE}))?|(?P<year2>{YEAR_RE})|(?P<which>this|last)\s+(?P<per>year|month)"
    r"|the\s+(?P<per2>year|month))\b", _I)
_PART = re.compile(rf"(?P<part>early|mid|late)[\s-]*(?P<month>{MONTH_RE})"
                   rf"(?:\s+(?P<year>{YEAR_RE}))?\b", _I)
_WEEKDAY_DATE = re.compile(rf"(?:{_WEEKDAY}),?\s+(?=(?:{MONTH_RE})\s+{DAY_RE}|{DAY_RE}\s+"
                           rf"(?:of\s+)?(?:{MONTH_RE}))", _I)
_MONTH = re.compile(rf"(?P<month>{MONTH_RE})(?:\s+(?P<year>{YEAR_RE}))?\b(?!\s*\d)", _I)
_YEAR = re.compile(rf"(?P<year>{YEAR_RE})\b(?![,.]?\d)(?!\s+[a-z]+s\b)")
_WEEKDAY_ONLY = re.compile(rf"(?:last\s+)?(?P<wd>{_WEEKDAY})\b", _I)
_RELATIVE = re.compile(r"(?P<rel>today|yesterday|last\s+(?:week|month|year)|"
                       r"this\s+(?:week|month|year))\b", _I)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_year(month: int, year: str | None, published: date | None) -> int | None:
    """The year of a month named without one: the latest that starts on or before publication."""
    if year:
        return int(year)
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def date_expr(text: str, pos: int, end: int,
              published: date | None) -> tuple[date | None, date | None, int] | None:
    """A date expression at pos: (first day, last day, end offset), or None."""
    m = _WEEKDAY_DATE.match(text, pos, end)
    at = m.end() if m else pos
    m = EXPLICIT_DATE.match(text, at, end)
    if m is not None:
        month_text = m.group("m1") or m.group("m2")
        if month_text is None or month_text[0].isupper():
            year, month, day = parse_explicit(m)
            d = (safe_date(year, month, day) if year else
                 latest_on_or_before(month, day, published) if published else None)
            return d, d, m.end()
    m = _EDGE.match(text, pos, end)
    if m is not None:
        return _edge(m, published) + (m.end(),)
    m = _PART.match(text, pos, end)
    if m is not None:
        return _part_of_month(m, published) + (m.end(),)
    m = _MONTH.match(text, pos, end)
    if m is not None and m.group("month")[0].isupper():
        return _whole_month(m, published) + (m.end(),)
    m = _YEAR.match(text, pos, end)
    if m is not None:
        y = int(m.group("year"))
        return date(y, 1, 1), date(y, 12, 31), m.end()
    m = _WEEKDAY_ONLY.match(text, pos, end)
    if m is not None:
        if published is None:
            return None, None, m.end()
        back = (published.weekday() - WEEKDAYS[m.group("wd").lower()]) % 7
        d = published - timedelta(days=back)
        return d, d, m.end()
    m = _RELATIVE.match(text, pos, end)
    if m is not None:
        if published is None:
            return None, None, m.end()
        return _relative(m.group("rel").lower().split(), published) + (m.end(),)
    return None


def _part_of_month(m: re.Match[str], published: date | None) -> tuple[date | None, date | None]:
    """ "early February" -> 1-10, "mid-February" -> 11-20, "late February" -> 21-end."""
    month = month_number(m.group("month"))
    assert month is not None
    year = _month_year(month, m.group("year"), published)
    if year is None:
        return None, None
    part = m.group("part").lower()
    first = {"early": 1, "mid": 11, "late": 21}[part]
    last = {"early": date(year, month, 10), "mid": date(year, month, 20),
            "late": _month_end(year, month)}[part]
    return date(year, month, first), last


def _whole_month(m: re.Match[str], published: date | None) -> tuple[date | None, date | None]:
    month = month_number(m.group("month"))
    assert month is not None
    year = _month_year(month, m.group("year"), published)
    if year is None:
        return None, None
    return date(year, month, 1), _month_end(year, month)


def _relative(words: list[str], published: date) -> tuple[date, date]:
    if words == ["today"]:
        return published, published
    if words == ["yesterday"]:
        d = published - timedelta(days=1)
        return d, d
    which, per = words
    if per == "week":
        monday = published - timedelta(days=published.weekday())
        if which == "last":
            return monday - timedelta(days=7), monday - timedelta(days=1)
        return monday, published
    if per == "month":
        first = published.replace(day=1)
        if which == "last":
            prev = first - timedelta(days=1)
            return prev.replace(day=1), prev
        return first, published
    if which == "last":
        return date(published.year - 1, 1, 1), date(published.year - 1, 12, 31)
    return date(published.year, 1, 1), published


def _edge(m: re.Match[str], published: date | None) -> tuple[date | None, date | None]:
    edge = m.group("edge").lower()
    if m.group("month"):
        month = month_number(m.group("month"))
        assert month is not None
        year = _month_year(month, m.group("year"), published)
        if year is None:
            return None, None
        first, last = date(year, month, 1), _month_end(year, month)
    else:
        if m.group("year2"):
            y = int(m.group("year2"))
        elif published is None:
            return None, None
        else:
            per = m.group("per") or m.group("per2")
            y = published.year - (1 if m.group("which") == "last" and per == "year" else 0)
            if per == "month":
                first = published.replace(day=1)
                if m.group("which") == "last":
                    first = (first - timedelta(days=1)).replace(day=1)
                last = _month_end(first.year, first.month)
                return _pick_edge(edge, first, last)
        first, last = date(y, 1, 1), date(y, 12, 31)
    return _pick_edge(edge, first, last)


def _pick_edge(edge: str, first: date, last: date) -> tuple[date, date]:
    if edge in ("start", "beginning", "turn"):
        return first, first
    if edge in ("end", "close"):
        return last, last
    middle = first + (last - first) / 2
    return middle, middle
