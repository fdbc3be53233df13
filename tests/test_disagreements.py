"""Disagreements found on short invented stories: figures told as a range or dated in
passing, and one speaker's words quoted two ways."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factdb.load import LoadReport
from factdb.resolve.disagreement_quotes import _words, compare, quoted
from factdb.resolve.disagreements import _magnitude
from tests.stories import disagreement_sides

Stories = tuple[tuple[str, str, str], ...]


def _sides(tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport],
           kind: str, *stories: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    """Load (outlet, published, body) stories; the sides of the disagreements of a kind."""
    return disagreement_sides(tmp_path, db_path, load_into, kind, "Roe sentenced", *stories)


SENTENCED = "A judge in Orlen sentenced Jane Roe to 20 years in prison on Thursday. "


def test_a_range_is_compared_by_its_middle(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """"5 to 6 years" and "6 1/2 years" asked by one defence are one figure told two ways;
    a range far from a figure ("12 to 14 years" and the 20 years imposed) is another."""
    assert _sides(
        tmp_path, db_path, load_into, "value",
        ("Valley Post", "2024-03-28", SENTENCED + "Her lawyers had asked for just 6 1/2 "
         "years."),
        ("River Times", "2024-03-28", SENTENCED + "Defence attorneys argued that a sentence "
         "of 5 to 6 years was fitting. Analysts had expected 12 to 14 years.")) == [
        ("5 to 6", "River Times", "5 to 6 years"),
        ("6.5", "Valley Post", "just 6 1/2 years")]


def test_a_figure_dated_long_ago_joins_when_another_article_gives_it_alike(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """A figure in a sentence dated long before publication tells of another time, unless
    another article of the story gives it alike: "more than $2 billion" lost when her firms
    "collapsed in May 2021" is the story's sum, which a third article puts at "about $1.8
    billion"."""
    sides = _sides(
        tmp_path, db_path, load_into, "value",
        ("Valley Post", "2024-03-28", SENTENCED + "The judge spoke of the woman who seemed "
         "atop the toy trade until her firms collapsed in May 2021, leaving investors and "
         "lenders short more than $2 billion."),
        ("River Times", "2024-03-28", SENTENCED + "She was ordered to pay more than $2 "
         "billion."),
        ("Hill Courier", "2024-03-28", SENTENCED + "The fraud swindled about $1.8 billion "
         "from investors."))
    assert sides == [("about 1800000000", "Hill Courier", "about $1.8 billion"),
                     ("more than 2000000000", "River Times", "more than $2 billion"),
                     ("more than 2000000000", "Valley Post", "more than $2 billion")]


