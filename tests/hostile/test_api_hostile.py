"""Hostile requests to the API and its Datasette: memory and time caps that hold, no path
disclosure, linear-time regexes, a rate limit keyed on the real peer, 400 for undecodable
bodies (issue 14, items 1-4)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from api.app import create_app
from api.controllers.sql import client_identifier
from api.deps import Deadlines
from api.settings import ApiSettings
from factdb.errors import QueryFailed
from factdb.sqlpool import PoolLimits, SqlPool
from tests.test_datasette import publish_fixture_corpus

TIMEOUT = 1.0
#: s||s||... sixteen times, four levels deep: a 700-byte query asking for gigabytes
_LEVELS = "".join(f", l{i} AS (SELECT {'||'.join(['s'] * 16)} AS s FROM l{i - 1})"
                  for i in range(1, 5))
CONCAT_BOMB = ("WITH l0 AS (SELECT string_agg(text, '') AS s FROM articles)" + _LEVELS
               + " SELECT length(s) FROM l4")
#: one levenshtein call over every article's text six times: one long function call
LEVENSHTEIN = ("WITH t AS (SELECT string_agg(text, ' ') AS s FROM articles), "
               "u AS (SELECT s || s || s || s || s || s || s || s AS s FROM t) "
               "SELECT levenshtein(s || s || s, reverse(s || s || s)) FROM u")
#: a six-way self-join: billions of rows to count
JOINS = "SELECT count(*) FROM sentences a " + " ".join(
    f"JOIN sentences {b} ON {a}.role = {b}.role" for a, b in zip("abcde", "bcdef", strict=True))


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    directory = tmp_path_factory.mktemp("hostile")
    return publish_fixture_corpus(directory), directory / "publish"


@pytest.fixture(scope="module")
def client(published: tuple[Path, Path]) -> Iterator[TestClient[Litestar]]:
    db_path, publish_dir = published
    settings = ApiSettings(db_path=str(db_path), publish_dir=str(publish_dir),
                           sql_rate_limit_per_minute=0, sql_timeout_s=TIMEOUT,
                           sql_workers=2, sql_cache_entries=0)
    with TestClient(create_app(settings)) as c:
        # the SQL workers start on the first statement (api.controllers.sql.sql_pool);
        # the timings below are of a running server's, every worker started
        assert c.post("/v1/sql", json={"sql": "SELECT 1 AS one"}).status_code == 200
        assert c.app.state.sql_pool.wait_idle(60)
        yield c


def _problem(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = r.json()
    return body


# --- 1. user SQL in killable workers ------------------------------------------------------

def test_a_concatenation_bomb_is_a_422_and_the_server_stays_up(
        client: TestClient[Litestar]) -> None:
    assert len(CONCAT_BOMB) < 800
    began = time.monotonic()
    body = _problem(client.post("/v1/sql", json={"sql": CONCAT_BOMB}), 422)
    assert body["type"] == "urn:factdb:problem:sql:resources"
    assert time.monotonic() - began < TIMEOUT + 1
    assert client.get("/health").status_code == 200
    ok = client.post("/v1/sql", json={"sql": "SELECT count(*) AS n FROM articles"})
    assert ok.status_code == 200 and ok.json()["rows"] == [[11]]


def test_one_long_function_call_is_stopped_at_the_time_limit(
        client: TestClient[Litestar]) -> None:
    began = time.monotonic()
    body = _problem(client.post("/v1/sql", json={"sql": LEVENSHTEIN}), 408)
    took = time.monotonic() - began
    assert body["type"] == "urn:factdb:problem:sql:timeout"
    assert took < TIMEOUT + 1, took
    assert client.post("/v1/sql", json={"sql": "SELECT 1 AS one"}).json()["rows"] == [[1]]


def test_concurrent_sql_is_bounded_with_a_503(published: tuple[Path, Path]) -> None:
    pool = SqlPool(str(published[0]), PoolLimits(workers=1, queue=1, queue_wait=0.2))
    try:
        pool.execute("SELECT 1")  # started
        outcomes: list[str] = []

        def attack() -> None:
            try:
                pool.execute(JOINS, timeout=TIMEOUT)
                outcomes.append("ok")
            except QueryFailed as exc:
                outcomes.append(exc.reason)

        threads = [threading.Thread(target=attack) for _ in range(5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert outcomes.count("timeout") >= 1 and outcomes.count("busy") >= 3, outcomes
        assert set(outcomes) <= {"timeout", "busy"}
    finally:
        pool.close()


def test_a_named_query_is_interrupted_at_its_time_limit() -> None:
    con = duckdb.connect()
    cur = con.cursor()
    deadlines = Deadlines()
    token = deadlines.add(cur, 0.3)
    began = time.monotonic()
    try:
        with pytest.raises(duckdb.InterruptException):
            cur.execute("SELECT count(*) FROM range(100000000000) a")
        deadlines.remove(token)
        assert time.monotonic() - began < 1.3
    finally:
        cur.close()
        con.close()


# --- 2. Datasette behind the same guard ---------------------------------------------------

def _datasette_sql(client: TestClient[Litestar], sql: str) -> Any:
    return client.get("/datasette/factdb.json", params={"sql": sql, "_shape": "array"})


def test_datasette_does_not_disclose_the_file_path(client: TestClient[Litestar],
                                                   published: tuple[Path, Path]) -> None:
    for sql in ["SELECT * FROM pragma_database_list()",
                "SELECT file FROM pragma_database_list"]:
        r = _datasette_sql(client, sql)
        assert str(published[1]) not in r.text and "factdb.db" not in r.text, r.text


def test_datasette_regex_is_linear_time(client: TestClient[Litestar]) -> None:
    evil = "replace(hex(zeroblob(14)), '0', 'a') || 'b'"  # 28 a's then b
    began = time.monotonic()
    r = _datasette_sql(client, f"SELECT regexp_matches({evil}, '(a+)+$') AS m")
    assert r.status_code == 200 and r.json() == [{"m": 0}]
    assert time.monotonic() - began < 0.5


def test_datasette_refuses_a_huge_printf(client: TestClient[Litestar]) -> None:
    began = time.monotonic()
    r = _datasette_sql(client, "SELECT length(printf('%.*c', 900000000, 'x')) AS n")
    assert r.status_code == 400 and "printf" in r.json()["error"]
    assert time.monotonic() - began < 0.5


def test_datasette_values_have_a_length_cap(client: TestClient[Litestar]) -> None:
    r = _datasette_sql(client, "SELECT length(zeroblob(100000000)) AS n")
    assert r.status_code == 400 and "too big" in r.json()["error"]


def test_a_refused_pragma_is_one_short_log_line(client: TestClient[Litestar],
                                                caplog: pytest.LogCaptureFixture,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    with caplog.at_level(logging.WARNING):
        r = _datasette_sql(client, "PRAGMA database_list")
    assert r.status_code == 400
    lines = [rec for rec in caplog.records if rec.name == "factdb.datasette"]
    assert len(lines) == 1 and "Statement must be a SELECT" in lines[0].getMessage()
    assert "Traceback" not in capsys.readouterr().err


def test_datasette_sql_is_rate_limited(published: tuple[Path, Path]) -> None:
    db_path, publish_dir = published
    settings = ApiSettings(db_path=str(db_path), publish_dir=str(publish_dir),
                           sql_rate_limit_per_minute=2, sql_workers=0)
    with TestClient(create_app(settings)) as c:
        codes = [_datasette_sql(c, "SELECT 1").status_code for _ in range(3)]
        assert codes == [200, 200, 429]
        # plain browsing is not SQL of the caller's
        assert c.get("/datasette/factdb/articles.json", params={"_size": 1}).status_code == 200


# --- 3. the rate limit keys on the real peer ----------------------------------------------

def test_x_forwarded_for_does_not_escape_the_rate_limit(published: tuple[Path, Path]) -> None:
    settings = ApiSettings(db_path=str(published[0]), sql_rate_limit_per_minute=2,
                           sql_workers=0)
    with TestClient(create_app(settings)) as c:
        codes = [c.post("/v1/sql", json={"sql": "SELECT 1"},
                        headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code
                 for i in range(4)]
    assert codes == [200, 200, 429, 429]


class _Req:
    def __init__(self, peer: str, forwarded: str | None) -> None:
        self.scope = {"client": (peer, 5000)}
        self.headers = _Headers({"x-forwarded-for": forwarded} if forwarded else {})


class _Headers(dict[str, str]):
    def getall(self, key: str, default: list[str]) -> list[str]:
        return [self[key]] if key in self else default


@pytest.mark.parametrize("trusted, peer, forwarded, expected", [
    ((), "198.51.100.7", "203.0.113.9", "198.51.100.7"),
    (("10.0.0.0/8",), "198.51.100.7", "203.0.113.9", "198.51.100.7"),
    (("10.0.0.0/8",), "10.1.2.3", "203.0.113.9", "203.0.113.9"),
    (("10.0.0.0/8",), "10.1.2.3", "1.1.1.1, 203.0.113.9, 10.9.9.9", "203.0.113.9"),
    (("10.0.0.0/8",), "10.1.2.3", None, "10.1.2.3"),
])
def test_the_client_is_the_peer_unless_a_trusted_proxy_says(
        trusted: tuple[str, ...], peer: str, forwarded: str | None, expected: str) -> None:
    assert client_identifier(trusted)(_Req(peer, forwarded)) == expected  # type: ignore[arg-type]


# --- 4. undecodable bodies are 400 problems -----------------------------------------------

@pytest.mark.parametrize("body, detail", [
    (b'{"sql": "SELECT 1\xff"}', "the request body is not valid UTF-8"),
    (b"[" * 5000 + b"]" * 5000, "the request body is nested too deeply"),
    (b'{"sql": "SELECT 1", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}",
     "the request body is nested too deeply"),
])
def test_an_undecodable_body_is_a_400_problem(client: TestClient[Litestar], body: bytes,
                                              detail: str) -> None:
    r = client.post("/v1/sql", content=body, headers={"content-type": "application/json"})
    assert _problem(r, 400)["detail"] == detail


# --- 5. no absolute path in /health --------------------------------------------------------

def test_health_names_the_file_not_its_path(client: TestClient[Litestar]) -> None:
    body = client.get("/health").json()
    assert body["db_path"] == "fixture.duckdb"
