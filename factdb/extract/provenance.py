"""Provenance columns for fact rows, grounded in the article text."""

from __future__ import annotations

from typing import Any

from factdb.extract.context import ArticleContext


class UngroundedFact(ValueError):
    """A fact whose quote is not the text at its offsets; it is never stored."""


def provenance(ctx: ArticleContext, start: int, end: int, extractor: str,
               confidence: float) -> dict[str, Any]:
    """The provenance columns of a fact at text[start:end]."""
    if not 0 <= start < end <= len(ctx.text):
        raise UngroundedFact(f"{ctx.article_id}: span {start}:{end} outside the text")
    sentence = ctx.sentence_at(start)
    if sentence is None:
        raise UngroundedFact(f"{ctx.article_id}: span {start}:{end} is not inside a sentence")
    return {
        "article_id": ctx.article_id,
        "sentence_id": ctx.sentence_id(sentence),
        "char_start": start,
        "char_end": end,
        "quote": ctx.text[start:end],
        "extractor": extractor,
        "confidence": round(float(confidence), 3),
        "run_id": ctx.run_id,
    }