def test_a_figure_dated_long_ago_that_no_other_article_gives_is_no_side(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """"Short $1.8 billion" when a firm "collapsed in May 2019" is a figure of then, not
    the story's "about $2 billion" told differently."""
    assert _sides(
        tmp_path, db_path, load_into, "value",
        ("Valley Post", "2024-03-28", SENTENCED + "The judge spoke of an earlier fraud at a "
         "firm that collapsed in May 2019, leaving investors and lenders short $1.8 "
         "billion."),
        ("River Times", "2024-03-28", SENTENCED + "The fraud swindled about $2 billion "
         "from investors.")) == []


def _w(text: str) -> list[str]:
    return _words(text)


@pytest.mark.parametrize("a, b, one, differ", [
    # a word left out between words in common: one remark, worded two ways
    ("she will be in a position to harm the company again", "will be in position to harm "
     "the company again, she warned", True, True),
    # one quotes less: no difference
    ("we will rebuild the bridge before the rains come", "rebuild the bridge before the "
     "rains come", True, False),
    # an ellipsis or words in brackets stand for any words
    ("we will rebuild the old bridge ... before the rains come back", "we will rebuild "
     "the old bridge quickly and safely before the rains come back", True, False),
    ("we will rebuild [the Orlen] bridge before the rains come back", "we will rebuild "
     "this bridge before the rains come back", True, False),
    # a word spelt another way, a number in words, case and punctuation
    ("We expect the labor market to stay strong this year.", "we expect the labour "
     "market to stay strong this year", True, False),
    ("Ten people were hurt in the blast near the station", "10 people were hurt in the "
     "blast, near the station", True, False),
    # two remarks that open alike
    ("we will not accept this deal and we will fight it in the courts", "we will not "
     "accept this deal because it hurts the workers in the region", False, False),
    # a short phrase in common is no remark
    ("the rebels will never win this war", "the rebels will never give up their arms",
     False, False),
])
def test_two_quoted_passages_compared(a: str, b: str, one: bool, differ: bool) -> None:
    same, where = compare(_w(a), _w(b))
    assert (same, where is not None) == (one, differ)


ATTACKED = "Rebels attacked an army post in Kessing on Monday, killing four soldiers. "


def test_one_remark_quoted_in_two_wordings_is_an_attribution_disagreement(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """Three outlets quote one speaker's remark; one leaves a word out. Each wording is a
    side, cited by the passages between the quotation marks."""
    sides = _sides(
        tmp_path, db_path, load_into, "attribution",
        ("Valley Post", "2024-03-05", ATTACKED + "\u201cThere is a risk that the rebels will "
         "be in a position to strike the capital by summer,\u201d General Jane Roe said."),
        ("River Times", "2024-03-05", ATTACKED + "Roe warned that the rebels \u201cwill be "
         "in position to strike the capital by summer.\u201d"),
        ("Hill Courier", "2024-03-05", ATTACKED + "General Roe said there was a \u201crisk "
         "that the rebels will be in a position to strike the capital by summer.\u201d"))
    assert sides == [
        ("\u201c\u2026be in a position to\u2026\u201d", "Hill Courier",
         "risk that the rebels will be in a position to strike the capital by summer."),
        ("\u201c\u2026be in a position to\u2026\u201d", "Valley Post", "There is a risk that "
         "the rebels will be in a position to strike the capital by summer,"),
        ("\u201c\u2026be in position to\u2026\u201d", "River Times",
         "will be in position to strike the capital by summer.")]


def test_one_remark_quoted_alike_or_two_remarks_are_no_disagreement(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """Quoted in full and in part, with other punctuation: one wording. Another speaker's
    like words, or the speaker's other remark, are compared with nothing."""
    assert _sides(
        tmp_path, db_path, load_into, "attribution",
        ("Valley Post", "2024-03-05", ATTACKED + "\u201cThe rebels will be in a position to "
         "strike the capital by summer,\u201d General Jane Roe said."),
        ("River Times", "2024-03-05", ATTACKED + "Roe said the rebels \u201cwill be in a "
         "position to strike the capital by summer.\u201d \u201cWe will not let the rebels "
         "strike the capital,\u201d she added."),
        ("Hill Courier", "2024-03-05", ATTACKED + "\u201cThe rebels will be in position to "
         "strike the capital by summer,\u201d the mayor, John Doe, said.")) == []


@pytest.mark.parametrize("low, high, size", [
    (5, 6, 5.5),      # narrow: its middle
    (17, 20, 18.5),
    (3, 10, 3),       # wide (bounds further than a fifth from the middle): its lower bound
    (200, 9400, 200),
])
def test_the_size_a_range_is_compared_by(low: float, high: float, size: float) -> None:
    assert _magnitude({"qualifier": "range", "value": low, "value_low": low,
                       "value_high": high}) == size


@pytest.mark.parametrize("text, claim, passages", [
    # a claim that opens inside a passage: its marks are paired from the paragraph's start
    ('"We lost the depot at dawn," General Jane Roe said, "and the rebels will strike."',
     "lost the depot at dawn,\" General Jane Roe said, \"and",
     ["We lost the depot at dawn,", "and the rebels will strike."]),
    # another speaker's passage after the claim is not the claim's
    ("Roe said the rebels \u201cwill strike the capital\u201d soon. \u201cNot yet,\u201d "
     "Doe said.", "Roe said the rebels \u201cwill strike", ["will strike the capital"]),
])
def test_the_passages_of_a_claim(text: str, claim: str, passages: list[str]) -> None:
    start = text.index(claim)
    found = quoted(text, start, start + len(claim))
    assert [text[s:e] for s, e in found] == passages


def test_a_remark_in_straight_quotation_marks_quoted_two_ways(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    """Straight marks, and a claim after another quotation of its paragraph: its passage is
    the words between its own marks."""
    assert _sides(
        tmp_path, db_path, load_into, "attribution",
        ("Valley Post", "2024-03-05", ATTACKED + '"We lost the depot at dawn," General '
         'Jane Roe said. She warned that the rebels "will be in a position to strike the '
         'capital by summer."'),
        ("River Times", "2024-03-05", ATTACKED + 'Roe said the rebels "will be in position '
         'to strike the capital by summer."')) == [
        ("\u201c\u2026be in a position to\u2026\u201d", "Valley Post",
         "will be in a position to strike the capital by summer."),
        ("\u201c\u2026be in position to\u2026\u201d", "River Times",
         "will be in position to strike the capital by summer.")]
