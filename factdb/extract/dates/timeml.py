"""TimeML values of date rows, and the expressions that name the present or the future
without a calendar date ("now", "currently", "the future": TimeML's PRESENT_REF and
FUTURE_REF). Those are kept as rows of ``expression_type`` ``reference`` with no calendar
value: a reader needs them to know what a sentence says about time, but they date nothing.
"""

from __future__ import annotations

import re

from factdb.extract.dates.atoms import Value

#: Words that refer to the present or the future as the article speaks: TimeML's value.
#: "now" is not one where it opens its sentence as a discourse marker ("Now, the league
#: says ..."), ends a window ("until now", "from now on") or counts from the reference
#: ("two days from now": a date of its own); "current account" is economics, not time.
_REFERENCE = re.compile(
    r"\b(?:(?P<now>(?:(?i:right|just)\s+)?(?i:now)(?!\s+(?i:on)\b))|"
    r"(?P<cur>(?i:currently|nowadays|current)(?!\s+(?i:accounts?)\b))|"
    r"(?P<fut>(?:(?i:the)\s+(?:(?i:near|distant|foreseeable|immediate)\s+)?)?(?i:future))"
    r")(?![\w-])")
_NOT_BEFORE_NOW = re.compile(r"(?i:until|till|from|up\s+to|since|by)\s+$")
_OPENER = re.compile(r"[\s\"“‘'(`]*$")


def reference_points(low: str) -> list[int]:
    """Where the words of ``_REFERENCE`` may be in the lowercased text, in order: the
    pattern runs only on sentences that have one."""
    out = []
    for word in ("now", "current", "future"):
        i = low.find(word)
        while i != -1:
            out.append(i)
            i = low.find(word, i + 1)
    return sorted(out)


def references(text: str, start: int, end: int,
               taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, TimeML value) of the present and future references of one sentence
    (text[start:end]) that no other date row covers."""
    out = []
    for m in _REFERENCE.finditer(text, start, end):
        s, e = m.span()
        if any(a < e and s < b for a, b in taken):
            continue
        if m.group("now"):
            before = text[max(start, s - 12):s]
            bare = m.group().lower() == "now"
            if (bare and _OPENER.fullmatch(text, start, s)) or _NOT_BEFORE_NOW.search(before):
                continue
        out.append((s, e, "FUTURE_REF" if m.group("fut") else "PRESENT_REF"))
    return out


def reference_value(value: str) -> Value:
    """The row value of a present or future reference: no calendar span, its TimeML value."""
    return Value(None, None, None, None, None, 0.6, "reference", timex=value)


def timex(v: Value) -> str | None:
    """The TimeML (TIMEX3) value of a resolved expression, or None (a range, a duration).
    A part of a day ("Friday night") is written as its day, as most TimeML annotation does."""
    if v.timex is not None or v.start is None:
        return v.timex
    if v.granularity == "day":
        return v.start.isoformat()
    if v.granularity == "month":
        return f"{v.start:%Y-%m}"
    if v.granularity == "year":
        return f"{v.start:%Y}"
    if v.granularity == "week":
        year, week, _ = v.start.isocalendar()
        return f"{year}-W{week:02d}"
    return None
