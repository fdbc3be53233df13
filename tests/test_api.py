"""The JSON API, in process (litestar.testing.TestClient) over the query fixture database."""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from litestar import Litestar, get
from litestar.testing import TestClient

from api.app import create_app
from api.cache import LruStore
from api.settings import ApiSettings
from factdb import db
from factdb.queries import registry
from tests.test_queries import FIXTURES, build_fixture_db, expected_cases

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}
#: list endpoint -> (id field, table, id column)
LISTS = {
    "/v1/articles": ("article_id", "articles"),
    "/v1/entities": ("entity_id", "entities"),
    "/v1/events": ("event_id", "events"),
    "/v1/counts": ("count_id", "counts"),
    "/v1/dates": ("date_id", "dates"),
    "/v1/claims": ("claim_id", "claims"),
}


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("api") / "fixture.duckdb")


@pytest.fixture(scope="module")
def texts(fixture_db: Path) -> dict[str, str]:
    con = db.connect(fixture_db, read_only=True)
    try:
        return dict(con.execute("SELECT article_id, text FROM articles").fetchall())
    finally:
        con.close()


@pytest.fixture(scope="module")
def table_ids(fixture_db: Path) -> dict[str, list[str]]:
    con = db.connect(fixture_db, read_only=True)
    try:
        return {table: [r[0] for r in con.execute(
            f"SELECT {key} FROM {table} ORDER BY {key}").fetchall()]
            for key, table in LISTS.values()}
    finally:
        con.close()


def make_client(fixture_db: Path, **overrides: Any) -> TestClient[Litestar]:
    settings = ApiSettings(db_path=str(fixture_db), **overrides)
    return TestClient(create_app(settings))


@pytest.fixture(scope="module")
def client(fixture_db: Path, table_ids: dict[str, list[str]],
           texts: dict[str, str]) -> Iterator[TestClient[Litestar]]:
    # table_ids and texts read the file first: DuckDB allows one read-only instance per file
    with make_client(fixture_db, sql_rate_limit_per_minute=0) as c:
        yield c


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert PROBLEM_KEYS <= set(body)
    assert body["status"] == status
    return body


def assert_citations_exact(items: list[dict[str, Any]], texts: dict[str, str]) -> None:
    for item in items:
        assert item["citations"], item
        for c in item["citations"]:
            text = texts[c["article_id"]]
            assert text[c["char_start"]:c["char_end"]] == c["quote"]
            # the readable form: the sentence, the quote's place in it, the article view
            assert c["sentence"] == text[c["sentence_start"]:c["sentence_start"]
                                         + len(c["sentence"])]
            assert c["sentence"][c["mark_start"]:c["mark_end"]] == c["quote"]
            assert c["article_view"].startswith(f"/pages/articles/{c['article_id']}?at=")


# --- service routes -----------------------------------------------------------------------

def test_health(client: TestClient[Litestar], fixture_db: Path) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["db_path"] == fixture_db.name  # the file name, never the absolute path
    assert body["article_count"] == 11
    assert body["schema_version"] == max(v for v, _, _ in db.migrations())


# --- lists, pagination, filters -----------------------------------------------------------

@pytest.mark.parametrize("path", sorted(LISTS))
def test_list_returns_every_row_in_id_order(path: str, client: TestClient[Litestar],
                                            table_ids: dict[str, list[str]]) -> None:
    key, table = LISTS[path]
    body = client.get(path, params={"limit": 500}).json()
    assert [i[key] for i in body["items"]] == table_ids[table]
    assert body["next_cursor"] is None


