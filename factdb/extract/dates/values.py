"""Resolution of date atoms to calendar spans: days, months, years, quarters, seasons,
relative and anchored expressions, with year inference from the publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from factdb.extract.dates.atoms import (
    _CLAUSE_AFTER,
    _CLAUSE_BREAK,
    _FUTURE,
    _FUTURE_AFTER,
    _MAYBE_FUTURE,
    _OPENS,
    _PAST_AFTER,
    _PLAN,
    _PLAN_NOUN,
    _PUT_OFF,
    _REPORT_BREAK,
    _REPORTING,
    _SCHEDULED,
    UNITS,
    Atom,
    Point,
    State,
    Value,
)
from factdb.extract.dates.grammar import _prev_word, _span_fields
from factdb.extract.dates.timeml import timex
from factdb.ingest.records import Sentence
from factdb.lang import calendar as t
from factdb.lang.calendar import number_value, safe_date

# --- resolution -----------------------------------------------------------------------------

def _tense(text: str, s: Sentence, start: int, end: int | None = None) -> str:
    """``future`` (a will-clause or a plan), ``maybe`` (would, could, a plan told in the
    past, "for <date>") or ``past``: how a date without a year is placed around the
    reference. The clause before the date decides (a plan, anywhere in the sentence before
    the date and after its reporting verb); a date that opens its clause ("On Tuesday, the
    league will ...") takes the tense of the words after it (``end``: where the date ends)."""
    lo = s.char_start
    for m in _CLAUSE_BREAK.finditer(text, s.char_start, start):
        lo = m.end()
    future = None
    for m in _FUTURE.finditer(text, lo, start):
        future = m  # the last future cue before the date
    if future is not None and _PAST_AFTER.search(text, future.end(), start) is None:
        return "future"
    if future is None and _SCHEDULED.search(text, lo, start):
        return "future"
    plan_lo = s.char_start
    for m in _REPORT_BREAK.finditer(text, s.char_start, start):
        plan_lo = m.end()
    if _PUT_OFF.search(text, plan_lo, start):
        return "future"
    if _MAYBE_FUTURE.search(text, lo, start) or _PLAN.search(text, plan_lo, start) or \
            _prev_word(text, lo, start)[0] in ("for", "until", "till"):
        return "maybe"  # "remain in Miami until March 6": either side of the reference
    if end is not None and _PLAN_NOUN.match(text, end):
        return "maybe"  # "the Jan. 14 deadline"
    if end is not None and future is None and _OPENS.fullmatch(text, lo, start):
        after = _CLAUSE_AFTER.match(text, end, s.char_end)
        if after is not None and _FUTURE_AFTER.search(after.group("words")):
            return "future"
    return "past"


def _ref_anchor(st: State) -> str | None:
    return f"{st.ref_tag}:{st.ref.isoformat()}" if st.ref and st.ref_tag else None


def _guessing(st: State, tense: str) -> bool:
    """Is the year placed nearest the reference (a plan, or an inferred reference)?"""
    return tense == "maybe" or (st.bound and tense != "future")


def _infer_day(month: int, day: int, a: Atom, text: str, st: State,
               weekday: int | None) -> tuple[date | None, str | None, float, int | None]:
    """(date, anchor, confidence, anchor row) of a month and day written without a year."""
    tense = _tense(text, a.sentence, a.start, a.end)
    if st.year_ctx is not None and tense != "future":
        row, ctx_day, seq, paragraph = st.year_ctx
        candidate = safe_date(ctx_day.year, month, day)
        if candidate is not None and paragraph == a.sentence.paragraph and \
                a.sentence.seq - seq <= 2 and abs((candidate - ctx_day).days) <= 120 and \
                (st.ref is None or candidate <= st.ref):
            return candidate, None, 0.85, row
    if st.ref is None:
        return None, None, 0.4, None
    if _guessing(st, tense):
        options = t.closest_days(month, day, st.ref)
        matching = [d for d in options if weekday is None or d.weekday() == weekday]
        chosen = (matching or options)[0] if options else None
        return chosen, _ref_anchor(st), 0.75, None
    d = t.day_of_year(month, day, st.ref, tense == "future")
    if weekday is not None and d is not None and d.weekday() != weekday:
        # "Monday, Oct. 26": the weekday names the year (nearest one that fits)
        fitting = [c for c in t.closest_days(month, day, st.ref) if c.weekday() == weekday]
        if fitting:
            return fitting[0], _ref_anchor(st), 0.85, None
    return d, _ref_anchor(st), (0.8 if tense == "future" else 0.9), None


def _weekday_check(wd: str | None, d: date | None, confidence: float) -> float:
    if wd and d is not None and t.weekday_number(wd) != d.weekday():
        return 0.5
    return confidence


def _day_value(a: Atom, text: str, st: State) -> Value | None:
    """A calendar day (or a run of days in one month) named by its month and day."""
    g = a.g
    year: int | None
    day2: int | None = None
    if a.kind == "iso":
        year, month, day = int(g["y"]), int(g["m"]), int(g["d"])
    elif a.kind == "sl":
        first, other = int(g["a"]), int(g["b"])
        month, day = (first, other) if first <= 12 else (other, first)
        year = int(g["y"])
    elif a.kind == "hol":
        year = int(g["y"]) if "y" in g else None
        # a movable feast is placed by its day in the reference year, then recomputed
        found = t.holiday(g["n"], year or (st.ref.year if st.ref else 2000))
        if found is None:
            return None
        month, day = found.month, found.day
    else:
        m_word = t.month_number(g["m"])
        assert m_word is not None
        month, day = m_word, t.day_number(g["d"])
        year = int(g["y"]) if "y" in g else None
        second = g.get("d2") or g.get("d3")
        day2 = t.day_number(second) if second else None
    anchor, row = None, None
    if year is not None:
        d: date | None = safe_date(year, month, day)
        if d is None:
            return None
        confidence = 0.95
    else:
        d, anchor, confidence, row = _infer_day(month, day, a, text, st,
                                                t.weekday_number(g.get("wd", "")))
        if d is None and st.ref is not None:
            return None
        if a.kind == "hol" and d is not None:
            d = t.holiday(g["n"], d.year)
    confidence = _weekday_check(g.get("wd"), d, confidence)
    end, granularity = d, "day"
    if day2 is not None and d is not None:
        e = safe_date(d.year, d.month, day2)
        if e is not None and e > d:
            end, granularity = e, "range"
    return Value(d, end, granularity, "explicit", anchor, confidence, "explicit",
                 has_year=year is not None, first=d, last=end,
                 month=(d.year, d.month) if d else None, anchor_ref=row)


def _part_key(part: str) -> str:
    """early, mid or late, or start/end/middle for "the start of", "the end of" ..."""
    p = re.sub(r"\s+", " ", part.lower())
    if p in ("early", "mid", "late"):
        return p
    if p == "end" or any(w in p for w in ("end of", "close of", "last days", "final days",
                                          "closing days")):
        return "end"
    if "middle of" in p:
        return "middle"
    return "start"


PIECES = {"start": "early", "end": "late", "middle": "mid"}


def _month_value(a: Atom, text: str, st: State) -> Value | None:
    g = a.g
    month = t.month_number(g["m"])
    assert month is not None
    has_year = "y" in g
    anchor = None
    confidence = 0.95 if has_year else 0.85
    if has_year:
        year = int(g["y"])
    elif st.ref is None:
        return Value(None, None, "month", "explicit", None, 0.4, "explicit")
    else:
        tense = _tense(text, a.sentence, a.start, a.end)
        if _guessing(st, tense):
            year = t.closest_month_year(month, st.ref)
        else:
            year = t.month_year(month, st.ref, tense == "future")
        anchor = _ref_anchor(st)
    first, last = t.month_span(year, month)
    start, end, granularity = first, last, "month"
    point_first, point_last = first, last
    part = g.get("part")
    if part:
        low = part.lower()
        if "week of" in low:
            ordinal = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(
                low.split()[1], -1)
            start, end = t.month_week(year, month, ordinal)
            granularity = "week"
            point_first, point_last = start, end
        else:
            key = _part_key(part)
            start, end = t.month_part(year, month, PIECES.get(key, key))
            point_first, point_last = start, end
            if key == "end":
                point_first = point_last = last
            elif key == "start":
                point_first = point_last = first
    return Value(start, end, granularity, "explicit", anchor, confidence, "explicit",
                 has_year=has_year, first=point_first, last=point_last, month=(year, month))


def _year_piece(year: int, key: str) -> t.Span:
    """"Late 2019" is September-December, "the end of 2019" its last month, "the start
    of 2019" its first."""
    if key == "end":
        return t.month_span(year, 12)
    if key == "start":
        return t.month_span(year, 1)
    return t.year_part(year, PIECES.get(key, key))


def _year_value(a: Atom) -> Value | None:
    g = a.g
    year = int(g["y"])
    if "s" in g:
        v = _span(t.decade_span(year), "explicit", None, 0.85)
        v.timex = f"{year // 10:03d}X" if year % 10 == 0 else None
        return v
    if "y2" in g:
        raw = g["y2"]
        year2 = int(raw) if len(raw) == 4 else (year // 100) * 100 + int(raw)
        if year2 <= year:
            return None
        return _span((date(year, 1, 1), date(year2, 12, 31)), "explicit", None, 0.85)
    start, end = t.year_span(year)
    first, last = start, end
    if "part" in g:
        key = _part_key(g["part"])
        start, end = _year_piece(year, key)
        first, last = start, end
        if key == "end":
            first = last = date(year, 12, 31)
        elif key == "start":
            first = last = date(year, 1, 1)
    return Value(start, end, "year", "explicit", None, 0.9, "explicit", True, first, last)


ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "final": 4, "last": 4}


def _quarter_value(a: Atom, st: State) -> Value | None:
    g = a.g
    if a.kind == "bq":
        if st.ref is None:
            return None
        quarter = ORDINALS[g["o"].lower()]
        span = t.quarter_span(t.quarter_year(quarter, st.ref), quarter)
        return _span(span, "publication", _ref_anchor(st), 0.7)
    if "n" in g:
        v = _span(t.quarter_span(int(g["y2"]), int(g["n"])), "explicit", None, 0.9)
        v.timex = f"{int(g['y2']):04d}-Q{g['n']}"
        return v
    if "h" in g:
        v = _span(t.half_span(int(g["y3"]), int(g["h"])), "explicit", None, 0.9)
        v.timex = f"{int(g['y3']):04d}-H{g['h']}"
        return v
    ordinal = ORDINALS[g["o"].lower()]
    half = g["u"].lower() == "half"
    if half:
        ordinal = min(ordinal, 2)
    if "y" in g:
        year, basis, anchor = int(g["y"]), "explicit", None
    else:
        if st.ref is None:
            return None
        rel = g["rel"].lower().split()[0]
        year = st.ref.year + {"last": -1, "next": 1}.get(rel, 0)
        basis, anchor = "publication", _ref_anchor(st)
    span = t.half_span(year, ordinal) if half else t.quarter_span(year, ordinal)
    v = _span(span, basis, anchor, 0.85)
    v.timex = f"{year:04d}-{'H' if half else 'Q'}{ordinal}"
    return v


def _span(span: t.Span, basis: str, anchor: str | None, confidence: float,
          granularity: str = "range", etype: str = "explicit") -> Value:
    return Value(span[0], span[1], granularity, basis, anchor, confidence, etype,
                 has_year=basis == "explicit", first=span[0], last=span[1])


#: TimeML's season codes.
SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}


