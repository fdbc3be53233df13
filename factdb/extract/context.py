"""What an extractor sees of one article."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

from factdb.extract.tokens import Tokens
from factdb.ingest.records import STORY_ROLES, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: One fact row: column -> value.
Row = dict[str, Any]


@dataclass
class ArticleContext:
    article_id: str
    text: str
    sentences: list[Sentence]
    published_on: date | None
    published_basis: str | None
    run_id: str
    outlet: str | None = None
    #: the spaCy doc of the whole text (parser excluded); None when there is no model
    doc: Doc | None = None
    #: rows of the extractors that ran before this one, by table ("dates", "counts", ...)
    rows: dict[str, list[Row]] = field(default_factory=dict)

    @cached_property
    def tokens(self) -> Tokens:
        """The article's token view, shared by the extractors (built once)."""
        return Tokens(self.text, self.sentences, self.doc)

    def earlier(self, table: str) -> list[Row]:
        """The rows an earlier extractor found in this article for a table."""
        return self.rows.get(table, [])

    def sentence_id(self, sentence: Sentence) -> str:
        return f"{self.article_id}:{sentence.seq}"

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains a character offset."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.char_start:
                hi = mid - 1
            elif offset >= s.char_end:
                lo = mid + 1
            else:
                return s
        return None

    def story_sentences(self) -> list[Sentence]:
        """Sentences that tell the story (body and headline), not captions or page junk."""
        return [s for s in self.sentences if s.role in STORY_ROLES]