@pytest.mark.parametrize("path", sorted(LISTS))
@pytest.mark.parametrize("limit", [1, 2, 5])
def test_keyset_pages_have_no_duplicates_and_no_gaps(
        path: str, limit: int, client: TestClient[Litestar],
        table_ids: dict[str, list[str]]) -> None:
    key, table = LISTS[path]
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(100):
        params: dict[str, Any] = {"limit": limit}
        if cursor is not None:
            params["after"] = cursor
        body = client.get(path, params=params).json()
        assert len(body["items"]) <= limit
        seen += [i[key] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
        assert cursor == seen[-1]
    assert seen == table_ids[table]


def test_sentence_pages_follow_seq(client: TestClient[Litestar], texts: dict[str, str]) -> None:
    seqs: list[int] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"after": cursor} if cursor else {})}
        body = client.get("/v1/articles/a01/sentences", params=params).json()
        for s in body["items"]:
            assert texts["a01"][s["char_start"]:s["char_end"]] == s["text"]
        seqs += [s["seq"] for s in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seqs == [0, 1, 2, 3, 4, 5]
    heads = client.get("/v1/articles/a01/sentences", params={"role": "headline"}).json()
    assert [(s["seq"], s["text"]) for s in heads["items"]] == [
        (0, "Shelling stops after mediator visit")]


@pytest.mark.parametrize(("path", "params", "expected"), [
    ("/v1/counts", {"unit": "ATTACK", "event_id": "ev-mediation"},
     ["c-a01-1", "c-a01-2", "c-a02-1", "c-a02-2", "c-a03-1", "c-a03-3", "c-a04-1", "c-a04-2"]),
    ("/v1/counts", {"outlet": "Capital Post"},
     ["c-a02-1", "c-a02-2", "c-a06-1", "c-a06-2", "c-a08-1"]),
    ("/v1/counts", {"qualifier": "more_than"}, ["c-a03-1", "c-a06-2"]),
    ("/v1/counts", {"event_type": "killing", "article_id": "a07"}, ["c-a07-1"]),
    ("/v1/counts", {"q": "SEATS"}, ["c-a08-1", "c-a09-1"]),
    ("/v1/dates", {"value_from": "2023-03-11", "value_to": "2023-03-31"},
     ["d-a01-2", "d-a02-2", "d-a04-1", "d-a04-2"]),
    ("/v1/dates", {"granularity": "range"}, ["d-a05-1"]),
    ("/v1/dates", {"basis": "relative", "outlet": "Valley Herald"}, ["d-a04-1", "d-a07-2"]),
    ("/v1/claims", {"is_direct_quote": "true"}, ["cl-a01-1", "cl-a02-2", "cl-a08-1"]),
    ("/v1/claims", {"speaker_entity_id": "e-oyelaran"}, ["cl-a08-1", "cl-a09-1"]),
    ("/v1/claims", {"speaker": "monitor"}, ["cl-a03-1"]),
    ("/v1/claims", {"claim_group_id": "g-clean", "outlet": "Frontier Wire"}, ["cl-a09-1"]),
    ("/v1/entities", {"entity_type": "PERSON", "q": "OR"},  # "Governor ...", "Sorensen"
     ["e-rautio", "e-sorensen"]),
    ("/v1/entities", {"article_id": "a11"}, ["e-city", "e-doherty", "e-rovers"]),
    ("/v1/events", {"event_type": "VISIT"}, ["ev-dam", "ev-mediation"]),
    ("/v1/events", {"article_id": "a06"}, ["ev-dam", "ev-quake"]),
    ("/v1/events", {"date_from": "2023-01-01", "date_to": "2023-12-31"},
     ["ev-mediation", "ev-rates"]),
    ("/v1/events", {"q": "election"}, ["ev-election"]),
    ("/v1/articles", {"outlet": "Valley Herald"}, ["a01", "a04", "a07"]),
    ("/v1/articles", {"q": "earthquake"}, ["a06", "a07"]),
    ("/v1/articles", {"published_from": "2024-01-01"}, ["a08", "a09", "a11"]),
])
def test_list_filters(path: str, params: dict[str, str], expected: list[str],
                      client: TestClient[Litestar]) -> None:
    key = LISTS[path][0]
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    assert [i[key] for i in r.json()["items"]] == expected


@pytest.mark.parametrize("path", ["/v1/entities", "/v1/events", "/v1/counts", "/v1/dates",
                                  "/v1/claims"])
def test_every_listed_fact_carries_exact_citations(path: str, client: TestClient[Litestar],
                                                   texts: dict[str, str]) -> None:
    items = client.get(path, params={"limit": 500}).json()["items"]
    assert items
    assert_citations_exact(items, texts)


# --- by id --------------------------------------------------------------------------------

def test_count_by_id(client: TestClient[Litestar]) -> None:
    body = client.get("/v1/counts/c-a02-1").json()
    expected = {
        "count_id": "c-a02-1", "value": 14.0, "value_low": None, "value_high": None,
        "qualifier": "at_least", "unit": "attack", "event_type": "attack",
        "window_start": "2023-03-03", "window_end": "2023-03-10",
        "anchor_event_id": "ev-mediation", "article_id": "a02", "sentence_id": "a02:1",
        "char_start": 51, "char_end": 70, "quote": "at least 14 attacks",
        "extractor": "fixture", "confidence": 1.0, "run_id": "run-fixture",
        "citations": [{"article_id": "a02", "outlet": "Capital Post",
                       "url": "https://capitalpost.example/world/harwick-quiet",
                       "published_on": "2023-03-21",
                       "quote": "at least 14 attacks", "char_start": 51, "char_end": 70,
                       "sentence": "The militia carried out at least 14 attacks on Harwick in "
                                   "the week before the mediator's visit on March 10, monitors "
                                   "said.",
                       "sentence_start": 27, "mark_start": 24, "mark_end": 43,
                       "article_view": "/pages/articles/a02?at=51-70#c51-70"}],
    }
    assert {k: body[k] for k in expected} == expected


@pytest.mark.parametrize("path", ["/v1/counts", "/v1/dates", "/v1/claims"])
def test_a_fact_by_id_has_the_citation_of_the_list(path: str,
                                                   client: TestClient[Litestar]) -> None:
    """The citation of one row (a point read through the sentences' index on their
    article, migration 032) is the one the list gives it (a join of every listed row)."""
    key = {"/v1/counts": "count_id", "/v1/dates": "date_id", "/v1/claims": "claim_id"}[path]
    items = client.get(path, params={"limit": 500}).json()["items"]
    assert items
    for item in items:
        assert client.get(f"{path}/{item[key]}").json()["citations"] == item["citations"]


def test_claim_and_date_by_id(client: TestClient[Litestar]) -> None:
    claim = client.get("/v1/claims/cl-a11-1").json()
    assert (claim["speaker"], claim["is_direct_quote"], claim["claim_group_id"],
            claim["citations"]) == ("Liam Doherty", False, None, [
                {"article_id": "a11", "outlet": None, "url": None,
                 "published_on": "2024-02-11",
                 "quote": "Liam Doherty said the team had earned it", "char_start": 139,
                 "char_end": 179,
                 "sentence": "Rovers captain Liam Doherty said the team had earned it.",
                 "sentence_start": 124, "mark_start": 15, "mark_end": 55,
                 "article_view": "/pages/articles/a11?at=139-179#c139-179"}])
    assert claim["content"] == "the team had earned it"
    date = client.get("/v1/dates/d-a05-1").json()
    assert (date["value_start"], date["value_end"], date["granularity"], date["quote"]) == (
        "2023-03-03", "2023-03-10", "range", "between March 3 and March 10")


def test_entity_and_event_by_id(client: TestClient[Litestar], texts: dict[str, str]) -> None:
    entity = client.get("/v1/entities/e-harwick").json()
    assert (entity["name"], entity["mention_count"], entity["article_count"]) == (
        "Harwick", 4, 3)
    assert [(c["article_id"], c["char_start"]) for c in entity["citations"]] == [
        ("a01", 103), ("a01", 439), ("a02", 74), ("a04", 35)]
    event = client.get("/v1/events/ev-mediation").json()
    assert (event["label"], event["location"], event["date_start"]) == (
        "mediator visit to Lisvane", "Lisvane", "2023-03-10")
    assert [c["quote"] for c in event["citations"]] == [
        "a United Nations mediator visited Lisvane on March 10", "the visit",
        "the mediator's visit on March 10", "the mediator visit"]
    assert_citations_exact([entity, event], texts)


def test_article_by_id_has_text_and_fact_counts(client: TestClient[Litestar],
                                                texts: dict[str, str]) -> None:
    body = client.get("/v1/articles/a03").json()
    assert body["text"] == texts["a03"]
    assert body["fact_counts"] == {"entity_mentions": 1, "dates": 1, "counts": 4, "claims": 1,
                                   "event_mentions": 1}
    listed = client.get("/v1/articles", params={"limit": 1}).json()["items"][0]
    assert "text" not in listed


@pytest.mark.parametrize("path", [
    "/v1/articles/nope", "/v1/articles/nope/sentences", "/v1/entities/nope", "/v1/events/nope",
    "/v1/counts/nope", "/v1/dates/nope", "/v1/claims/nope", "/v1/queries/nope", "/v2/counts",
])
def test_not_found_is_a_problem(path: str, client: TestClient[Litestar]) -> None:
    body = assert_problem(client.get(path), 404)
    assert body["instance"] == path


# --- bad requests -------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "params", "detail"), [
    ("/v1/counts", {"limit": "0"}, "limit"),
    ("/v1/counts", {"limit": "501"}, "limit"),
    ("/v1/counts", {"limit": "many"}, "limit"),
    ("/v1/dates", {"value_from": "yesterday"}, "value_from"),
    ("/v1/claims", {"is_direct_quote": "perhaps"}, "is_direct_quote"),
    ("/v1/articles/a01/sentences", {"after": "x"}, "after"),
    ("/v1/queries/counts_around_event", {"event": "visit"}, "unit"),
    ("/v1/queries/counts_around_event", {"event": "visit", "unit": "attack", "when": "x"},
     "no parameter(s) ['when']"),
    ("/v1/queries/event_timeline", {"from": "2024-02-30"}, "date field value out of range"),
    ("/v1/queries/fact_citations", {"kind": "rumour", "id": "x"}, "kind must be one of"),
])
def test_bad_parameters_are_400_problems(path: str, params: dict[str, str], detail: str,
                                         client: TestClient[Litestar]) -> None:
    body = assert_problem(client.get(path, params=params), 400)
    assert detail in body["detail"]