def _season_value(a: Atom) -> Value:
    g = a.g
    season = g["s"].lower()
    start, end = t.season_span(int(g["y"]), season)
    if "part" in g:
        chosen = t.add_months(start, {"early": 0, "mid": 1, "late": 2}[g["part"].lower()])
        start, end = t.month_span(chosen.year, chosen.month)
    v = _span((start, end), "explicit", None, 0.85)
    v.timex = f"{int(g['y']):04d}-{SEASON_CODES[season]}"
    return v


def _pub(st: State, span: t.Span, granularity: str, confidence: float = 0.9,
         etype: str = "relative") -> Value:
    return Value(span[0], span[1], granularity, "publication", _ref_anchor(st), confidence,
                 etype, first=span[0], last=span[1])


def _rel(base: Point, span: t.Span, granularity: str, confidence: float = 0.8) -> Value:
    return Value(span[0], span[1], granularity, "relative", None, confidence, "relative",
                 first=span[0], last=span[1], anchor_ref=base.index)


def _unresolved(basis: str, etype: str, granularity: str | None = "day") -> Value:
    return Value(None, None, granularity, basis, None, 0.3, etype)


def _rel_word_value(a: Atom, text: str, st: State) -> Value:
    if st.ref is None:
        return _unresolved("publication", "relative")
    w = re.sub(r"\s+", " ", text[a.start:a.end].lower())
    back = {"yesterday": -1, "last night": -1, "the day before yesterday": -2,
            "tomorrow": 1, "the day after tomorrow": 2}.get(w, 0)
    if st.written is not None and st.written != st.ref:
        # the words of the writing day count from the dateline's day
        d = st.written + timedelta(days=back)
        v = _pub(st, (d, d), "day")
        v.anchor = f"dateline:{st.written.isoformat()}"
        return v
    d = st.ref + timedelta(days=back)
    return _pub(st, (d, d), "day")


