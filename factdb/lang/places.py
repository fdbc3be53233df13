"""Place names as keys: a place written as a list of names compares as a set."""

from __future__ import annotations

import re


def place_key(place: str | None) -> str:
    """A place as a set of names: "Chad and Niger", "Chad or Niger" -> "chad+niger"."""
    if not place:
        return ""
    names = re.split(r"\s*(?:,|\band\b|\bor\b)\s*", place.lower())
    return "+".join(sorted(n for n in names if n))