def test_wrong_method_is_a_405_problem(client: TestClient[Litestar]) -> None:
    assert_problem(client.delete("/v1/counts"), 405)
    assert_problem(client.get("/v1/sql"), 405)


def test_unexpected_error_is_a_500_problem(fixture_db: Path) -> None:
    @get("/v1/boom", sync_to_thread=False)
    def boom() -> None:
        raise RuntimeError("kaput")

    with make_client(fixture_db) as c:
        c.app.register(boom)
        body = assert_problem(c.get("/v1/boom"), 500)
    assert "kaput" not in json.dumps(body)


# --- named queries ------------------------------------------------------------------------

def test_query_registry_lists_every_query_with_params(client: TestClient[Litestar]) -> None:
    body = client.get("/v1/queries").json()
    assert [q["name"] for q in body] == sorted(registry())
    by_name = {q["name"]: q for q in body}
    assert by_name["counts_around_event"]["params"] == [
        {"name": p.name, "description": p.description, "required": True, "default": None}
        for p in registry()["counts_around_event"].params]
    assert by_name["event_timeline"]["path"] == "/v1/queries/event_timeline"
    assert [(p["name"], p["required"], p["default"])
            for p in by_name["corroboration"]["params"]] == [
        ("kind", False, ""), ("min_articles", False, "2"), ("limit", False, "20"),
        ("offset", False, "0")]