def _arel_value(a: Atom, text: str, st: State) -> Value:
    """"The next day", "that morning", "the following Tuesday": from the last story day."""
    g = a.g
    low = re.sub(r"\s+", " ", text[a.start:a.end].lower())
    if st.anchor is None:
        return _unresolved("relative", "relative")
    base = st.anchor.start
    if "wd" in g:
        wd = t.weekday_number(g["wd"])
        assert wd is not None
        if g["wm"].lower() in ("next", "following"):
            d = t.weekday_on_or_after(base, wd, strict=True)
        else:
            d = t.weekday_on_or_before(base, wd, strict=True)
        return _rel(st.anchor, (d, d), "day")
    step = 0
    if " that " in f" {low} " or " same " in f" {low} ":
        step = 0
    elif any(w in low for w in ("next", "following", "after", "later")):
        step = 1
    elif any(w in low for w in ("previous", "preceding", "before", "earlier")):
        step = -1
    d = base + timedelta(days=step)
    return _rel(st.anchor, (d, d), "day")


def _period_step(det: str) -> int:
    return {"last": -1, "past": -1, "previous": -1, "preceding": -1, "next": 1, "coming": 1,
            "following": 1}.get(det, 0)


def _season_period(reference: date, season: str, step: int) -> t.Span:
    """This (the latest begun), last (the latest ended) or next season."""
    candidates = [t.season_span(y, season) for y in range(reference.year - 2,
                                                           reference.year + 2)]
    if step < 0:
        return max(c for c in candidates if c[1] < reference)
    if step > 0:
        return min(c for c in candidates if c[0] > reference)
    return max(c for c in candidates if c[0] <= reference)


