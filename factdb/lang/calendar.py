"""Calendar knowledge: month and weekday vocabulary, explicit date parsing, and the
calendar arithmetic that turns parsed expressions into date spans.

Pure functions only (no text, no context). A span is an inclusive (first day, last day)
pair. Conventions, shared with docs and tests:

* Parts of a month: ``early`` = days 1-10, ``mid`` = 11-20, ``late`` = 21 to the last day.
  "the start of"/"the beginning of" read as ``early``, "the end of" as ``late``, "the
  middle of" as ``mid``. As the endpoint of a range ("until the end of January") "the
  end of" is the last day and "the start of" the first day.
* Parts of a year: ``early`` = January-April, ``mid`` = May-August, ``late`` =
  September-December.
* Weeks run Monday to Sunday. Seasons are northern-hemisphere meteorological seasons
  (spring March-May, summer June-August, autumn September-November, winter December of
  the year to February of the next).
* Year inference for past reports: the most recent occurrence on or before the reference
  (the publication date); an expression is never put after the reference unless it says
  so (a year, "next", "tomorrow", a future-tense verb).
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Iterable
from datetime import date, timedelta

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


# --- span arithmetic ----------------------------------------------------------------------




Span = tuple[date, date]

MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
#: Approximate length of a unit in days, for span_days.
UNIT_DAYS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7, "month": 30, "year": 365,
             "decade": 3652}


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_span(year: int, month: int) -> Span:
    return date(year, month, 1), month_end(year, month)


def month_part(year: int, month: int, part: str) -> Span:
    """The early/mid/late part of a month."""
    first, last = MONTH_PARTS[part]
    end = month_end(year, month)
    return date(year, month, first), min(date(year, month, min(last, end.day)), end)


def month_week(year: int, month: int, ordinal: int) -> Span:
    """The n-th seven days of a month (1-based); -1 is the last seven days."""
    end = month_end(year, month)
    if ordinal < 0:
        return end - timedelta(days=6), end
    start = date(year, month, 1) + timedelta(days=7 * (ordinal - 1))
    return start, min(start + timedelta(days=6), end)


def year_span(year: int) -> Span:
    return date(year, 1, 1), date(year, 12, 31)


def year_part(year: int, part: str) -> Span:
    first, last = YEAR_PARTS[part]
    return date(year, first, 1), month_end(year, last)


def decade_span(year: int) -> Span:
    start = year - year % 10
    return date(start, 1, 1), date(start + 9, 12, 31)


def quarter_span(year: int, quarter: int) -> Span:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_end(year, first + 2)


def half_span(year: int, half: int) -> Span:
    return (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1),
                                                                    date(year, 12, 31))


def season_span(year: int, season: str) -> Span:
    first = SEASONS[season]
    start = date(year, first, 1)
    end_month = first + 2
    if end_month > 12:
        return start, month_end(year + 1, end_month - 12)
    return start, month_end(year, end_month)


def week_span(d: date) -> Span:
    """The Monday-to-Sunday week that contains d."""
    start = d - timedelta(days=d.weekday())
    return start, start + timedelta(days=6)


def weekend_on_or_before(reference: date) -> Span:
    """The Saturday-Sunday weekend that ends on or before reference (or contains it)."""
    if reference.weekday() == 5:
        return reference, reference + timedelta(days=1)
    back = (reference.weekday() - 6) % 7
    sunday = reference - timedelta(days=back)
    return sunday - timedelta(days=1), sunday


def add_months(d: date, months: int) -> date:
    """d moved by whole months, the day clamped to the target month's length."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def shift(d: date, amount: int, unit: str) -> date:
    """d moved by amount units (negative is earlier); hours count as whole days."""
    if unit == "minute":
        return d + timedelta(days=int(amount / 1440))
    if unit == "hour":
        return d + timedelta(days=int(amount / 24))
    if unit == "day":
        return d + timedelta(days=amount)
    if unit == "week":
        return d + timedelta(days=7 * amount)
    if unit == "month":
        return add_months(d, amount)
    if unit == "year":
        return add_months(d, 12 * amount)
    if unit == "decade":
        return add_months(d, 120 * amount)
    raise ValueError(f"unknown unit {unit!r}")