@pytest.mark.parametrize("name", sorted(registry()))
def test_query_route_gives_the_expected_rows(name: str, client: TestClient[Litestar]) -> None:
    for case in expected_cases(name):
        r = client.get(f"/v1/queries/{name}", params=case["params"])
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["rows"] == case["rows"], case["params"]
        assert body["truncated"] is False
        declared = registry()[name].bind(case["params"])
        assert body["params"] == declared


def test_query_rows_are_cut_at_the_limit(fixture_db: Path) -> None:
    with make_client(fixture_db, query_max_rows=2) as c:
        body = c.get("/v1/queries/event_timeline").json()
    assert (len(body["rows"]), body["truncated"]) == (2, True)
    assert [r["event_id"] for r in body["rows"]] == ["ev-quake", "ev-dam"]


# --- POST /v1/sql -------------------------------------------------------------------------

def test_sql_runs_a_select(client: TestClient[Litestar]) -> None:
    r = client.post("/v1/sql", json={
        "sql": "SELECT unit, count(*) AS n FROM counts GROUP BY unit ORDER BY n DESC, unit "
               "LIMIT 2"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["columns"], body["rows"], body["truncated"]) == (
        ["unit", "n"], [["attack", 10], ["person", 2]], False)
    assert body["sql_executed"].upper().startswith("SELECT")


def test_sql_in_sqlite_dialect(client: TestClient[Litestar]) -> None:
    r = client.post("/v1/sql", json={
        "sql": "SELECT article_id, substr(title, 1, 8) AS t FROM articles "
               "WHERE outlet IS NULL", "dialect": "sqlite"})
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [["a11", "Rovers b"]]


def test_sql_rows_are_capped(fixture_db: Path) -> None:
    with make_client(fixture_db, sql_max_rows=3) as c:
        body = c.post("/v1/sql", json={"sql": "SELECT count_id FROM counts ORDER BY 1"}).json()
    assert (body["rows"], body["truncated"]) == ([["c-a01-1"], ["c-a01-2"], ["c-a02-1"]], True)


@pytest.mark.parametrize("body", [
    {"sql": "DROP TABLE counts"},
    {"sql": "SELECT * FROM read_csv('/etc/passwd')"},
    {"sql": "SELECT 1; SELECT 2"},
])
def test_sql_refusals_are_400_problems(body: dict[str, str],
                                       client: TestClient[Litestar]) -> None:
    problem = assert_problem(client.post("/v1/sql", json=body), 400)
    assert problem["type"].startswith("urn:factdb:problem:sql:")


def test_sql_body_validation(client: TestClient[Litestar]) -> None:
    assert_problem(client.post("/v1/sql", json={"sql": "SELECT 1", "dialect": "oracle"}), 400)
    assert_problem(client.post("/v1/sql", json={"query": "SELECT 1"}), 400)


def test_sql_body_too_large_is_413(fixture_db: Path) -> None:
    with make_client(fixture_db, max_body_bytes=256) as c:
        assert_problem(c.post("/v1/sql", json={"sql": "SELECT 1 -- " + "x" * 400}), 413)


def test_sql_timeout_is_408(fixture_db: Path) -> None:
    with make_client(fixture_db, sql_timeout_s=0.05) as c:
        # six-way self-join of ~60 sentences on their role: billions of rows to count
        joins = " ".join(f"JOIN sentences {b} ON {a}.role = {b}.role"
                         for a, b in zip("abcde", "bcdef", strict=True))
        r = c.post("/v1/sql", json={"sql": f"SELECT count(*) FROM sentences a {joins}"})
    body = assert_problem(r, 408)
    assert body["type"] == "urn:factdb:problem:sql:timeout"


def test_sql_rate_limit_is_a_429_problem(fixture_db: Path) -> None:
    with make_client(fixture_db, sql_rate_limit_per_minute=2) as c:
        codes = [c.post("/v1/sql", json={"sql": "SELECT 1"}).status_code for _ in range(2)]
        assert codes == [200, 200]
        limited = c.post("/v1/sql", json={"sql": "SELECT 1"})
        assert_problem(limited, 429)
        assert int(limited.headers["ratelimit-reset"]) > 0
        assert c.get("/v1/counts", params={"limit": 1}).status_code == 200


# --- Parquet downloads and Datasette -------------------------------------------------------

def test_table_parquet_download(client: TestClient[Litestar],
                                table_ids: dict[str, list[str]]) -> None:
    r = client.get("/v1/export/counts.parquet")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/vnd.apache.parquet"
    assert 'filename="counts.parquet"' in r.headers["content-disposition"]
    table = pq.read_table(io.BytesIO(r.content))
    assert sorted(table.column("count_id").to_pylist()) == table_ids["counts"]
    assert_problem(client.get("/v1/export/no_table.parquet"), 404)
    assert_problem(client.get("/v1/export/counts.csv"), 404)


def test_query_parquet_download_has_the_json_rows(client: TestClient[Litestar]) -> None:
    params = {"event": "visit", "unit": "attack"}
    r = client.get("/v1/queries/counts_around_event.parquet", params=params)
    assert r.status_code == 200, r.text
    rows = json.loads(json.dumps(pq.read_table(io.BytesIO(r.content)).to_pylist(),
                                 default=str))
    expected = client.get("/v1/queries/counts_around_event", params=params).json()["rows"]
    assert rows == expected
    assert_problem(client.get("/v1/queries/no_query.parquet"), 404)
    assert_problem(client.get("/v1/queries/event_timeline.parquet",
                              params={"to": "soon"}), 400)


def test_datasette_is_mounted(tmp_path: Path) -> None:
    db_file = build_fixture_db(tmp_path / "published.duckdb")
    out = tmp_path / "publish"
    subprocess.run([sys.executable, "-c", "import sys; from factdb.publish.datasette import "
                    "publish; publish(sys.argv[1], sys.argv[2])", str(db_file), str(out)],
                   check=True, capture_output=True)
    with make_client(db_file, publish_dir=str(out)) as c:
        page = c.get("/datasette/")
        rows = c.get("/datasette/factdb/claims.json",
                     params={"_shape": "array", "_size": "max", "_col": "quote"})
    assert page.status_code == 200
    assert 'href="/datasette/' in page.text
    assert rows.status_code == 200, rows.text
    assert sorted(r["claim_id"] for r in rows.json()) == [
        "cl-a01-1", "cl-a02-1", "cl-a02-2", "cl-a03-1", "cl-a05-1", "cl-a07-1", "cl-a08-1",
        "cl-a09-1", "cl-a10-1", "cl-a11-1"]


# --- caches ------------------------------------------------------------------------------

def test_lru_store_keeps_the_most_recent_within_its_budget() -> None:
    store = LruStore(max_bytes=10)

    async def run() -> list[bytes | None]:
        await store.set("a", b"1234")
        await store.set("b", b"5678")
        await store.get("a")  # a is now the most recent
        await store.set("c", b"90ab")  # over budget: b goes
        await store.set("huge", b"x" * 11)  # larger than the budget: not kept
        return [await store.get(k) for k in ("a", "b", "c", "huge")]

    assert asyncio.run(run()) == [b"1234", None, b"90ab", None]
    assert store.size == 8


def test_get_responses_are_cached_unless_turned_off(fixture_db: Path) -> None:
    for cache_bytes, expect_cached in ((1 << 20, True), (0, False)):
        with make_client(fixture_db, cache_bytes=cache_bytes) as c:
            first = c.get("/v1/queries/counts_around_event",
                          params={"event": "visit", "unit": "attack"})
            second = c.get("/v1/queries/counts_around_event",
                           params={"unit": "attack", "event": "visit"})
            store = c.app.stores.get("api_responses")
            assert isinstance(store, LruStore)
            assert (store.size > 0) is expect_cached
            assert_problem(c.get("/v1/counts/nope"), 404)
            assert_problem(c.get("/v1/counts/nope"), 404)
        assert first.status_code == second.status_code == 200
        assert first.json() == second.json()


def test_sql_results_are_cached_but_not_volatile_ones(fixture_db: Path) -> None:
    with make_client(fixture_db, sql_rate_limit_per_minute=0) as c:
        sql = {"sql": "SELECT count(*) AS n FROM claims"}
        assert c.post("/v1/sql", json=sql).json() == c.post("/v1/sql", json=sql).json()
        draws = {c.post("/v1/sql", json={"sql": "SELECT random() AS r"}).json()["rows"][0][0]
                 for _ in range(3)}
        cache = c.app.state.sql_cache
    assert cache.get(("SELECT count(*) AS n FROM claims", "duckdb")) is not None
    assert len(draws) == 3


# --- OpenAPI and CORS ---------------------------------------------------------------------

def test_openapi_describes_every_parameter(client: TestClient[Litestar]) -> None:
    spec = client.get("/schema/openapi.json").json()
    operations = [(path, op) for path, ops in spec["paths"].items() for op in ops.values()]
    ids = [op["operationId"] for _, op in operations]
    assert len(ids) == len(set(ids))
    assert {f"query_{name}" for name in registry()} <= set(ids)
    params = [(path, p) for path, op in operations for p in op.get("parameters", [])]
    assert len(params) > 40
    undescribed = [(path, p["name"]) for path, p in params if not p.get("description")]
    assert undescribed == []
    timeline = next(op for path, op in operations if path == "/v1/queries/event_timeline")
    assert {p["name"]: p["required"] for p in timeline["parameters"]} == {
        "type": False, "from": False, "to": False, "since": False}


def test_cors_headers(client: TestClient[Litestar]) -> None:
    r = client.get("/v1/counts", params={"limit": 1}, headers={"Origin": "https://x.example"})
    assert r.headers["access-control-allow-origin"] == "*"
    pre = client.options("/v1/sql", headers={"Origin": "https://x.example",
                                             "Access-Control-Request-Method": "POST"})
    assert pre.status_code in (200, 204)
    assert "POST" in pre.headers["access-control-allow-methods"]


def test_cors_origins_are_a_setting(fixture_db: Path) -> None:
    with make_client(fixture_db, cors_origins=("https://ok.example",)) as c:
        ok = c.get("/health", headers={"Origin": "https://ok.example"})
        other = c.get("/health", headers={"Origin": "https://other.example"})
    assert ok.headers.get("access-control-allow-origin") == "https://ok.example"
    assert "access-control-allow-origin" not in other.headers


def test_database_is_read_only(client: TestClient[Litestar]) -> None:
    cur = client.app.state.db.cursor()
    try:
        with pytest.raises(duckdb.Error):
            cur.execute("DELETE FROM counts")
    finally:
        cur.close()


def test_fixture_outputs_exist_for_api_cases() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.json")) == sorted(registry())


# --- the API reference page works offline ------------------------------------------------


def test_schema_page_loads_nothing_from_the_internet(client: TestClient[Litestar]) -> None:
    import re

    from api.openapi import ASSETS_DIR

    page = client.get("/schema")
    assert page.status_code == 200 and "Redoc.init(" in page.text
    head = page.text.split("<body>")[0]
    sources = re.findall(r'(?:src|href)=["\']([^"\']*)["\']', head)
    assert sources == ["/schema-assets/redoc.standalone.js"]
    assert "fonts.googleapis" not in page.text and "cdn." not in head
    script = client.get("/schema-assets/redoc.standalone.js")
    assert script.status_code == 200
    assert script.content == (ASSETS_DIR / "redoc.standalone.js").read_bytes()
    assert script.headers["content-type"].startswith("text/javascript")
    assert "MIT" in (ASSETS_DIR / "LICENSE-redoc").read_text(encoding="utf-8")
    assert client.get("/schema/redoc").status_code == 200
    assert client.get("/schema/openapi.json").json()["paths"]["/v1/search"]
