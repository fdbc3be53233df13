"""Date extraction: every temporal expression of an article, resolved to calendar dates.

One compiled pattern finds the *atoms* of a sentence (explicit dates, months, years,
weekdays, "yesterday", "last month", "the next day", "two days later", "a week ago",
"the past 24 hours", durations...); atoms are then combined with their connectives
("since", "between ... and", "from ... to", "until", "as of", "before", "after") and
expressions anchored on an event ("in the week before the vote", "since the
attack") are found. Expressions are resolved in text order (factdb.lang.calendar):

* ``basis`` ``explicit``: the expression names the date; a missing year is inferred
  (``anchor`` ``publication:<date>``, or ``inferred:<date>`` when the publication date is
  itself inferred, or ``date:<id>`` when the year comes from a full date just before it in
  the same paragraph).
* ``publication``: resolved against the publication date ("yesterday", "last month",
  "on Sunday").
* ``relative``: resolved against the most recent story date before it ("the next day",
  "four years earlier"); ``anchor`` is ``date:<date_id>``.
* ``event``: relative to an event named by a phrase ("the week before the vote");
  the values stay NULL and ``relation``/``span_days``/``anchor_phrase`` describe it for
  the events resolver.

Values are inclusive spans (``value_start`` .. ``value_end``). A date that bounds a window
("since 1991", "until Thursday", "as of March", "after the start of June") is valued as
the date it names, at its own granularity (1991; that Thursday; March; June 1), as both
golds value it; ``relation`` (since/until/before/after) keeps the window. A month or
day with "this/last/next year" takes that year ("May 10 last year"); a range's year-less
start takes its end's year ("between November and February 2021"); "the end of 2019" is
December, "late 2019" September-December. Parts of months and years follow
lang/calendar.py (early = 1-10, mid = 11-20, late = 21-end).
Dates in captions, boilerplate, bylines and datelines are kept with their ``role`` and a
lower confidence, and never anchor a story date. Weekdays named with a reporting verb
("reported on Sunday") are not anchors either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from factdb.extract.context import ArticleContext
from factdb.extract.dates.atoms import (
    EXTRACTOR,
    QUALIFIERS,
    UNITS,
    Atom,
    Expr,
    Point,
    State,
    Value,
)
from factdb.extract.dates.grammar import (
    _span_fields,
    cue_points,
    event_exprs,
    group,
    scan,
    triggers,
)
from factdb.extract.dates.timeml import reference_points, reference_value, references, timex
from factdb.extract.dates.values import (
    _EARLIER,
    _day_value,
    _offset_value,
    _rel,
    _tense,
    _unresolved,
    resolve_atom,
)
from factdb.extract.provenance import provenance
from factdb.ingest.pubdate import INFERRED_BASES, from_text
from factdb.ingest.records import STORY_ROLES, Sentence
from factdb.lang import calendar as t
from factdb.lang.calendar import number_value

# --- rows -----------------------------------------------------------------------------------

@dataclass
class Row:
    start: int
    end: int
    sentence: Sentence
    rule: str
    value: Value
    etype: str
    relation: str | None = None
    amount: int | None = None
    unit: str | None = None
    qualifier: str | None = None
    phrase: str | None = None
    window: bool = False            # a window bounded by an event, not a date


def _story(s: Sentence) -> bool:
    return s.role in STORY_ROLES


def _note(st: State, index: int, row: Row) -> None:
    """Remember a story date for the relative expressions after it."""
    if not _story(row.sentence) or row.sentence.role_reason == "dateline":
        return  # furniture, or the dateline's date: no anchor for the story's own dates
    v = row.value
    if v.start is None or v.end is None or v.reporting or v.granularity is None:
        return
    point = Point(index, v.start, v.end, v.granularity, row.sentence.seq)
    st.period = point
    if v.start == v.end and v.granularity == "day":
        st.anchor = point
        if v.has_year and row.etype == "explicit":
            st.year_ctx = (index, v.start, row.sentence.seq, row.sentence.paragraph)


def _note_month(st: State, index: int, row: Row, value: Value) -> None:
    if _story(row.sentence) and value.month is not None:
        st.month = (index, value.month[0], value.month[1])


UPTO_UNITS = {"month": ("month", 1), "year": ("year", 1), "week": ("week", 1),
              "quarter": ("month", 3)}


def _resolve_expr(e: Expr, text: str, st: State, rows: list[Row]) -> None:
    """Resolve one expression in text order, appending its rows and updating the state."""
    if e.form == "point":
        a = e.atoms[0]
        v = resolve_atom(a, text, st)
        if v is None:
            return
        rows.append(Row(e.start, e.end, e.sentence, a.kind, v, v.etype))
        _note(st, len(rows) - 1, rows[-1])
        _note_month(st, len(rows) - 1, rows[-1], v)
    elif e.form == "duration":
        a = e.atoms[0]
        q = QUALIFIERS.get(re.sub(r"\s+", " ", a.g.get("q", "").lower()), "exact")
        rows.append(Row(e.start, e.end, e.sentence, a.kind,
                        Value(None, None, None, None, None, 0.8, "duration"), "duration", None,
                        number_value(a.g["n"]), UNITS[a.g["u"].lower().rstrip("s")], q))
    elif e.form == "range":
        _resolve_range(e, text, st, rows)
    elif e.form == "inyear":
        a, y = e.atoms
        vy = resolve_atom(y, text, st)
        if vy is not None and vy.start is not None:
            dated = Atom(a.kind, a.start, a.end, {**a.g, "y": str(vy.start.year)}, a.sentence)
            v = resolve_atom(dated, text, st)
            if v is None:
                return
            v.basis, v.anchor = vy.basis, vy.anchor
        else:   # no year to count from (an undated article): the month or day, unresolved
            v = resolve_atom(a, text, st)
            if v is None:
                return
        v.has_year = False
        # the row quotes the month or day (TimeML's span), valued in the year that follows
        rows.append(Row(a.start, a.end, e.sentence, a.kind, v, v.etype))
        _note(st, len(rows) - 1, rows[-1])
        _note_month(st, len(rows) - 1, rows[-1], v)
    elif e.form in ("upto", "wkof"):
        _resolve_bounded(e, text, st, rows)
    elif e.form == "relation":
        va = resolve_atom(e.atoms[0], text, st)
        if va is None:
            return
        v = _relation_value(va)
        rows.append(Row(e.start, e.end, e.sentence, "relation", v, v.etype, e.relation))
        _note_month(st, len(rows) - 1, rows[-1], va)
    elif e.form in ("offset", "window") and e.nested is not None:
        _resolve_nested(e, text, st, rows)
    elif e.form == "offset":
        a = e.atoms[0]
        v = _offset_value(a, st)
        relation = "before" if _span_fields(a)[2] in _EARLIER else "after"
        rows.append(Row(e.start, e.end, e.sentence, a.kind, v, "relative", relation,
                        e.amount, e.unit, e.qualifier))
        _note(st, len(rows) - 1, rows[-1])
    elif e.form in ("event", "event_window"):
        size: str | None = None
        if e.form == "event_window":
            size = "range"
        elif e.unit is not None:
            size = e.unit if e.unit in ("month", "year") else "day"
        v = Value(None, None, size, "event", f"event:{e.phrase}", 0.7, "event_relative")
        # "since the visit", "the two weeks before the vote", "within hours of the vote": a
        # window, not a day; "two days after the vote" names a day
        window = e.form == "event_window" or e.amount is None or \
            (e.qualifier or "exact") not in ("exact", "about")  # "less than 48 hours after"
        rows.append(Row(e.start, e.end, e.sentence, "event", v, "event_relative", e.relation,
                        e.amount, e.unit, e.qualifier, e.phrase, window))
    elif e.form == "same_period":
        base = st.period
        if base is None:  # no period told before: the year it names
            v = resolve_atom(e.atoms[0], text, st)
            if v is None:
                return
        else:
            v = _rel(base, (t.add_months(base.start, -12), t.add_months(base.end, -12)),
                     base.granularity, 0.75)
        rows.append(Row(e.start, e.end, e.sentence, "same_period", v, "relative"))
    elif e.form == "since_then":
        # "then" is the last story date, a day or not ("began in 1950. Since then, ...")
        base = max((p for p in (st.anchor, st.period) if p is not None),
                   key=lambda p: p.index, default=None)
        if base is None or st.ref is None:
            v = _unresolved("relative", "range", "range")
        else:
            v = _rel(base, (base.start, st.ref), "range", 0.75)
        rows.append(Row(e.start, e.end, e.sentence, "since", v, "range", "since"))


def _resolve_range(e: Expr, text: str, st: State, rows: list[Row]) -> None:
    """"Between A and B", "from A to B", "A-B"."""
    a, b = e.atoms
    va, vb = resolve_atom(a, text, st), resolve_atom(b, text, st)
    if va is None or vb is None or va.first is None or vb.last is None:
        return
    first = va.first
    if not va.has_year and vb.has_year and va.month is not None:
        # "between January and August 2020": the start takes the end's year
        moved = t.safe_date(vb.last.year, first.month, first.day)
        if moved is not None:
            first = moved if moved <= vb.last else t.add_months(moved, -12)
    start, end = t.order_range(first, vb.last, va.has_year)
    basis = "explicit" if va.basis == vb.basis == "explicit" else (va.basis or "explicit")
    v = Value(start, end, "range", basis, va.anchor or vb.anchor,
              min(va.confidence, vb.confidence) * 0.95, "range", anchor_ref=va.anchor_ref)
    rows.append(Row(e.start, e.end, e.sentence, "range", v, "range", "between"))
    _note(st, len(rows) - 1, rows[-1])
    _note_month(st, len(rows) - 1, rows[-1], vb)
    # each end is a date of its own too (TimeML tags "1994" and "1997" in "between 1994
    # and 1997"): rows of expression_type ``endpoint`` inside the range's span, valued at
    # their own granularity; a start that took the end's year is valued in that year
    if start.year != va.first.year and a.kind in ("md", "dm", "mo"):
        va = resolve_atom(Atom(a.kind, a.start, a.end, {**a.g, "y": str(start.year)},
                               a.sentence), text, st)
    for atom, end_value in ((a, va), (b, vb)):
        if end_value is not None and end_value.start is not None:
            end_value.confidence = min(end_value.confidence, v.confidence)
            rows.append(Row(atom.start, atom.end, e.sentence, "endpoint", end_value,
                            "endpoint"))


def _resolve_bounded(e: Expr, text: str, st: State, rows: list[Row]) -> None:
    """"The 12 months to June", "the week of December 9"."""
    a, b = e.atoms
    vb = resolve_atom(b, text, st)
    if vb is None or vb.first is None or vb.last is None:
        return
    if e.form == "upto":
        unit, per = UPTO_UNITS[a.g["u"].lower().rstrip("s")]
        amount = ((number_value(a.g["n"]) if "n" in a.g else 1) or 1) * per
        span, granularity = t.window_to(vb.last, amount, unit), "range"
    else:
        relation = a.g["r"].lower()
        if relation == "of":
            span = t.week_span(vb.first)
        elif relation == "ending":
            span = (vb.first - timedelta(days=6), vb.first)
        else:
            span = (vb.first, vb.first + timedelta(days=6))
        granularity = "week"
    v = Value(span[0], span[1], granularity, vb.basis, vb.anchor, vb.confidence * 0.95,
              "range" if e.form == "upto" else "explicit", anchor_ref=vb.anchor_ref)
    rows.append(Row(e.start, e.end, e.sentence, e.form, v, v.etype))
    _note(st, len(rows) - 1, rows[-1])
    _note_month(st, len(rows) - 1, rows[-1], vb)


def _resolve_nested(e: Expr, text: str, st: State, rows: list[Row]) -> None:
    """"Two days after March 3", "the two weeks before March 3": the date is a row too."""
    assert e.nested is not None
    inner = resolve_atom(e.nested, text, st)
    if inner is None:
        return
    if e.relation == "from":
        # "three days from Wednesday": one row, the date and the days after it (the date is
        # read as it is on its own: its basis and anchor)
        base = inner.first
        span = (base, t.shift(base, e.amount or 1, e.unit or "day")) if base else (None, None)
        v = Value(span[0], span[1], "range" if base else None, inner.basis, inner.anchor,
                  inner.confidence * 0.9, "relative")
        rows.append(Row(e.start, e.end, e.sentence, e.form, v, "relative", "since",
                        e.amount, e.unit, e.qualifier))
        return
    rows.append(Row(e.nested.start, e.nested.end, e.sentence, e.nested.kind, inner,
                    inner.etype))
    inner_index = len(rows) - 1
    _note(st, inner_index, rows[-1])
    _note_month(st, inner_index, rows[-1], inner)
    amount = e.amount or 1
    unit = e.unit or "day"
    base = inner.last if e.relation == "after" else inner.first
    if base is None:
        v = _unresolved("relative", "relative")
    elif e.form == "window":
        span = t.window(base, amount, unit, e.relation or "before")
        v = Value(span[0], span[1], "range", "relative", None, inner.confidence * 0.9,
                  "relative", anchor_ref=inner_index)
    else:
        v = _offset_from(base, e.relation, amount, unit, e.qualifier, inner.confidence,
                         inner_index)
    rows.append(Row(e.start, e.end, e.sentence, e.form, v, "relative", e.relation, amount,
                    unit, e.qualifier))


#: what may stand between an anchor phrase and the day of its own clause: no clause break
_ANCHOR_CLAUSE = re.compile(r"[^,;:()\u2013\u2014]{0,160}?\bon\s+(?:the\s+)?$", re.IGNORECASE)


def _dated_anchors(text: str, rows: list[Row], first: int) -> None:
    """An exact offset from an event whose own phrase or clause gives its day ("the day
    after the raid on March 3", "the day after gunmen raided a depot on March 3, the
    minister resigned ...") is counted from that day, as "the day after March 3"
    is: the date is read in the text, not through an event the resolver must find (the
    anchor phrase may be a clause's subject, which names no event). ``rows[first:]`` are
    the rows of one sentence."""
    for r in rows[first:]:
        if r.rule != "event" or r.window or r.amount is None or r.unit is None or \
                r.relation not in ("before", "after"):
            continue
        for j in range(first, len(rows)):
            v = rows[j].value
            if rows[j].start < r.end or v.start is None or v.granularity != "day" or \
                    not _ANCHOR_CLAUSE.fullmatch(text, r.end, rows[j].start):
                continue
            r.value = _offset_from(v.start, r.relation, r.amount, r.unit, r.qualifier,
                                   v.confidence, j)
            break


def _offset_from(day: date, relation: str | None, amount: int, unit: str,
                 qualifier: str | None, confidence: float, anchor: int) -> Value:
    """The value of an exact offset ("two days after", "a week before") counted from a day
    written in the text (row ``anchor``)."""
    sign = -1 if relation == "before" else 1
    span, granularity = t.offset(day, sign * amount, unit, qualifier or "exact")
    return Value(span[0], span[1], granularity, "relative", None, confidence * 0.85,
                 "relative", anchor_ref=anchor)


def _relation_value(va: Value) -> Value:
    """The date "since X", "until X", "as of X", "before X", "after X" names: X itself, at
    its own granularity ("since the start of February" is February 1); the row's
    ``relation`` keeps the window it bounds."""
    start, end, granularity = va.start, va.end, va.granularity
    if va.first is not None and va.first == va.last and (va.first, va.last) != (start, end):
        start, end, granularity = va.first, va.last, "day"
    return Value(start, end, granularity, va.basis, va.anchor, va.confidence * 0.95,
                 va.etype, va.has_year, anchor_ref=va.anchor_ref,
                 timex=va.timex if granularity == va.granularity else None)


def reference(ctx: ArticleContext, atoms: list[Atom]) -> tuple[date | None, str | None]:
    """The date past-tense expressions resolve against, and what it is: ``publication``,
    or ``inferred`` (the publication date was inferred, or is unknown and stood in for by
    the latest full date of the story sentences: never a caption's)."""
    if ctx.published_on is not None:
        return ctx.published_on, ("inferred" if ctx.published_basis in INFERRED_BASES
                                  else "publication")
    full = []
    for a in atoms:
        if a.kind in ("iso", "sl", "md", "dm") and "y" in a.g and \
                _tense(ctx.text, a.sentence, a.start) == "past":
            v = _day_value(a, ctx.text, State(None, None))
            if v is not None and v.start is not None:
                full.append(v.start)
    inferred = infer_reference(full)
    return inferred, ("inferred" if inferred else None)


def _written_on(ctx: ArticleContext, published: date) -> date:
    """The day the story was written: its dateline's date when that is a day or two before
    the page's date ("LAS VEGAS, Feb. 11 (Agency) -" on a page of February 12: "tonight" is
    the 11th), else the publication date. Only the words of the writing day ("today",
    "tonight", "yesterday", "tomorrow") resolve against it."""
    full, partial = from_text(ctx.text, ctx.sentences)
    if full is None and partial is not None:
        full = t.safe_date(published.year, *partial)
        if full is not None and full > published:
            full = t.safe_date(published.year - 1, *partial)
    if full is not None and timedelta(days=1) <= published - full <= timedelta(days=2):
        return full
    return published


def infer_reference(ctx_dates: list[date]) -> date | None:
    """A reference date for an article without a publication date: the latest full date
    (with a year) it states about the past (see temporal.infer_reference)."""
    return t.infer_reference(ctx_dates)


def extract(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    """Every temporal expression of the article as a ``dates`` row."""
    text = ctx.text
    low = text.lower()
    points = triggers(text, low)
    cues = cue_points(low)
    per_sentence = []
    i = 0
    for s in ctx.sentences:
        while i < len(points) and points[i] < s.char_start:
            i += 1
        j = i
        while j < len(points) and points[j] < s.char_end:
            j += 1
        per_sentence.append((s, scan(text, s, points[i:j])))
        i = j
    ref, tag = reference(ctx, [a for s, atoms in per_sentence if _story(s) for a in atoms])
    # a date read in another article of the story ("corpus") is a day, not a bound
    st = State(ref, tag, bound=tag == "inferred" and ctx.published_basis != "corpus")
    if tag == "publication" and ref is not None:
        st.written = _written_on(ctx, ref)
    rows: list[Row] = []
    k = r = 0
    refs = reference_points(low)
    for s, atoms in per_sentence:
        exprs = group(text, atoms, s)
        while k < len(cues) and cues[k] < s.char_start:
            k += 1
        if k < len(cues) and cues[k] < s.char_end:
            exprs += event_exprs(text, s, [(a.start, a.end) for a in atoms] +
                                 [(e.start, e.end) for e in exprs])
        exprs.sort(key=lambda e: e.start)
        first = len(rows)
        for e in exprs:
            _resolve_expr(e, text, st, rows)
        _dated_anchors(text, rows, first)
        while r < len(refs) and refs[r] < s.char_start:
            r += 1
        if r < len(refs) and refs[r] < s.char_end and _story(s) and \
                s.role_reason != "dateline":
            # "now", "currently", "the future": no calendar date (TimeML PRESENT_REF ...)
            taken = [(r.start, r.end) for r in rows[first:]]
            rows += [Row(a, b, s, "reference", reference_value(value), "reference")
                     for a, b, value in references(text, s.char_start, s.char_end, taken)]
    return {"dates": _to_dicts(ctx, rows)}


#: What each value basis says about how the date was read.
BASIS_REASONS = {
    "explicit": "the date is written out",
    "publication": "resolved against the article's reference date",
    "relative": "counted from the story date before it",
    "event": "relative to an event named in the text (no calendar value)",
}
#: Why a row of each basis has no value (confidence 0.3).
UNRESOLVED_REASONS = {
    "explicit": "written without its year and the article has no reference date to take it "
                "from: left unresolved",
    "publication": "needs the article's reference date, which is unknown: left unresolved",
    "relative": "counted from a story date before it, and there is none: left unresolved",
}
#: Where the article's reference date came from (articles.published_basis).
REFERENCE_FROM = {
    "metadata": "the source's metadata",
    "dateline": "the dateline",
    "text": "a reporting clause with a date",
    "story": "the story's latest past event",
    "corpus": "another article of the same story",
    "inferred": "the article's own dates",
    None: "the latest full date the article gives about the past",
}


def _reason(ctx: ArticleContext, r: Row, v: Value, anchor: str | None) -> str:
    """What set a date's confidence: how it was read, what it was resolved against, where."""
    basis = ctx.published_basis if ctx.published_on is not None else None
    from_ = REFERENCE_FROM.get(basis, "the article's own dates")
    inferred = bool(v.anchor and v.anchor.startswith("inferred:"))  # as the confidence
    ref = v.anchor[9:] if inferred and v.anchor else ""
    if v.etype == "reference":
        return "refers to the present or the future as the article speaks, no calendar date"
    if v.etype == "duration":
        parts = ["a length of time, not a date"]
    elif v.basis == "publication" and v.anchor and v.anchor.startswith("dateline:"):
        parts = ["resolved against the dateline's date, the day the story was written"]
    elif v.basis == "publication" and v.anchor:
        parts = [f"resolved against the publication date (from {from_})" if not inferred
                 else f"resolved against a reference date inferred from {from_} "
                      f"({ref}), lowered"]
    else:
        parts = [BASIS_REASONS.get(v.basis or "", "read from the text")]
        if v.basis == "explicit" and anchor:
            parts[0] += (", its year from the full date before it"
                         if anchor.startswith("date:") else
                         ", its year inferred from the reference date")
        if inferred:
            parts.append(f"the reference date was inferred from {from_} ({ref}), "
                         "lowered")
    if v.etype == "weekday" and v.start is not None:
        parts.append("a weekday, placed relative to the reference date")
    if v.start is None and v.basis not in ("event", None):
        parts = [UNRESOLVED_REASONS.get(v.basis or "", "left unresolved")]
    if not _story(r.sentence):
        parts.append(f"found in a {r.sentence.role} sentence, not the story, lowered")
    return "; ".join(parts)


def _to_dicts(ctx: ArticleContext, rows: list[Row]) -> list[dict[str, Any]]:
    order = sorted(range(len(rows)), key=lambda i: (rows[i].start, -rows[i].end))
    ids = {i: f"{ctx.article_id}:d{n}" for n, i in enumerate(order)}
    out = []
    for i in order:
        r = rows[i]
        v = r.value
        confidence = v.confidence if _story(r.sentence) else v.confidence * 0.6
        anchor = v.anchor
        if anchor and anchor.startswith("inferred:"):
            confidence *= 0.8  # resolved against an inferred reference date
        if v.anchor_ref is not None:
            anchor = f"date:{ids[v.anchor_ref]}"
        row = provenance(ctx, r.start, r.end, f"{EXTRACTOR}:{r.rule}", confidence,
                         _reason(ctx, r, v, anchor))
        row.update({
            "date_id": ids[i],
            "value_start": v.start,
            "value_end": v.end,
            "granularity": v.granularity,
            "basis": v.basis,
            "anchor": anchor,
            "relation": r.relation,
            "span_days": t.span_days(r.amount, r.unit) if r.amount and r.unit else None,
            "span_count": r.amount,
            "span_unit": r.unit,
            "span_qualifier": r.qualifier if r.amount else None,
            "anchor_phrase": r.phrase,
            "role": r.sentence.role,
            "expression_type": r.etype,
            "date_key": f"{v.start.isoformat()}/{v.end.isoformat()}"
            if v.start is not None and v.end is not None else None,
            "timex": timex(v),
            "event_window": r.window,
        })
        out.append(row)
    return out
