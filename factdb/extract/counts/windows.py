"""Time-window phrases that govern a count: "since March 3", "in the two weeks before
the vote", "between Oct. 7 and the end of January", "as of February 10", "so far this year".

Dates written in the phrase are resolved here (a missing year puts the date on or before
publication). Windows relative to an event ("since the attack") keep the relation, span and
anchor phrase without dates: the events stage ties them to an event (docs/counts.md).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from factdb.extract.counts.window_dates import (
    _YEAR,
    _month_end,
    _month_year,
    _relative,
    date_expr,
)
from factdb.extract.dates.atoms import _FUTURE, _MAYBE_FUTURE
from factdb.lang.calendar import (
    MONTH_RE,
    YEAR_RE,
    month_number,
    safe_date,
)
from factdb.lang.numbers import SMALL, TENS, words_value

PRONOUNS = frozenset({"it", "this", "that", "then", "them", "these", "those"})
UNIT_DAYS = {"hour": 1 / 24, "day": 1, "night": 1, "week": 7, "fortnight": 14, "month": 30,
             "quarter": 91, "year": 365, "decade": 3650}

_I = re.IGNORECASE
_UNIT = (r"(?P<unit>hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|"
         r"decades?)")
_NUMWORD = "|".join(sorted([*SMALL, *TENS], key=len, reverse=True))
_COUNT = (rf"(?P<n>\d+|(?:{_NUMWORD})(?:[\s-](?:{_NUMWORD}))?|an?|one|several|a\s+few|few|"
          r"many|some)")

_SPAN_REL = (r"(?P<rel>before|prior\s+to|preceding|leading\s+up\s+to|ahead\s+of|after|"
             r"following|since)\s+")
#: "in the two weeks before", "in the 48 hours after", "during the month since"
SPAN = re.compile(
    rf"\b(?:(?:in|during|over|within|for)\s+)?(?:the\s+)?(?:(?:past|last|previous|preceding|"
    rf"first|final|next|following)\s+)?(?:{_COUNT}\s+)?{_UNIT}\s+" + _SPAN_REL, _I)
_SPAN_CORE = re.compile(_UNIT + r"\s+" + _SPAN_REL, _I)
#: "in the two weeks prior", "in the preceding days": a span whose anchor is left out
ELLIPTIC = re.compile(
    rf"\b(?:in|during|over|within)\s+(?:the\s+)?(?:(?:previous|preceding|following|"
    rf"subsequent)\s+)?(?:{_COUNT}\s+)?{_UNIT}\s+"
    r"(?P<rel>prior|before|beforehand|earlier|previously|after|afterwards?|later)\b"
    r"(?!\s*(?:to\b|the\b|a\b|an\b|this\b|that\b|its\b|their\b|his\b|her\b|[A-Z0-9]))",
    _I)
#: "killed five on Tuesday", "on March 3": the day of an event
ON_DAY = re.compile(r"\b(?:on|early\s+on|late\s+on)\s+", _I)
#: "The agency currently has 800 staff": a count as of publication
CURRENTLY = re.compile(r"\b(?:currently|presently|at\s+present)\b", _I)
#: "has grown to $40 billion in six quarters": a number of units after a verb in the
#: present perfect, the span that ends at publication (``_perfect_before``)
PERFECT_IN = re.compile(rf"\bin\s+(?:just\s+|only\s+)?(?P<n>\d+|(?:{_NUMWORD}))\s+"
                        rf"{_UNIT}\b(?!\s+(?:ago|earlier|later|before|after|time)\b)", _I)
#: a present perfect ("has jumped", "have more than doubled")
_PERFECT = re.compile(r"\b(?:has|have)\s+(?:(?:\w+ly|more\s+than|nearly|almost)\s+)?"
                      r"(?P<verb>[a-z]+)\b", _I)
#: "in the past two weeks", "over the last 24 hours": a span that ends at publication
PAST = re.compile(rf"\b(?:in|during|over|within)\s+the\s+(?:past|last|previous)\s+"
                  rf"(?:{_COUNT}\s+)?{_UNIT}\b", _I)
#: the words that open a window, by relation
OPENERS = re.compile(
    r"\b(?P<w>since|after|following|before|prior\s+to|ahead\s+of|until|till|up\s+until|"
    r"through|as\s+of|as\s+at|between|from|during|throughout|by)\s+", _I)
#: a clock time before the date of "as of": "as of 9:00 GMT on Monday"
_CLOCK = re.compile(r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|GMT|UTC|local\s+time)?"
                    r"(?:\s+(?:GMT|UTC|local\s+time))?\s*(?:on\s+)?(?=[A-Z])", _I)
SO_FAR = re.compile(
    r"\b(?:so\s+far(?:\s+(?:this|in)\s+(?P<p1>year|month|week|" + YEAR_RE + r"))?"
    r"|(?:this|in)\s+(?P<p2>year|month|week|" + YEAR_RE + r")\s+so\s+far"
    r"|to\s+date)\b", _I)
#: "in February", "in 2023", "last month", "this year"
DURING = re.compile(
    rf"\b(?:(?:in|during|throughout)\s+(?P<month>{MONTH_RE})(?:\s+(?P<year>{YEAR_RE}))?"
    rf"|(?:in|during|throughout)\s+(?P<year2>{YEAR_RE})"
    r"|(?P<which>last|this)\s+(?P<per>week|month|year))\b(?![-\w])", _I)

#: "up 3% over last year", "down 20% on the same period last year", "the end of last
#: year": the period is a point of comparison or part of a longer phrase, not a window
_COMPARED_PERIOD = re.compile(
    r"\b(?:over|than|from|on|against|of|versus|vs\.?|compared\s+(?:with|to)|period|"
    r"time|level|levels)\s+(?:the\s+)?$", _I)

#: "the war that began in", "fighting erupted in": a period that starts the count
_BEGAN = re.compile(r"\b(?:began|begun|started|erupted|broke\s+out)\s+$", _I)


#: words that end an anchor noun phrase when no tags are available
_NP_STOP = frozenset("""
    there when which who whom whose that where while and or but nor on in at by to for with
    from into onto as was were is are be been being had has have did does do began begun
    started ended took came went happened occurred said says say told killed struck left
    according compared than the a an , . ; : ! ? " “ ” ( )""".split())