def _weekend(reference: date, det: str, tense: str) -> t.Span:
    """This, last, next or "the" weekend around the reference."""
    this = t.this_weekend(reference)
    week = timedelta(days=7)
    if det in ("next", "coming"):
        return this[0] + week, this[1] + week
    if det == "this" or tense == "future":
        return this
    passed = t.weekend_on_or_before(reference)
    if det == "last" and reference.weekday() >= 5:
        return passed[0] - week, passed[1] - week
    return passed


def _anchored_period(base: Point, unit: str, step: int) -> Value:
    moved = t.shift(base.start, step, unit)
    span, granularity = t.period_of(moved, unit)
    return _rel(base, span, granularity)


def _per_value(a: Atom, text: str, st: State) -> Value:
    """"This month", "last year", "earlier this week", "that year", "the weekend"..."""
    g = a.g
    det = g["det"].lower()
    unit = g["u"].lower()
    pre = re.sub(r"\s+", " ", g.get("pre", "").lower())
    if det in ("that", "previous", "following") and st.period is not None and \
            unit in ("week", "month", "year", "decade"):
        return _anchored_period(st.period, unit, _period_step(det))
    if st.ref is None:
        return _unresolved("publication", "relative", None)
    ref = st.ref
    if unit == "weekend":
        return _pub(st, _weekend(ref, det, _tense(text, a.sentence, a.start)), "range")
    if unit in t.SEASONS:
        v = _pub(st, _season_period(ref, unit, _period_step(det)), "range", 0.8)
        assert v.start is not None
        v.timex = f"{v.start.year:04d}-{SEASON_CODES[unit]}"
        return v
    span, granularity = t.named_period(ref, unit, _period_step(det))
    whole = timex(_pub(st, span, granularity))  # "earlier this week" is this week in TimeML
    # "earlier this week" ends the day before the reference and "later this week" starts
    # the day after it (the reference day is neither earlier nor later); "so far" and "the
    # rest of" hold it
    if pre in ("so far", "earlier"):
        last = ref - timedelta(days=1) if pre == "earlier" else ref
        v = _pub(st, (span[0], max(span[0], min(last, span[1]))), "range")
        v.timex = whole
        return v
    if pre in ("later", "the rest of", "the remainder of"):
        first = ref + timedelta(days=1) if pre == "later" else ref
        v = _pub(st, (min(max(first, span[0]), span[1]), span[1]), "range")
        v.timex = whole
        return v
    if not pre:
        return _pub(st, span, granularity)
    key = _part_key(pre)
    piece = PIECES.get(key, key)
    full = span
    if unit == "month":
        span = t.month_part(span[0].year, span[0].month, piece)
    elif unit == "year":
        span = _year_piece(span[0].year, key)
    elif unit == "week":
        offset = {"early": 0, "mid": 2, "late": 4}[piece]
        span = (span[0] + timedelta(days=offset), span[0] + timedelta(days=offset + 2))
    value = _pub(st, span, granularity)
    value.timex = whole
    if key == "end":
        value.first = value.last = full[1]
    elif key == "start":
        value.first = value.last = full[0]
    return value