def span_days(amount: int, unit: str) -> int:
    """The length of amount units in whole days: hours and minutes round up to whole days,
    a month counts 30 days, a year 365."""
    if unit in ("hour", "minute"):
        return max(1, math.ceil(amount * UNIT_DAYS[unit]))
    return round(amount * UNIT_DAYS[unit])


def period_of(d: date, unit: str) -> tuple[Span, str]:
    """The calendar period (week, month, year, decade) that contains d, and its granularity."""
    if unit == "week":
        return week_span(d), "week"
    if unit == "month":
        return month_span(d.year, d.month), "month"
    if unit == "decade":
        return decade_span(d.year), "range"
    if unit == "year":
        return year_span(d.year), "year"
    return (d, d), "day"


def offset(anchor: date, amount: int, unit: str, qualifier: str = "exact") -> tuple[Span, str]:
    """"<amount> <unit>s later/earlier" from anchor (amount negative for earlier).

    Days, hours and weeks give a day; months a month; years a year. "less than"/"within"
    gives the range between the anchor and the offset.
    """
    moved = shift(anchor, amount, unit)
    if qualifier in ("less_than", "at_most"):
        return (min(anchor, moved), max(anchor, moved)), "range"
    if unit in ("minute", "hour", "day", "week"):
        return (moved, moved), "day"
    return period_of(moved, unit)


def window(anchor: date, amount: int, unit: str, relation: str) -> Span:
    """"The <amount> <unit>s before/after" anchor: the days strictly before or after it."""
    if relation == "before":
        return shift(anchor, -amount, unit), anchor - timedelta(days=1)
    return anchor + timedelta(days=1), shift(anchor, amount, unit)


def ago(reference: date, amount: int, unit: str) -> tuple[Span, str]:
    """"<amount> <unit>s ago": a day for hours and days, the week centred on the day
    for weeks, the calendar month or year for months and years, and the year for decades
    ("a decade ago", said in 1999, is 1989, not the 1980s)."""
    moved = shift(reference, -amount, unit)
    if unit in ("minute", "hour", "day"):
        return (moved, moved), "day"
    if unit == "week":
        return (moved - timedelta(days=3), moved + timedelta(days=3)), "week"
    return period_of(moved, "year" if unit == "decade" else unit)


def past_window(reference: date, amount: int, unit: str) -> Span:
    """"The past <amount> <unit>s": from that long before reference up to reference."""
    return shift(reference, -amount, unit), reference


def next_window(reference: date, amount: int, unit: str) -> Span:
    """"The next <amount> <unit>s": from reference to that long after it."""
    return reference, shift(reference, amount, unit)


def named_period(reference: date, unit: str, step: int) -> tuple[Span, str]:
    """This (step 0), last (-1) or next (+1) calendar week, month, year or decade."""
    if unit == "week":
        return period_of(reference + timedelta(days=7 * step), "week")
    if unit == "month":
        return period_of(add_months(reference.replace(day=1), step), "month")
    if unit == "decade":
        return period_of(date(reference.year + 10 * step, 1, 1), "decade")
    return period_of(date(reference.year + step, 1, 1), "year")