#: "during the day", "after the period": a stretch of time, not an event to anchor to
_PERIOD_NOUNS = frozenset({"day", "night", "week", "weekend", "month", "year", "period",
                           "time", "hour", "morning", "afternoon", "evening", "season",
                           "quarter", "decade", "moment", "meantime", "interim"})
_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "his", "her",
                          "their", "our", "my", "your", "last", "a", "an"})
_WORD = re.compile(r"[A-Za-z](?:[\w’'-]|\.(?=\w))*|[^\w\s]")

TagAt = Callable[[int], str | None]


@dataclass(frozen=True)
class Window:
    """A time-window phrase and what it resolves to."""

    start: int
    end: int
    relation: str                # before | after | since | until | between | as_of | so_far
    #                              | during | past
    window_start: date | None
    window_end: date | None
    span_days: int | None = None
    anchor_phrase: str | None = None
    anchor_start: int | None = None
    anchor_end: int | None = None
    #: "after a car bomb killed two officers": the anchor is the subject of a clause,
    #: so the window governs the main clause, not the counts inside that clause
    clausal: bool = False
    #: "in the two weeks prior": the anchor is left out; it is the one named before
    elliptic: bool = False
    #: "currently": an adverb that governs its clause wherever it stands
    adverbial: bool = False
    #: "killed five on Tuesday": the day of the counted event, its time when no window is
    #: given (it governs only the counts of an event)
    dated_event: bool = False

    @property
    def pronoun_anchor(self) -> bool:
        return self.anchor_phrase is not None and self.anchor_phrase.lower() in PRONOUNS


