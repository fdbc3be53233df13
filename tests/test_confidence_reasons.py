"""Every fact's confidence comes with its reason (confidence_reason, migration 023): what
set it, in plain English, written by the extractor with the row and extended by a resolver
that changes what the row means. Invented texts, loaded by the whole pipeline."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import lxml.html
import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.settings import ApiSettings
from factdb import db, stages
from factdb.extract.provenance import provenance
from factdb.load import load
from factdb.resolve import answers
from factdb.settings import Settings
from tests.scoring.context import make_context

FACT_TABLES = ["entity_mentions", "entity_references", "dates", "counts", "claims",
               "event_mentions"]

#: no publication date anywhere: the reference date is inferred from the story itself
UNDATED = ("Harbour festival draws record crowd\n\n"
           "The harbour festival opened on 12 June 2021, the organisers said. Ticket sales "
           "closed yesterday after more than 900 visitors and 14 boats had registered.\n\n"
           "Tomasz Wieczorek, the festival's director, said the pier would stay open late.\n\n"
           "\"We have never seen queues like this,\" he said.\n")


def _load(tmp_path: Path, texts: dict[str, str]) -> duckdb.DuckDBPyConnection:
    """Load the texts with every extractor and resolver but the answer tables'."""
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    settings = Settings(db_path=str(tmp_path / "t.duckdb"))
    resolvers = [r for r in stages.resolvers(settings) if r is not answers.resolve]
    load([str(tmp_path / n) for n in texts], settings, resolvers=resolvers)
    return db.connect(tmp_path / "t.duckdb", read_only=True)


@pytest.fixture
def undated(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = _load(tmp_path, {"festival.txt": UNDATED})
    yield con
    con.close()


def test_a_date_resolved_against_an_inferred_reference_says_so(
        undated: duckdb.DuckDBPyConnection) -> None:
    assert undated.execute("SELECT published_on::VARCHAR, published_basis "
                           "FROM articles").fetchall() == [("2021-06-12", "story")]
    got = undated.execute("SELECT quote, confidence, confidence_reason FROM dates "
                          "ORDER BY char_start").fetchall()
    assert got == [
        ("12 June 2021", 0.95, "the date is written out"),
        ("yesterday", 0.72, "resolved against a reference date inferred from the story's "
                            "latest past event (2021-06-12), lowered"),
    ]


def test_a_pronoun_speakers_claim_names_who_it_was_linked_to(
        undated: duckdb.DuckDBPyConnection) -> None:
    got = undated.execute("SELECT speaker, confidence_reason FROM claims "
                          "ORDER BY char_start").fetchall()
    assert got == [
        ("the organisers", "a speaker with a reporting verb; content is the clause the "
                           "attribution introduces"),
        ("Tomasz Wieczorek, the festival's director",
         "a speaker with a reporting verb; content is the clause the attribution introduces"),
        ("he", "a speaker with a reporting verb; content is a quotation beside the "
               "attribution; speaker is a pronoun, linked to Tomasz Wieczorek, the earlier "
               "speaker it continues"),
    ]


def test_entity_reasons_say_what_gave_the_type(undated: duckdb.DuckDBPyConnection) -> None:
    assert undated.execute("SELECT quote, confidence, confidence_reason FROM entity_mentions "
                           "ORDER BY char_start").fetchall() == [
        ("Tomasz Wieczorek", 0.7, "PERSON by the rule 'appositive' (the words around the name)"),
    ]
    assert undated.execute("SELECT quote, confidence_reason FROM entity_references").fetchall() \
        == [("he", "a pronoun, linked to the last person named before it ('Tomasz Wieczorek')")]


def test_a_reload_does_not_repeat_the_pronoun_reason(tmp_path: Path) -> None:
    (tmp_path / "festival.txt").write_text(UNDATED, encoding="utf-8")
    settings = Settings(db_path=str(tmp_path / "t.duckdb"))
    resolvers = [r for r in stages.resolvers(settings) if r is not answers.resolve]
    other = tmp_path / "other.txt"
    other.write_text("Rain closed the mountain pass on Tuesday, police said.\n",
                     encoding="utf-8")
    load([str(tmp_path / "festival.txt")], settings, resolvers=resolvers)
    load([str(other)], settings, resolvers=resolvers)      # the claims resolver runs again
    con = db.connect(tmp_path / "t.duckdb", read_only=True)
    (reason,) = con.execute("SELECT confidence_reason FROM claims WHERE speaker = 'he'"
                            ).fetchone() or (None,)
    con.close()
    assert reason is not None and reason.count("speaker is a pronoun") == 1


def test_a_counts_reason_names_the_units_basis(tmp_path: Path) -> None:
    con = _load(tmp_path, {"orchard.txt": (
        "Volunteers planted 40 apple trees along the canal since March 2020, the council "
        "said.\n\nThe storm destroyed 30 sheds in the north and 12 in the south.\n\n"
        "At least 4 dead after the river burst its banks.\n")})
    got = con.execute("SELECT quote, unit, confidence, confidence_reason FROM counts "
                      "ORDER BY char_start").fetchall()
    con.close()
    assert got == [
        ("40 apple trees", "apple tree", 0.9,
         "unit from the counted noun 'apple trees'; window from 'since March 2020'"),
        ("30 sheds", "shed", 0.9, "unit from the counted noun 'sheds'"),
        ("12", "shed", 0.75, "unit left out after the number; taken from the same sentence"),
        ("At least 4", "person", 0.7, "unit is the one the word after the number implies"),
    ]


def test_provenance_refuses_a_confidence_without_a_reason() -> None:
    ctx = make_context("The ferry carried 80 passengers.\n")
    with pytest.raises(ValueError, match="needs its reason"):
        provenance(ctx, 18, 32, "test", 0.9, "  ")


def test_every_fact_row_of_the_seeds_has_a_reason(seeds_con: duckdb.DuckDBPyConnection
                                                  ) -> None:
    for table in FACT_TABLES:
        total, missing = seeds_con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE confidence_reason IS NULL "
            f"OR trim(confidence_reason) = '') FROM {table}").fetchone() or (0, 0)
        assert (table, missing) == (table, 0)
        assert total > 0 or table == "entity_references", table