def _win_value(a: Atom, st: State) -> Value:
    """"The past 24 hours", "the next 18 months", "the previous week"..."""
    g = a.g
    d = g["d"].lower()
    unit = UNITS[g["u"].lower().rstrip("s")]
    amount = (number_value(g["n"]) if "n" in g else 1) or 1
    if "n" not in g and d in ("following", "previous", "preceding", "same", "next"):
        if st.period is not None:
            return _anchored_period(st.period, unit, _period_step(d))
        if st.ref is None:
            return _unresolved("publication", "relative", None)
        span, granularity = t.named_period(st.ref, unit, _period_step(d))
        return _pub(st, span, granularity, 0.6)
    if d in ("previous", "preceding", "following") and st.anchor is not None and \
            st.anchor.seq == a.sentence.seq:
        relation = "after" if d == "following" else "before"
        return _rel(st.anchor, t.window(st.anchor.start, amount, unit, relation), "range")
    if st.ref is None:
        return _unresolved("publication", "relative", "range")
    if d in ("next", "coming", "following"):
        return _pub(st, t.next_window(st.ref, amount, unit), "range", 0.85)
    return _pub(st, t.past_window(st.ref, amount, unit), "range", 0.85)


def _weekday_value(a: Atom, text: str, st: State) -> Value:
    """A weekday: the last one on or before the reference, the next one for a plan."""
    g = a.g
    wd = t.weekday_number(g["d"])
    assert wd is not None
    reporting = _REPORTING.search(text, max(a.sentence.char_start, a.start - 40),
                                  a.start) is not None
    if st.ref is None:
        v = _unresolved("publication", "weekday")
        v.reporting = reporting
        return v
    mod = g.get("mod", "").lower()
    tense = _tense(text, a.sentence, a.start, a.end)
    confidence = 0.85
    if mod in ("next", "coming"):
        d = t.weekday_on_or_after(st.ref, wd, strict=True)
    elif mod in ("last", "past", "previous"):
        d = t.weekday_on_or_before(st.ref, wd, strict=True)
    elif tense == "future":
        d, confidence = t.weekday_on_or_after(st.ref, wd), 0.75
    elif _guessing(st, tense):
        d, confidence = t.closest_weekday(st.ref, wd), 0.65
    else:
        d = t.weekday_on_or_before(st.ref, wd)
    v = _pub(st, (d, d), "day", confidence, etype="weekday")
    v.reporting = reporting
    return v