def anchor_phrase(text: str, pos: int, end: int,
                  tag_at: TagAt | None = None) -> tuple[int, int] | None:
    """The noun phrase an event-relative window is anchored to ("the vote", "it")."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, pos, end)][:9]
    if not words:
        return None
    first = words[0][2].lower()
    if first in PRONOUNS:
        nxt = words[1][2].lower() if len(words) > 1 else ""
        noun_next = tag_at is not None and len(words) > 1 and \
            (tag_at(words[1][0]) or "").startswith("NN") and first in ("this", "that")
        if not noun_next or nxt in _NP_STOP:
            return words[0][0], words[0][1]
    i = 0
    possessive = re.match(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3}['’]s\b", text[pos:end])
    if possessive:
        while i < len(words) and words[i][1] <= pos + possessive.end():
            i += 1
    elif first in _DETERMINERS:
        i = 1
    else:
        return None
    last_noun: int | None = None
    used_of = False
    while i < len(words) and i < 8:
        s, e, w = words[i]
        lw = w.lower()
        if lw == "of" and last_noun is not None and not used_of:
            used_of = True
            i += 1
            if i < len(words) and words[i][2].lower() in _DETERMINERS:
                i += 1
            continue
        if tag_at is not None:
            tag = tag_at(s) or ""
            if tag.startswith("NN"):
                last_noun = i
            elif tag in ("JJ", "JJR", "JJS", "HYPH", "POS", "VBN", "CD") or lw == "-":
                pass
            else:
                break
        else:
            if lw in _NP_STOP or not w[0].isalnum():
                break
            last_noun = i
        i += 1
    if last_noun is None or words[last_noun][2].lower().rstrip("s") in _PERIOD_NOUNS:
        return None
    return pos, words[last_noun][1]


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_VERBISH = frozenset({"was", "were", "is", "are", "had", "has", "have", "began", "started",
                      "ended", "took", "came", "killed", "struck", "left", "hit", "said"})


def _clausal(text: str, pos: int, end: int, tag_at: TagAt | None) -> bool:
    """Whether a finite verb follows the anchor phrase ending at pos."""
    m = re.compile(r"(?:\s+[a-z]+ly\b)?\s+([A-Za-z]+)").match(text, pos, end)
    if m is None:
        return False
    if tag_at is not None:
        return (tag_at(m.start(1)) or "") in _FINITE
    return m.group(1).lower() in _VERBISH


def find_windows(text: str, start: int, end: int, published: date | None,
                 tag_at: TagAt | None = None) -> list[Window]:
    """The window phrases in text[start:end], left to right, not overlapping."""
    found: list[Window] = []

    def free(a: int, b: int) -> bool:
        return all(b <= w.start or a >= w.end for w in found)

    # every SPAN match holds a _SPAN_CORE ("weeks before "): one cheap scan rules most out
    spans = SPAN.finditer(text, start, end) if _SPAN_CORE.search(text, start, end) else ()
    for m in spans:
        w = _span_window(text, m, end, published, tag_at)
        if w is not None and free(w.start, w.end):
            found.append(w)
    for m in ELLIPTIC.finditer(text, start, end):
        days = _span_days(m.group("n"), m.group("unit"))
        if days is None or not free(m.start(), m.end()):
            continue
        rel = "before" if m.group("rel").lower() in (
            "prior", "before", "beforehand", "earlier", "previously") else "after"
        found.append(Window(m.start(), m.end(), rel, None, None, days, elliptic=True))
    for m in PAST.finditer(text, start, end):
        days = _span_days(m.group("n"), m.group("unit"))
        if not free(m.start(), m.end()):
            continue
        found.append(Window(m.start(), m.end(), "past",
                            _back(published, m.group("n"), m.group("unit"), days),
                            published, span_days=days))
    for m in PERFECT_IN.finditer(text, start, end):
        if not free(m.start(), m.end()) or not _perfect_before(text, start, m.start(), tag_at):
            continue
        days = _span_days(m.group("n"), m.group("unit"))
        found.append(Window(m.start(), m.end(), "past",
                            _back(published, m.group("n"), m.group("unit"), days),
                            published, span_days=days))
    for m in SO_FAR.finditer(text, start, end):
        if free(m.start(), m.end()):
            found.append(_so_far(m, published))
    for m in OPENERS.finditer(text, start, end):
        if not free(m.start(), m.end()):
            continue
        w = _opened(text, m, start, end, published, tag_at)
        if w is not None and free(w.start, w.end):
            found.append(w)
    for m in ON_DAY.finditer(text, start, end):
        if not free(m.start(), m.end()):
            continue
        d = date_expr(text, m.end(), end, published)
        if d is not None and d[0] is not None and d[0] == d[1]:
            found.append(Window(m.start(), d[2], "during", d[0], d[1], dated_event=True))
    for m in CURRENTLY.finditer(text, start, end):
        if free(m.start(), m.end()):
            found.append(Window(m.start(), m.end(), "as_of", None, published,
                                adverbial=True))
    for m in DURING.finditer(text, start, end):
        if not free(m.start(), m.end()) or _COMPARED_PERIOD.search(text, max(start, m.start()
                                                                          - 30), m.start()):
            continue
        w = _during(m, published)
        if w is not None and _BEGAN.search(text, max(start, m.start() - 24), m.start()):
            # "fighting that began in April": the count runs from then
            w = Window(w.start, w.end, "since", w.window_start, published)
        if w is not None:
            found.append(w)
    found.sort(key=lambda w: w.start)
    return found


def _perfect_before(text: str, start: int, at: int, tag_at: TagAt | None) -> bool:
    """A verb in the present perfect in the clause before ``at`` (no comma or clause word
    between): "has grown to $40 billion, from $9 billion, in six quarters" (the
    figures' commas aside)."""
    found = None
    for m in _PERFECT.finditer(text, max(start, at - 120), at):
        found = m
    if found is None or re.search(r"[;:]|\b(?:and|but|while|which|that|who)\b",
                                  text[found.end():at]):
        return False
    verb = found.start("verb")
    return (tag_at(verb) or "") == "VBN" if tag_at is not None else \
        found.group("verb").lower().endswith(("ed", "en", "wn"))


def _back(published: date | None, n: str | None, unit: str, days: int | None) -> date | None:
    """The first day of "the past N UNITs": N calendar years or months back for those
    units ("the last five years" to 2024-02-12 starts 2019-02-12), else N days."""
    if published is None or not days:
        return None
    per = unit.lower().rstrip("s")
    if per in ("year", "quarter", "month", "decade"):
        count = 1 if n is None or n.lower() in ("a", "an", "one") else \
            int(n) if n.isdigit() else words_value(n)
        if count is not None and float(count).is_integer():
            months = int(count) * {"year": 12, "quarter": 3, "month": 1, "decade": 120}[per]
            total = published.year * 12 + published.month - 1 - months
            y, mo = divmod(total, 12)
            day = min(published.day, calendar.monthrange(y, mo + 1)[1])
            return date(y, mo + 1, day)
    return published - timedelta(days=days)


def _span_days(n: str | None, unit: str) -> int | None:
    """Days in "two weeks", "48 hours", "a month"; None for "weeks", "several days"."""
    if n is None and unit.lower().endswith("s"):
        return None
    if n is None or n.lower() in ("a", "an", "one"):
        count = 1.0
    elif n.isdigit():
        count = float(n)
    else:
        value = words_value(n)
        if value is None:
            return None
        count = value
    per = UNIT_DAYS[unit.lower().rstrip("s")]
    return max(1, round(count * per)) if per < 1 else round(count * per)


def _span_window(text: str, m: re.Match[str], end: int, published: date | None,
                 tag_at: TagAt | None) -> Window | None:
    days = _span_days(m.group("n"), m.group("unit"))
    rel_word = re.sub(r"\s+", " ", m.group("rel").lower())
    relation = {"since": "since", "after": "after", "following": "after"}.get(rel_word, "before")
    d = date_expr(text, m.end(), end, published)
    if d is not None:
        first, last, stop = d
        if first is None or last is None or days is None:
            return Window(m.start(), stop, relation, None, None, days)
        if relation == "before":
            return Window(m.start(), stop, relation, first - timedelta(days=days),
                          first - timedelta(days=1), days)
        begin = first if relation == "since" else last + timedelta(days=1)
        return Window(m.start(), stop, relation, begin, begin + timedelta(days=days - 1), days)
    np = anchor_phrase(text, m.end(), end, tag_at)
    if np is None:
        return None
    return Window(m.start(), np[1], relation, None, None, days, text[np[0]:np[1]], *np,
                  clausal=_clausal(text, np[1], end, tag_at))


def _so_far(m: re.Match[str], published: date | None) -> Window:
    period = (m.group("p1") or m.group("p2") or "").lower()
    first: date | None = None
    if published is not None:
        if period == "year":
            first = date(published.year, 1, 1)
        elif period == "month":
            first = published.replace(day=1)
        elif period == "week":
            first = published - timedelta(days=published.weekday())
        elif period.isdigit():
            first = date(int(period), 1, 1)
    elif period.isdigit():
        first = date(int(period), 1, 1)
    return Window(m.start(), m.end(), "so_far", first, published)


def _opened(text: str, m: re.Match[str], start: int, end: int, published: date | None,
            tag_at: TagAt | None) -> Window | None:
    word = re.sub(r"\s+", " ", m.group("w").lower())
    pos = m.end()
    if word in ("between", "from"):
        return _between(text, m, end, published, word)
    if word in ("as of", "as at", "by"):
        clock = _CLOCK.match(text, pos, end)
        if clock is not None and clock.end() > pos and not _YEAR.match(text, pos, end):
            pos = clock.end()
    d = date_expr(text, pos, end, published)
    if word == "by":  # "9,000 acres by Wednesday": a tally as of that day, not a target
        lo = max(start, m.start() - 60)  # ("is expected by June", "will hire 50 by March")
        if d is None or d[1] is None or published is None or d[1] > published or \
                _FUTURE.search(text, lo, m.start()) or _MAYBE_FUTURE.search(text, lo, m.start()):
            return None
        return Window(m.start(), d[2], "as_of", None, d[1])
    if d is not None:
        first, last, stop = d
        if word == "since":
            return Window(m.start(), stop, "since", first, published)
        if word in ("after", "following"):
            return Window(m.start(), stop, "after",
                          last + timedelta(days=1) if last else None, published)
        if word in ("before", "prior to", "ahead of"):
            return Window(m.start(), stop, "before", None,
                          first - timedelta(days=1) if first else None)
        if word in ("as of", "as at"):
            return Window(m.start(), stop, "as_of", None, last)
        if word in ("during", "throughout"):
            return Window(m.start(), stop, "during", first, last)
        return Window(m.start(), stop, "until", None, last)
    if word in ("until", "till", "up until", "through", "as of", "as at", "throughout"):
        return None
    dated = _dated_clause(text, pos, end, published) if word in (
        "since", "after", "following", "before", "prior to", "ahead of") else None
    if dated is not None:  # "since fighting erupted on April 15"
        first, last, stop = dated
        if word == "since":
            return Window(m.start(), stop, "since", first, published)
        if word in ("after", "following"):
            return Window(m.start(), stop, "after",
                          last + timedelta(days=1) if last else None, published)
        return Window(m.start(), stop, "before", None,
                      first - timedelta(days=1) if first else None)
    if word == "since" and re.match(r"then\b", text[pos:end], _I):
        return Window(m.start(), pos + 4, "since", None, None, None, "then", pos, pos + 4)
    np = anchor_phrase(text, pos, end, tag_at)
    if np is None:
        return None
    relation = {"since": "since", "after": "after", "following": "after",
                "during": "during"}.get(word, "before")
    return Window(m.start(), np[1], relation, None, None, None, text[np[0]:np[1]], *np,
                  clausal=_clausal(text, np[1], end, tag_at))


#: A short clause that ends in its own date: "fighting erupted on", "the war began in".
_DATED_CLAUSE = re.compile(r"(?:[\w'’-]+\s+){1,5}?(?:on|in)\s+", _I)


def _dated_clause(text: str, pos: int, end: int, published: date | None,
                  ) -> tuple[date | None, date | None, int] | None:
    """The date of a clause after since/after/before that dates itself ("since fighting
    erupted on April 15", "after the talks collapsed on Friday"), if it does."""
    m = _DATED_CLAUSE.match(text, pos + len(text[pos:end]) - len(text[pos:end].lstrip()),
                            end)
    if m is None or re.search(r"[,;:()]", text[pos:m.end()]):
        return None
    return date_expr(text, m.end(), end, published)


def _between(text: str, m: re.Match[str], end: int, published: date | None,
             word: str) -> Window | None:
    a = date_expr(text, m.end(), end, published)
    if a is None:
        return None
    joiner = re.compile(r"\s+and\s+" if word == "between" else
                        r"\s*(?:to|until|till|through|thru|-|–)\s*", _I).match(text, a[2], end)
    if joiner is None:
        return None
    b = date_expr(text, joiner.end(), end, published)
    if b is None:
        return None
    first, last = a[0], b[1]
    if first is not None and last is not None and first > last:
        # "between January and August 2020": the first date takes the second's year,
        # or the one before ("between November and February")
        moved = safe_date(last.year, first.month, first.day) or first
        first = moved if moved <= last else \
            safe_date(last.year - 1, first.month, first.day) or first
    return Window(m.start(), b[2], "between", first, last)


def _during(m: re.Match[str], published: date | None) -> Window | None:
    if m.group("month"):
        if not m.group("month")[0].isupper():
            return None
        month = month_number(m.group("month"))
        assert month is not None
        year = _month_year(month, m.group("year"), published)
        if year is None:
            return Window(m.start(), m.end(), "during", None, None)
        last = _month_end(year, month)
        if published is not None and last > published:
            last = published
        return Window(m.start(), m.end(), "during", date(year, month, 1), last)
    if m.group("year2"):
        y = int(m.group("year2"))
        return Window(m.start(), m.end(), "during", date(y, 1, 1), date(y, 12, 31))
    if published is None:
        return Window(m.start(), m.end(), "during", None, None)
    first, last = _relative([m.group("which").lower(), m.group("per").lower()], published)
    return Window(m.start(), m.end(), "during", first, last)
