"""Provenance columns for fact rows, grounded in the article text."""

from __future__ import annotations

from typing import Any

from factdb.errors import UngroundedFact
from factdb.extract.context import ArticleContext

__all__ = ["UngroundedFact", "provenance"]


def provenance(ctx: ArticleContext, start: int, end: int, extractor: str,
               confidence: float, reason: str) -> dict[str, Any]:
    """The provenance columns of a fact at text[start:end].

    ``reason`` says in plain English what set ``confidence`` (the evidence and the
    adjustments, e.g. "unit from the counted noun 'schools'; vague number"); it is stored
    as ``confidence_reason`` and may not be empty.

    The span must lie in the text, start inside a sentence and end inside one (a quotation
    may run over several sentences, never into the gap after the last one); the fact is
    filed under the sentence it starts in. Anything else raises UngroundedFact: a fact that
    cannot be grounded is not stored.
    """
    if not reason or not reason.strip():
        raise ValueError(f"{ctx.article_id}: {extractor}: a confidence needs its reason")
    if not 0 <= start < end <= len(ctx.text):
        raise UngroundedFact(f"{ctx.article_id}: span {start}:{end} outside the text")
    sentence = ctx.sentence_at(start)
    if sentence is None:
        raise UngroundedFact(f"{ctx.article_id}: span {start}:{end} does not start inside a "
                             "sentence")
    if ctx.sentence_at(end - 1) is None:
        raise UngroundedFact(f"{ctx.article_id}: span {start}:{end} does not end inside a "
                             "sentence")
    return {
        "article_id": ctx.article_id,
        "sentence_id": ctx.sentence_id(sentence),
        "char_start": start,
        "char_end": end,
        "quote": ctx.text[start:end],
        "extractor": extractor,
        "confidence": round(float(confidence), 3),
        "confidence_reason": reason.strip(),
        "run_id": ctx.run_id,
    }
