"""Which dates of a sentence date the events it tells, read for factdb.extract.events (which
gives each date to a trigger) and factdb.extract.event_keys (which keeps apart the events
of sentences told in other times): a day, or a month or year that places an event, not a
date that bounds a window ("since March 3") nor the time of the object of a phrase of time
("champions since the Rovers in May 2005"); and token helpers over a parse.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, cast

from factdb.extract.event_identity import TIME_MARKS

#: A date granularity coarser than a day that still places one event in time.
PERIOD_GRANULARITIES = frozenset({"month", "year"})


#: Relations whose date bounds a window of time ("since March 3", "until May"): the date
#: starts or ends a period, it is not the day of an event told in the same sentence.
WINDOW_BOUNDS = frozenset({"since", "until", "as_of", "so_far"})


def bounds_window(row: dict[str, Any]) -> bool:
    """Whether the date bounds a window rather than dating what the sentence tells: "since
    March 3", "until May", and "after Thursday" / "before June" named without a span; a
    counted offset ("two days after March 3", "a week earlier") is a date of its own."""
    relation = row.get("relation")
    return relation in WINDOW_BOUNDS or (relation in ("before", "after")
                                         and row.get("span_unit") is None)


def is_day(row: dict[str, Any]) -> bool:
    return row.get("value_start") is not None and \
        row.get("value_start") == row.get("value_end") and not bounds_window(row)


def is_period(row: dict[str, Any]) -> bool:
    """A month or a year that places an event ("in January 2020", "the 2007 earthquake",
    "four years earlier"), or a week counted back from publication ("two weeks ago")."""
    return (row.get("value_start") is not None and row.get("value_end") is not None
            and not bounds_window(row)
            and (row.get("relation") is None or row.get("basis") == "relative"
                 or counted_back(row))
            and (row.get("granularity") in PERIOD_GRANULARITIES or
                 row.get("granularity") == "week" and counted_back(row)))  # "two weeks ago"


def counted_back(row: dict[str, Any]) -> bool:
    """A point counted back from publication ("four years ago"): it dates an event, unlike
    a window that runs up to publication ("in the past four years")."""
    return row.get("basis") == "publication" and row.get("relation") == "before" and \
        row.get("expression_type") == "relative" and \
        str(row.get("quote") or "").lower().rstrip().endswith("ago")


def time_phrase(doc: Any, start: int, first: int) -> tuple[int, int] | None:
    """The tokens (first, end) of a phrase of time whose object a date at char ``start``
    right after it describes ("champions since [the Rovers] in May 2005", however
    the parser attached it): the date is that object's time, no trigger's outside it.
    Not a time itself ("after midnight on Sunday"); only words of its sentence (from
    char ``first``) count."""
    at = bisect_left(token_starts(doc), start)
    if at < 2 or doc[at - 1].lower_ not in ("in", "on"):
        return None
    obj = doc[at - 2]
    while obj.dep_ != "pobj" and obj.head.i != obj.i and obj.head.i > obj.i - 4:
        obj = obj.head
    mark = obj.head
    if obj.dep_ != "pobj" or mark.lower_ not in TIME_MARKS or obj.right_edge.i != at - 2 or \
            mark.idx < first or \
            any(t.ent_type_ in ("DATE", "TIME") for t in obj.subtree):
        return None
    return int(mark.i), at + 1


def tokens_in(doc: Any, start: int, end: int) -> list[Any]:
    """The tokens that start in [start, end)."""
    first = bisect_left(token_starts(doc), start)
    last = bisect_left(token_starts(doc), end)
    return [doc[i] for i in range(first, last)]


def token_starts(doc: Any) -> list[int]:
    starts = doc.user_data.get("factdb_token_starts")
    if starts is None or len(starts) != len(doc):
        starts = doc.to_array("IDX").tolist() if len(doc) else []
        doc.user_data["factdb_token_starts"] = starts
    return cast(list[int], starts)


def tokens_between(doc: Any, start: int, end: int) -> int:
    return sum(1 for t in tokens_in(doc, start, end) if not t.is_punct)