def weekday_on_or_before(reference: date, weekday: int, strict: bool = False) -> date:
    """The most recent given weekday (0 = Monday) on or before (strict: before) reference."""
    back = (reference.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return reference - timedelta(days=back)


def weekday_on_or_after(reference: date, weekday: int, strict: bool = False) -> date:
    """The first given weekday on or after (strict: after) reference."""
    ahead = (weekday - reference.weekday()) % 7
    if strict and ahead == 0:
        ahead = 7
    return reference + timedelta(days=ahead)


def day_of_year(month: int, day: int, reference: date, future: bool = False) -> date | None:
    """A month and day without a year: the latest one on or before reference, or, for an
    expression in the future tense, the first one on or after it."""
    found = earliest_on_or_after(month, day, reference) if future else \
        latest_on_or_before(month, day, reference)
    step = 1 if future else -1
    year = reference.year
    while found is None and abs(year - reference.year) < 8:  # February 29
        year += step
        found = safe_date(year, month, day)
    return found


def month_year(month: int, reference: date, future: bool = False) -> int:
    """The year of a month named without one: the latest such month that has begun by
    reference, or (future) the first that has not ended before it."""
    if future:
        return reference.year if month >= reference.month else reference.year + 1
    return reference.year if month <= reference.month else reference.year - 1


def quarter_year(quarter: int, reference: date) -> int:
    """The year of a quarter named without one: the latest that has begun by reference."""
    start_month = 3 * (quarter - 1) + 1
    return reference.year if start_month <= reference.month else reference.year - 1


def day_in_month(day: int, year: int, month: int) -> date | None:
    return safe_date(year, month, day)


def day_on_or_before(day: int, reference: date) -> date | None:
    """The most recent day-of-month ``day`` on or before reference ("on the 7th")."""
    for back in range(0, 12):
        shifted = add_months(reference.replace(day=1), -back)
        d = safe_date(shifted.year, shifted.month, day)
        if d is not None and d <= reference:
            return d
    return None


def infer_reference(ctx_dates: Iterable[date]) -> date | None:
    """A stand-in for an unknown publication date: the latest full date (with a year) the
    article states about the past. A report is written on or after what it reports."""
    return max(ctx_dates, default=None)


def order_range(start: date, end: date, start_has_year: bool) -> Span:
    """A range whose start was put after its end by year inference: move the start back a
    year ("from December 20 to January 5")."""
    if start > end and not start_has_year:
        return add_months(start, -12), end
    return start, end


def closest_days(month: int, day: int, reference: date) -> list[date]:
    """The (month, day) in the reference's year and the years either side, nearest first:
    for reported plans ("would begin on Nov. 12") and inferred references."""
    found = [d for y in (reference.year - 1, reference.year, reference.year + 1)
             if (d := safe_date(y, month, day)) is not None]
    return sorted(found, key=lambda d: (abs((d - reference).days), d > reference))


def closest_month_year(month: int, reference: date) -> int:
    """The year that puts a month named without one nearest to the reference."""
    def distance(year: int) -> int:
        first, last = month_span(year, month)
        if first <= reference <= last:
            return 0
        return min(abs((first - reference).days), abs((last - reference).days))

    return min((reference.year - 1, reference.year, reference.year + 1), key=distance)


def closest_weekday(reference: date, weekday: int) -> date:
    """The given weekday nearest to the reference (the earlier one on a tie)."""
    before = weekday_on_or_before(reference, weekday)
    after = weekday_on_or_after(reference, weekday)
    return before if (reference - before) <= (after - reference) else after


def this_weekend(reference: date) -> Span:
    """The Saturday and Sunday of the reference's Monday-to-Sunday week."""
    start = week_span(reference)[0] + timedelta(days=5)
    return start, start + timedelta(days=1)


def shift_span(span: Span, amount: int, unit: str) -> Span:
    """A period moved by whole units ("a year earlier" than the second quarter)."""
    start = shift(span[0], amount, unit)
    if span[1] == month_end(span[1].year, span[1].month):
        end_month = shift(span[1].replace(day=1), amount, unit)
        return start, month_end(end_month.year, end_month.month)
    return start, shift(span[1], amount, unit)


def window_to(end: date, amount: int, unit: str) -> Span:
    """"The <amount> <unit>s to <end>": the period of that length that ends on end."""
    return shift(end + timedelta(days=1), -amount, unit), end


def easter(year: int) -> date:
    """Easter Sunday (Western), by the anonymous Gregorian computus."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


#: Holidays on a fixed day of the year.
FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                  "new year's day": (1, 1), "new year's eve": (12, 31),
                  "boxing day": (12, 26), "halloween": (10, 31), "valentine's day": (2, 14)}


def holiday(name: str, year: int) -> date | None:
    """The day of a named holiday in a year: fixed ones, Easter (Sunday, Monday) and
    Thanksgiving (the US one: the fourth Thursday of November)."""
    key = re.sub(r"\s+", " ", name.lower().replace("’", "'"))
    if key in FIXED_HOLIDAYS:
        return safe_date(year, *FIXED_HOLIDAYS[key])
    if key.startswith("easter"):
        return easter(year) + timedelta(days=1 if key.endswith("monday") else 0)
    if key.startswith("thanksgiving"):
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    return None
