"""Publication dates: from metadata, else from the text (a timestamp or dateline), else inferred.

``published_basis`` records which: ``metadata``, ``text`` or ``inferred``; when nothing
supports a date it stays NULL.
"""

from __future__ import annotations

import re
from datetime import date

from factdb.ingest.records import Sentence, SourceDoc
from factdb.lang.calendar import EXPLICIT_DATE, latest_on_or_before, parse_explicit, safe_date

_AGENCY = re.compile(r"\((?P<agency>[A-Z][\w.&' -]{1,40})\)\s*(?:-{1,2}|—|–|:)?\s*$")


def dateline_agency(text: str, sentences: list[Sentence]) -> str | None:
    """The agency a dateline names: "PARIS, May 2 (Agency Name) -" gives "Agency Name"."""
    for s in sentences:
        if s.role == "dateline" and s.role_reason == "dateline":
            m = _AGENCY.search(text, s.char_start, s.char_end)
            if m:
                return m.group("agency").strip()
    return None


def from_text(text: str, sentences: list[Sentence]) -> tuple[date | None, tuple[int, int] | None]:
    """A full date in a timestamp or dateline sentence: (date, None), or
    (None, (month, day)) when the dateline gives no year."""
    partial = None
    for s in sentences:
        if s.role != "dateline":
            continue
        for m in EXPLICIT_DATE.finditer(text, s.char_start, s.char_end):
            year, month, day = parse_explicit(m)
            if year is not None:
                d = safe_date(year, month, day)
                if d is not None:
                    return d, None
            elif partial is None:
                partial = (month, day)
    return None, partial


def latest_explicit_date(text: str, sentences: list[Sentence]) -> date | None:
    """The latest fully explicit date mentioned in the story's own sentences."""
    best = None
    for s in sentences:
        if s.role != "body":
            continue
        for m in EXPLICIT_DATE.finditer(text, s.char_start, s.char_end):
            year, month, day = parse_explicit(m)
            d = safe_date(year, month, day) if year else None
            if d is not None and (best is None or d > best):
                best = d
    return best


def resolve(doc: SourceDoc, sentences: list[Sentence],
            corpus_dates: list[date]) -> tuple[date | None, str | None]:
    """(published_on, published_basis) for one article.

    ``corpus_dates`` are the publication dates known (from metadata or text) for the other
    articles of the load; they anchor a dateline that gives a month and day but no year.
    """
    if doc.published is not None:
        return doc.published, "metadata"
    full, partial = from_text(doc.text, sentences)
    if full is not None:
        return full, "text"
    latest = latest_explicit_date(doc.text, sentences)
    if partial is not None:
        reference = latest or (max(corpus_dates) if corpus_dates else None)
        if reference is not None:
            month, day = partial
            # the dateline is on or after every explicit date the story mentions
            for candidate_year in (reference.year, reference.year + 1, reference.year - 1):
                d = safe_date(candidate_year, month, day)
                if d is not None and (latest is None or d >= latest) and \
                        abs((d - reference).days) <= 183:
                    return d, "inferred"
            d = latest_on_or_before(month, day, reference)
            if d is not None:
                return d, "inferred"
    if latest is not None:
        return latest, "inferred"
    return None, None
