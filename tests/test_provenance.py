"""The provenance guard itself: a fact whose span is not grounded in a sentence of the text
is refused, so it can never be stored."""

from __future__ import annotations

import pytest

from factdb.errors import UngroundedFact
from factdb.extract.context import ArticleContext
from factdb.extract.provenance import provenance
from tests.scoring.context import make_context

TEXT = "Rains flooded the valley.\n\nCaption: a road (Photo: Agency)\n\nTwo bridges fell."


@pytest.fixture
def ctx() -> ArticleContext:
    return make_context(TEXT)


def test_a_span_inside_a_sentence_gets_its_columns(ctx: ArticleContext) -> None:
    start = TEXT.index("Two bridges")
    row = provenance(ctx, start, start + 11, "test", 0.91234, "a test span")
    assert row["quote"] == "Two bridges" == TEXT[row["char_start"]:row["char_end"]]
    assert row["sentence_id"] == ctx.sentence_id(ctx.sentence_at(start))
    assert (row["extractor"], row["confidence"], row["run_id"]) == ("test", 0.912, "run-test")


@pytest.mark.parametrize("start,end", [(-1, 5), (5, len(TEXT) + 1), (7, 7), (9, 3)])
def test_a_span_outside_the_text_is_refused(ctx: ArticleContext, start: int, end: int) -> None:
    with pytest.raises(UngroundedFact, match="outside the text"):
        provenance(ctx, start, end, "test", 1.0, "a test span")


def test_a_span_starting_between_sentences_is_refused(ctx: ArticleContext) -> None:
    gap = TEXT.index("\n\n")
    with pytest.raises(UngroundedFact, match="does not start inside a sentence"):
        provenance(ctx, gap, gap + 5, "test", 1.0, "a test span")


def test_a_span_crossing_out_of_its_sentence_is_refused(ctx: ArticleContext) -> None:
    """From inside the first sentence into the blank lines after it."""
    start = TEXT.index("valley")
    with pytest.raises(UngroundedFact, match="does not end inside a sentence"):
        provenance(ctx, start, TEXT.index("\n\n") + 2, "test", 1.0, "a test span")


def test_a_quotation_over_two_sentences_is_grounded() -> None:
    text = 'He said: "We are ready. We will go." Then he left.'
    ctx = make_context(text)
    start, end = text.index("We are"), text.index(' Then')
    row = provenance(ctx, start, end, "test", 1.0, "a test span")
    assert row["quote"] == 'We are ready. We will go."'