def test_api_and_pages_show_the_reason(seeds_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "seeds.duckdb"
    copy.write_bytes(seeds_db.read_bytes())
    con = db.connect(copy, read_only=True)
    count_id, reason, article_id = con.execute(
        "SELECT count_id, confidence_reason, article_id FROM counts ORDER BY count_id "
        "LIMIT 1").fetchone() or (None, None, None)
    (event_id,) = con.execute(
        "SELECT m.event_id FROM event_mentions m JOIN claims c USING (sentence_id) "
        "JOIN counts n USING (sentence_id) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
    ).fetchone() or (None,)
    con.close()
    with TestClient(create_app(ApiSettings(db_path=str(copy), sql_workers=0,
                                           cache_bytes=0))) as client:
        r = client.get(f"/v1/counts/{count_id}")
        assert r.status_code == 200
        assert r.json()["confidence_reason"] == reason
        page = client.get(f"/pages/articles/{article_id}")
        assert page.status_code == 200
        event = client.get(f"/pages/events/{event_id}")
        assert event.status_code == 200
    # the event page: each claim and each reported count with its confidence and reason
    doc = lxml.html.fromstring(event.text)
    claims = doc.xpath("//section[@id='claims']//li[@class='claim']")
    assert claims and all(c.xpath("p[@class='reason']") for c in claims)
    lines = [" ".join(p.text_content().split()) for p in
             doc.xpath("//section[@id='reported-counts']//p[@class='reason']")]
    assert lines and all(re.fullmatch(r"Confidence \d\.\d\d: unit .+", x) for x in lines), lines
    cells = lxml.html.fromstring(page.text).xpath("//table[contains(@class, 'facts-table')]"
                                                  "//td[@class='confidence']")
    shown = {c.get("title") for c in cells}
    assert reason in shown and None not in shown      # every fact of the page has its reason
    assert [c.xpath("string(span[@class='reason'])") for c in cells] == \
        [c.get("title") for c in cells]
