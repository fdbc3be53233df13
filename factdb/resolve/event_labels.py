"""The label of an event row: "Visit to Oslo (Jane Doe, Red Cross), 2021-05-04"."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta


def label(etype: str, participants: Counter[str], place: str | None,
           period: tuple[date | None, date | None], names: dict[str, str],
           types: dict[str, str]) -> str:
    """"Visit to Oslo (Jane Doe, Red Cross), 2021-05-04": type, place, the most named
    people and organisations (who did what is not claimed), day (or month, or year)."""
    rank = {"PERSON": 0, "ORG": 1, "NORP": 2, "GPE": 3}
    who = [names[e] for e, _ in sorted(participants.items(),
                                       key=lambda kv: (rank.get(types.get(kv[0], ""), 4),
                                                       -kv[1], kv[0]))
           if e in names and e != place][:2]
    label = etype.replace("_", " ").capitalize()
    if place and place in names:
        label += (" to " if etype == "visit" else " in ") + names[place]
    if who:
        label += " (" + ", ".join(who) + ")"
    when = show_period(period)
    if when:
        label += f", {when}"
    return label


def show_period(period: tuple[date | None, date | None]) -> str:
    start, end = period
    if start is None or end is None:
        return ""
    if start == end:
        return start.isoformat()
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if start.day == 1 and (start.year, start.month) == (end.year, end.month) and \
            (end + timedelta(days=1)).month != end.month:
        return start.strftime("%Y-%m")
    return f"{start.isoformat()} to {end.isoformat()}"
