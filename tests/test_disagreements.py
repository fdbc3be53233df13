"""Disagreements found on short invented stories: figures told as a range or dated in
passing, and one speaker's words quoted two ways."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from factdb.load import LoadReport

Stories = tuple[tuple[str, str, str], ...]


def _sides(tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport],
           kind: str, *stories: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    """Load (outlet, published, body) stories; the sides of the disagreements of a kind."""
    paths = []
    for n, (outlet, published, body) in enumerate(stories):
        path = tmp_path / f"s{n}.md"
        path.write_text(f"---\noutlet: {outlet}\npublished: {published}\n---\nRoe "
                        f"sentenced\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    load_into(*paths)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute("""
            SELECT s.position, s.outlet, s.quote FROM disagreements d
            JOIN disagreement_sides s USING (disagreement_id)
            WHERE d.kind = ? ORDER BY s.position, s.outlet""", [kind]).fetchall()
    finally:
        con.close()


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
