"""Reference dates from ranked evidence (factdb/ingest/pubdate.py), on invented texts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factdb.ingest import pubdate
from factdb.ingest.readers import read_source
from factdb.ingest.records import SourceDoc
from factdb.ingest.segment import segment


def doc(text: str, published: date | None = None) -> tuple[SourceDoc, list]:
    d = SourceDoc(source_uri="t.txt", source_format="txt", text=text, published=published)
    return d, segment(text)


def one(text: str, published: date | None = None) -> pubdate.Estimate:
    return pubdate.resolve_all([doc(text, published)])[0]


def test_metadata_first() -> None:
    e = one("Dam opens\nLIMA, March 5, 2021 (Wire) - The dam opened on Friday.", date(2021, 3, 6))
    assert (e.published_on, e.basis) == (date(2021, 3, 6), "metadata")


def test_dateline_and_timestamp() -> None:
    e = one("Dam opens\nLIMA, March 5, 2021 (Wire) - The dam opened on Friday.")
    assert (e.published_on, e.basis) == (date(2021, 3, 5), "dateline")
    e = one("Dam opens\nPublished: 6 March 2021 10:02 GMT\nThe dam opened on Friday.")
    assert (e.published_on, e.basis) == (date(2021, 3, 6), "dateline")


def test_a_year_less_dateline_takes_the_year_of_the_story_bounds() -> None:
    e = one("LIMA, March 5 (Wire) - The dam, begun on June 2, 2020, opened on Friday.")
    assert (e.published_on, e.basis, e.earliest) == (date(2021, 3, 5), "dateline",
                                                     date(2020, 6, 2))


def test_a_reporting_clause_with_a_date() -> None:
    e = one("The dam opened, the ministry reported on March 5, 2021. Farmers cheered.")
    assert (e.published_on, e.basis) == (date(2021, 3, 5), "text")


def test_story_bounds_when_nothing_else() -> None:
    e = one("The dam opened on March 5, 2021 after years of delay. It will close on "
            "April 30, 2021 for repairs.")
    # the future date is no bound: no article is published before its latest past event
    assert (e.published_on, e.basis, e.earliest) == (date(2021, 3, 5), "story",
                                                     date(2021, 3, 5))


def test_never_from_a_caption_or_furniture() -> None:
    text = ("Dam opens to traffic\n"
            "Workers walk on the dam in Huaraz, Peru January 9, 2019.\n"
            "The dam opened on Friday, officials said.\n"
            "Related: Dam costs doubled since June 3, 2018\n"
            "Copyright 2021 Andes Daily.")
    e = one(text)
    assert (e.published_on, e.basis) == (None, None)


def test_the_same_story_in_another_article() -> None:
    dated = doc("Kestrel Mining said on Tuesday that its Ardmore mine in Vellstad would "
                "close, ending 400 jobs at Ardmore. Kestrel blamed falling prices.",
                date(2022, 9, 14))
    copy = doc("Kestrel Mining will close the Ardmore mine in Vellstad, Kestrel said on "
               "Tuesday, cutting 400 jobs. Ardmore opened in 1987.")
    other = doc("Harbour pilots in Portmoor went on strike over pay on Monday.")
    got = pubdate.resolve_all([dated, copy, other])
    # the copy names the weekday of its news: Tuesday on or before the other's date
    assert (got[1].published_on, got[1].basis) == (date(2022, 9, 13), "corpus")
    assert (got[2].published_on, got[2].basis) == (None, None)


@pytest.mark.parametrize("value", ["unknown", "''", "null", "n/a", "N/A", "~"])
def test_unknown_front_matter_is_missing_with_a_warning(tmp_path: Path, value: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"---\noutlet: Andes Daily\npublished: {value}\n---\nThe dam opened.")
    (d,) = read_source(path, 10**6)
    assert d.published is None and d.outlet == "Andes Daily"
    assert d.problems and "published" in d.problems[0]


def test_another_story_on_the_same_subject_lends_no_date() -> None:
    # the same company and towns, but other news: the leads report other figures
    dated = doc("Kestrel Mining said on Wednesday that 35 workers were hurt in a fire at "
                "its Ardmore mine in Vellstad. Kestrel said 12 of them were in hospital.",
                date(2023, 5, 10))
    earlier = doc("Kestrel Mining will close the Ardmore mine in Vellstad, Kestrel said on "
                  "Tuesday, cutting 400 jobs. Ardmore opened in 1987 and employs 640.")
    copy = doc("Kestrel Mining is to shut its Ardmore mine in Vellstad with the loss of "
               "400 jobs, the company said on Tuesday.")
    got = pubdate.resolve_all([dated, earlier, copy])
    assert (got[1].published_on, got[1].basis) == (None, None)
    assert (got[2].published_on, got[2].basis) == (None, None)
    # figures written differently are the same figures: 24.9 percent and 25%
    one_ = doc("Rivera won 24.9 percent of the vote in Cordale on Sunday.")
    two_ = doc("In Cordale, Rivera took 25% of votes, the commission said.", date(2023, 3, 6))
    got = pubdate.resolve_all([one_, two_])
    assert (got[0].published_on, got[0].basis) == (date(2023, 3, 5), "corpus")
