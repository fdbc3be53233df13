"""Sentence search: GET /v1/search (DuckDB, factdb's own word matching) and the search
table of the SQLite copy (FTS5) with its canned query, on the hand-written fixture corpus
of the query tests (ceasefire talks, an earthquake, an election, a rate decision, a cup
final)."""

from __future__ import annotations

import asyncio
import html
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from api.controllers.search import snippet, words_of
from factdb import db
from factdb.publish.datasette import datasette
from factdb.publish.sqlite_functions import fts_words
from tests.test_api import make_client
from tests.test_datasette import publish_fixture_corpus


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(DuckDB fixture database, its publish directory)."""
    directory = tmp_path_factory.mktemp("search")
    return publish_fixture_corpus(directory), directory / "publish"


@pytest.fixture(scope="module")
def duck_sentences(published: tuple[Path, Path]) -> dict[str, Any]:
    """Read from DuckDB before the API opens it: the article texts and every sentence with
    its article, outlet, date, role and text."""
    duck = db.connect(published[0], read_only=True)
    try:
        return {"texts": dict(duck.execute("SELECT article_id, text FROM articles").fetchall()),
                "rows": duck.execute(
                    "SELECT s.sentence_id, s.article_id, a.outlet, "
                    "CAST(a.published_on AS VARCHAR), s.role, "
                    "substr(a.text, s.char_start + 1, s.char_end - s.char_start) "
                    "FROM sentences AS s JOIN articles AS a USING (article_id) "
                    "ORDER BY s.sentence_id").fetchall()}
    finally:
        duck.close()


@pytest.fixture(scope="module")
def client(published: tuple[Path, Path],
           duck_sentences: dict[str, Any]) -> Iterator[TestClient[Litestar]]:
    with make_client(published[0]) as c:
        yield c


def search(client: TestClient[Litestar], **params: Any) -> dict[str, Any]:
    response = client.get("/v1/search", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def ids(body: dict[str, Any]) -> list[str]:
    return [i["sentence_id"] for i in body["items"]]


@pytest.mark.parametrize("params, expected", [
    # a whole word, any case: "attack" is not "attacks"
    ({"q": "attack"}, ["a04:3", "a05:0"]),
    ({"q": "ATTACK"}, ["a04:3", "a05:0"]),
    # every word must be there; equal scores: the newest article first
    ({"q": "EARTHQUAKE varna"}, ["a07:0", "a07:1", "a06:0", "a06:1"]),
    ({"q": "attacks since"}, ["a04:2", "a02:2", "a01:4", "a03:2"]),
    # a prefix
    ({"q": "attack*", "limit": 50}, ["a04:2", "a04:3", "a02:1", "a02:2", "a01:3", "a01:4",
                                     "a03:0", "a03:1", "a03:2", "a03:3", "a05:0", "a05:1"]),
    # filters
    ({"q": "attacks", "outlet": "Valley Herald"}, ["a04:2", "a01:3", "a01:4"]),
    ({"q": "attacks", "role": "headline"}, ["a03:0"]),
    ({"q": "attacks", "entity": "Harwick"}, ["a02:1"]),
    ({"q": "attacks", "published_from": "2023-03-21"}, ["a04:2", "a02:1", "a02:2"]),
    ({"q": "attacks", "published_to": "2023-03-15"}, ["a05:1"]),
    ({"q": "attacks", "article_id": "a03"}, ["a03:0", "a03:1", "a03:2", "a03:3"]),
    ({"q": "nowhere-to-be-found"}, []),
])
def test_search_finds_the_sentences_with_every_word(client: TestClient[Litestar],
                                                    params: dict[str, Any],
                                                    expected: list[str]) -> None:
    body = search(client, **params)
    assert ids(body) == expected
    assert body["total"] == len(expected)


def test_a_hit_is_the_sentence_with_its_place_and_marks(
        client: TestClient[Litestar], duck_sentences: dict[str, Any]) -> None:
    texts = duck_sentences["texts"]
    body = search(client, q="attacks since")
    assert body["words"] == ["attacks", "since"]
    first = body["items"][0]
    assert {k: first[k] for k in ("sentence_id", "article_id", "outlet", "published_on", "role",
                                  "char_start", "char_end", "score")} == {
        "sentence_id": "a04:2", "article_id": "a04", "outlet": "Valley Herald",
        "published_on": "2023-03-22", "role": "body",
        "char_start": first["char_start"], "char_end": first["char_end"], "score": 2}
    assert first["sentence"] == "There have been no attacks since March 12, the town council said."
    assert first["matches"] == [[19, 26], [27, 32]]
    assert first["snippet"] == ("There have been no <mark>attacks</mark> <mark>since</mark> "
                                "March 12, the town council said.")
    assert first["article_view"] == (f"/pages/articles/a04?at={first['char_start']}-"
                                     f"{first['char_end']}#c{first['char_start']}-"
                                     f"{first['char_end']}")
    for item in body["items"]:
        text = texts[item["article_id"]]
        assert text[item["char_start"]:item["char_end"]] == item["sentence"]
        for s, e in item["matches"]:
            assert item["sentence"][s:e].lower() in body["words"]


def test_snippets_escape_the_text(client: TestClient[Litestar]) -> None:
    body = search(client, q="sleep")
    assert ids(body) == ["a01:5"]
    assert body["items"][0]["snippet"] == ("&quot;We can <mark>sleep</mark> again,&quot; said "
                                           "Tomas Varga, the mayor of Harwick.")
    long = "word " * 100 + "needle " + "word " * 100
    cut = snippet(long, [[500, 506]])
    assert cut.startswith("…") and cut.endswith("…") and "<mark>needle</mark>" in cut
    assert len(html.unescape(re.sub("</?mark>", "", cut))) == 240 + 2


def test_search_facets(client: TestClient[Litestar]) -> None:
    body = search(client, q="attack*", limit=1)
    assert body["facets"] == {
        "outlet": [{"value": "Frontier Wire", "count": 6}, {"value": "Valley Herald", "count": 4},
                   {"value": "Capital Post", "count": 2}],
        "published_on": [{"value": "2023-03-18", "count": 4},
                         {"value": "2023-03-15", "count": 2},
                         {"value": "2023-03-20", "count": 2},
                         {"value": "2023-03-21", "count": 2},
                         {"value": "2023-03-22", "count": 2}],
        "role": [{"value": "body", "count": 10}, {"value": "headline", "count": 2}],
        "entity": [{"value": "Harwick", "count": 1}, {"value": "Lisvane", "count": 1}],
    }


def test_search_pages(client: TestClient[Litestar]) -> None:
    whole = ids(search(client, q="attack*", limit=50))
    seen, after, pages = [], None, 0
    while True:
        params: dict[str, Any] = {"q": "attack*", "limit": 5}
        if after is not None:
            params["after"] = after
        body = search(client, **params)
        assert body["total"] == 12
        seen += ids(body)
        pages += 1
        after = body["next_cursor"]
        if after is None:
            break
    assert (seen, pages) == (whole, 3)


@pytest.mark.parametrize("params, detail", [
    ({"q": "a" * 201}, "length <= 200"),
    ({"q": "!! ??"}, "q has no word to search for"),
    ({"q": " ".join(f"w{i}" for i in range(13))}, "more than 12 words"),
    ({"q": "attacks", "after": "x"}, "after must be a cursor"),
    ({"q": "attacks", "limit": 101}, "limit"),
    ({}, "q"),
])
def test_bad_searches_are_refused(client: TestClient[Litestar], params: dict[str, Any],
                                  detail: str) -> None:
    response = client.get("/v1/search", params=params)
    assert response.status_code == 400
    assert detail in response.json()["detail"]


def test_words_of_a_query() -> None:
    assert words_of("Attack* on the  TOWN's hall, the town") == ["attack*", "on", "the",
                                                                 "town's", "hall", "town"]


# --- the SQLite copy ----------------------------------------------------------------------


def test_the_copy_has_every_sentence_searchable(published: tuple[Path, Path],
                                                duck_sentences: dict[str, Any]) -> None:
    expected = duck_sentences["rows"]
    lite = sqlite3.connect(published[1] / "factdb.db")
    try:
        got = lite.execute("SELECT sentence_id, article_id, outlet, published_on, role, text "
                           "FROM search_sentences ORDER BY sentence_id").fetchall()
        found = [r[0] for r in lite.execute(
            "SELECT s.sentence_id FROM search_sentences_fts AS f JOIN search_sentences AS s "
            "ON s.rowid = f.rowid WHERE search_sentences_fts MATCH 'earthquake varna' "
            "ORDER BY s.sentence_id")]
        entities = lite.execute("SELECT entities FROM search_sentences "
                                "WHERE sentence_id = 'a02:1'").fetchone()
    finally:
        lite.close()
    assert got == expected
    assert found == ["a06:0", "a06:1", "a07:0", "a07:1"]
    assert entities == ('["Harwick"]',)


def test_datasette_searches_sentences_with_facets_and_snippets(
        published: tuple[Path, Path]) -> None:
    ds = datasette(published[1])

    async def fetch() -> tuple[Any, str, Any]:
        table = await ds.client.get(
            "/factdb/search_sentences.json?_search=attacks&_shape=objects&_facet=outlet"
            "&_facet=role&_facet_array=entities&_sort=sentence_id")
        page = await ds.client.get("/factdb/search?q=attacks+since&outlet=&role=")
        rows = await ds.client.get("/factdb/search.json?q=Attacks%20since&outlet=Capital+Post"
                                   "&role=&_shape=array")
        return table.json(), page.text, rows.json()

    table, page, rows = asyncio.run(fetch())
    assert table["filtered_table_rows_count"] == 10
    facets = {name: {r["value"]: r["count"] for r in f["results"]}
              for name, f in table["facet_results"].items()}
    assert facets["outlet"] == {"Frontier Wire": 5, "Valley Herald": 3, "Capital Post": 2}
    assert facets["role"] == {"body": 9, "headline": 1}
    assert facets["entities"] == {"Harwick": 1, "Lisvane": 1}
    # the canned query: snippets with the words between \x02 and \x03, shown as <mark>
    assert [(r["sentence_id"], r["snippet"]) for r in rows] == [
        ("a02:2", "No \x02attacks\x03 have been recorded \x02since\x03 March 12.")]
    assert ('<span class="factdb-snippet">No <mark>attacks</mark> have been recorded '
            '<mark>since</mark> March 12.</span>') in page


@pytest.mark.parametrize("text, query", [
    ("attacks", '"attacks"'),
    ('say "no" OR NEAR(x', '"say" """no""" "OR" "NEAR(x"'),
    ("  ", '""'),
    (None, '""'),
])
def test_fts_words_quotes_every_word(text: str | None, query: str) -> None:
    assert fts_words(text) == query
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    con.execute("SELECT count(*) FROM t WHERE t MATCH ?", [query]).fetchone()  # no syntax error