def _nth_value(a: Atom, st: State) -> Value | None:
    """"On the 7th": that day of the month last mentioned, else of the publication month."""
    day = t.day_number(a.g["d"])
    if st.month is not None:
        row, year, month = st.month
        d = safe_date(year, month, day)
        if d is None:
            return None
        v = Value(d, d, "day", "relative", None, 0.75, "explicit", first=d, last=d,
                  month=(year, month), anchor_ref=row)
    elif st.ref is None:
        return _unresolved("publication", "explicit")
    else:
        found = t.day_on_or_before(day, st.ref)
        if found is None:
            return None
        d = found
        v = _pub(st, (d, d), "day", 0.7, etype="explicit")
    v.confidence = _weekday_check(a.g.get("wd"), d, v.confidence)
    return v


def resolve_atom(a: Atom, text: str, st: State) -> Value | None:
    """The span an atom denotes, or None when it is not a date after all."""
    k = a.kind
    if k in ("iso", "sl", "md", "dm", "hol"):
        return _day_value(a, text, st)
    if k == "mo":
        return _month_value(a, text, st)
    if k == "yr":
        return _year_value(a)
    if k in ("qt", "bq"):
        return _quarter_value(a, st)
    if k == "se":
        return _season_value(a)
    if k == "rel":
        return _rel_word_value(a, text, st)
    if k == "arel":
        return _arel_value(a, text, st)
    if k == "per":
        return _per_value(a, text, st)
    if k == "win":
        return _win_value(a, st)
    if k == "wd":
        return _weekday_value(a, text, st)
    if k == "nth":
        return _nth_value(a, st)
    if k in ("sp", "hl"):
        return _offset_value(a, st)
    return None


_EARLIER = ("earlier", "before", "prior to", "beforehand", "previously", "ago")


def _offset_value(a: Atom, st: State) -> Value:
    """"Two days later", "a week ago", "four years earlier", "hours later"."""
    amount, unit, direction, qualifier = _span_fields(a)
    amount = amount or 1
    if direction in ("ago", "from now"):
        if st.ref is None:
            return _unresolved("publication", "relative")
        if direction == "ago":
            span, granularity = t.ago(st.ref, amount, unit)
            return _pub(st, span, granularity, 0.8 if unit in ("hour", "day") else 0.7)
        span, granularity = t.offset(st.ref, amount, unit, qualifier)
        return _pub(st, span, granularity, 0.7)
    if a.kind == "hl":
        amount, unit = 0, "day"
    sign = -1 if direction in _EARLIER else 1
    confidence = 0.8 if qualifier in ("exact", "less_than") else 0.65
    base = st.period if unit in ("month", "year", "decade") else st.anchor
    if base is None:
        return _unresolved("relative", "relative")
    if base.granularity == "day":
        span, granularity = t.offset(base.start, sign * amount, unit, qualifier)
    else:
        span = t.shift_span((base.start, base.end), sign * amount, unit)
        granularity = base.granularity
    return _rel(base, span, granularity, confidence)
