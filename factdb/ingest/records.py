"""The records ingestion produces."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date


@dataclass
class SourceDoc:
    """One article as read from a source, before segmentation.

    ``text`` is final: every offset factdb stores refers to it.
    """

    source_uri: str
    source_format: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None
    #: warnings about the source that did not stop it loading ("metadata 'published' is
    #: 'unknown': treated as missing"); the load reports them with the file's name
    problems: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def article_id(self) -> str:
        """Stable and content-derived: the same text always gets the same id."""
        return "a" + self.sha256[:16]


@dataclass(frozen=True)
class Sentence:
    seq: int
    char_start: int
    char_end: int
    role: str
    paragraph: int
    role_reason: str | None = None


ROLES = ("headline", "byline", "dateline", "body", "caption", "boilerplate")
#: The roles of story sentences: only they yield fact rows (docs/gold.md, "Furniture").
STORY_ROLES = ("headline", "body")


def story_text(text: str, sentences: Sequence[Sentence]) -> str:
    """The text the spaCy model reads: the article's text with the characters of every
    sentence that is not story (captions, credits, related lists, bylines...) blanked,
    newlines kept, so every offset is the article's. Furniture yields no fact row, and
    tagging, parsing and naming it cost 6-8 % of the model's time on real and generated
    pages (issue 11's loader goal)."""
    blank = [(s.char_start, s.char_end) for s in sentences if s.role not in STORY_ROLES]
    if not blank:
        return text
    parts: list[str] = []
    last = 0
    for start, end in sorted(blank):
        start = max(start, last)
        if end <= start:
            continue
        parts.append(text[last:start])
        parts.append(_BLANK.sub(" ", text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)


_BLANK = re.compile(r"[^\n]")
