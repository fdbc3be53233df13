"""The records ingestion produces."""

from __future__ import annotations

import hashlib
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
