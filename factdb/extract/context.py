"""What an extractor sees of one article."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from factdb.ingest.records import Sentence


@dataclass
class ArticleContext:
    article_id: str
    text: str
    sentences: list[Sentence]
    published_on: date | None
    published_basis: str | None
    run_id: str
    outlet: str | None = None
    #: shared products of earlier extractors (e.g. the spaCy doc), keyed by name
    products: dict[str, Any] = field(default_factory=dict)

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
        return [s for s in self.sentences if s.role in ("body", "headline")]
