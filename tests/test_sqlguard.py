"""The read-only SQL guard and runner: hostile inputs are refused and change nothing;
allowed SELECTs (CTEs, set operations, windows, postgres/sqlite dialects) run as regenerated SQL.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml
from sqlglot.dialects.dialect import Dialect

from api.errors import http_status
from factdb import db, sqlguard
from factdb.sqlguard import QueryError, SqlRejected, validate
from factdb.sqlrun import (
    SqlResult,
    allowed_tables,
    execute,
    open_locked,
    process_memory_cap,
    run_readonly_sql,
    verify_locked,
)

FIXTURE = Path(__file__).parent / "fixtures" / "hostile_sql.yaml"
STATUS = {"too_large": 413, "timeout": 408}
KINDS = {
    "parse", "not_select", "multiple_statements", "table", "table_function", "function",
    "parameter", "recursive", "joins", "limit", "too_deep", "too_large", "characters", "dialect",
    "query", "timeout",
}
HOSTILE_PREFIX = "/tmp/factdb_hostile"

ARTICLES = [
    ("e1", "Turnout rises in regional election", "Voters queued for hours as turnout rose.",
     date(2023, 5, 14), "Daily Ledger"),
    ("e2", "Coalition talks stall after vote", "Party leaders failed to agree on a cabinet.",
     date(2023, 5, 20), "Daily Ledger"),
    ("f1", "River floods low-lying districts", "Rescue boats moved 3,000 residents overnight.",
     date(2023, 9, 2), "Valley Times"),
    ("m1", "Central bank holds rates", "The bank kept its main rate at 4.5 percent.",
     date(2024, 1, 31), None),
    ("s1", "Underdogs win the cup final", "A late header settled the final 2-1.",
     date(2024, 5, 25), "Sports Desk"),
    ("c1", "Кубок title in Cyrillic", "A headline with a Cyrillic word.", date(2024, 6, 1),
     None),
]
SENTENCES = 4000


def load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["cases"]
    for case in cases:
        if "parts" in case:
            case["sql"] = "".join(text * times for text, times in case["parts"])
    return cases


CASES = load_cases()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlguard") / "t.duckdb"
    con = db.connect(path)
    db.insert_rows(con, "articles", [
        {"article_id": aid, "source_uri": f"{aid}.txt", "title": title, "text": text,
         "published_on": published, "outlet": outlet, "sha256": aid, "run_id": "r1",
         "source_format": "txt", "char_count": len(text)}
        for aid, title, text, published, outlet in ARTICLES
    ])
    db.insert_rows(con, "sentences", [
        {"sentence_id": f"s{i}", "article_id": ARTICLES[i % len(ARTICLES)][0], "seq": i,
         "char_start": i, "char_end": i + 10, "role": ("body", "headline", "caption")[i % 3],
         "paragraph": i % 7}
        for i in range(SENTENCES)
    ])
    con.close()
    return path


@pytest.fixture(scope="module")
def locked(db_file: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_locked(db_file)
    yield con
    con.close()


def settings(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    return dict(con.execute("SELECT name, value FROM duckdb_settings()").fetchall())


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return db.row_counts(con, sorted(allowed_tables(con)))


def hostile_files() -> list[str]:
    return sorted(str(p) for p in Path("/tmp").glob(Path(HOSTILE_PREFIX).name + "*"))


# --- the hostile suite ----------------------------------------------------------------------

def test_fixture_is_large_and_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(CASES) >= 45
    assert len(set(ids)) == len(ids)
    assert {c["kind"] for c in CASES} <= KINDS
    assert all(isinstance(c["sql"], str) and c["sql"] for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hostile_query_is_refused_and_changes_nothing(
    case: dict[str, Any], locked: duckdb.DuckDBPyConnection, db_file: Path
) -> None:
    before = (sha256(db_file), sorted(os.listdir(db_file.parent)), settings(locked),
              counts(locked), hostile_files())
    with pytest.raises(QueryError) as info:
        execute(locked, case["sql"], case.get("dialect", "duckdb"),
                timeout=case.get("timeout", 2.0))
    err = info.value
    assert (err.reason, http_status(err)) == (case["kind"], STATUS.get(case["kind"], 400)), \
        str(err)
    assert isinstance(err, SqlRejected) == (case["kind"] not in {"query", "timeout"})
    assert err.message and "root:" not in err.message
    after = (sha256(db_file), sorted(os.listdir(db_file.parent)), settings(locked),
             counts(locked), hostile_files())
    assert after == before


def test_locked_connection_refuses_even_without_the_guard(
    locked: duckdb.DuckDBPyConnection, db_file: Path, tmp_path: Path
) -> None:
    """Defence in depth: the raw statements the guard stops also fail on the connection."""
    before = settings(locked)
    out = tmp_path / "out.csv"
    statements = [
        "SET threads = 8",
        "SET enable_external_access = true",
        "SET lock_configuration = false",
        f"COPY articles TO '{out}'",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/hostname')",
        "INSTALL httpfs",
        "LOAD httpfs",
        f"ATTACH '{tmp_path / 'x.duckdb'}' AS x",
        "CREATE TABLE stolen AS SELECT * FROM articles",
        "DELETE FROM articles",
    ]
    for statement in statements:
        cur = locked.cursor()
        try:
            with pytest.raises(duckdb.Error):
                cur.execute(statement)
        finally:
            cur.close()
    assert settings(locked) == before
    assert not out.exists() and not (tmp_path / "x.duckdb").exists()


def test_locked_connection_settings(locked: duckdb.DuckDBPyConnection) -> None:
    got = {name: locked.execute("SELECT current_setting(?)", [name]).fetchall()[0][0]
           for name in ("enable_external_access", "autoload_known_extensions",
                        "autoinstall_known_extensions", "allow_community_extensions",
                        "lock_configuration", "access_mode", "temp_directory", "threads")}
    assert got == {
        "enable_external_access": False, "autoload_known_extensions": False,
        "autoinstall_known_extensions": False, "allow_community_extensions": False,
        "lock_configuration": True, "access_mode": "read_only", "temp_directory": "",
        "threads": 2,
    }


def test_verify_refuses_a_plain_connection() -> None:
    con = duckdb.connect()
    try:
        with pytest.raises(QueryError) as info:
            verify_locked(con)
    finally:
        con.close()
    assert info.value.reason == "config" and http_status(info.value) == 500
    assert "enable_external_access='true'" in info.value.message


def test_open_locked_while_the_file_is_open_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    writer = db.connect(path)
    try:
        with pytest.raises(QueryError) as info:
            open_locked(path)
    finally:
        writer.close()
    assert info.value.reason == "config"
    open_locked(path).close()  # fine once the writer is gone


def test_out_of_memory_is_a_clear_error(db_file: Path) -> None:
    """A value that grows outside DuckDB's memory_limit hits the process cap, not the machine.

    Runs in a child process whose hard data limit (3 GiB) is a safety net for the machine.
    """
    grow = "'" + "o" * 1000 + "'"
    sql = (f"SELECT max(length(replace(replace(replace(text, 'o', {grow}), 'o', {grow}), "
           f"'o', {grow}))) FROM articles")
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_DATA, (3 * 2**30, 3 * 2**30))\n"
        "from api.errors import http_status\n"
        "from factdb.sqlrun import run_readonly_sql, QueryError\n"
        "try:\n"
        f"    run_readonly_sql(sys.argv[1], {sql!r}, memory_budget=512 * 2**20)\n"
        "except QueryError as exc:\n"
        "    print(exc.reason, http_status(exc))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(db_file)], capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.strip() == "resources 422", done.stderr[-2000:]


def test_process_memory_cap_is_restored() -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_DATA)
    with process_memory_cap(256 * 2**20):
        inside = resource.getrlimit(resource.RLIMIT_DATA)
    assert resource.getrlimit(resource.RLIMIT_DATA) == before
    assert inside[0] != resource.RLIM_INFINITY and inside[1] == before[1]


# --- what is allowed ------------------------------------------------------------------------

def rows(con: duckdb.DuckDBPyConnection, sql: str, dialect: str = "duckdb",
         **kwargs: Any) -> list[tuple[Any, ...]]:
    return execute(con, sql, dialect, **kwargs).rows


def test_cte_union_and_window(locked: duckdb.DuckDBPyConnection) -> None:
    sql = """
        WITH dated AS (SELECT article_id, year(published_on) AS y FROM articles),
             per_year AS (SELECT y, count(*) AS n FROM dated GROUP BY y)
        SELECT 'year' AS what, CAST(y AS VARCHAR) AS key, n FROM per_year
        UNION ALL
        SELECT 'outlet', outlet, count(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet
        ORDER BY what, key"""
    by_year: dict[str, int] = {}
    by_outlet: dict[str, int] = {}
    for _, _, _, published, outlet in ARTICLES:
        by_year[str(published.year)] = by_year.get(str(published.year), 0) + 1
        if outlet:
            by_outlet[outlet] = by_outlet.get(outlet, 0) + 1
    expected = sorted([("outlet", k, v) for k, v in by_outlet.items()]
                      + [("year", k, v) for k, v in by_year.items()])
    assert rows(locked, sql) == expected

    window = """SELECT article_id, row_number() OVER (PARTITION BY year(published_on)
                ORDER BY published_on DESC) AS rn FROM articles QUALIFY rn = 1 ORDER BY 1"""
    latest: dict[int, tuple[str, date]] = {}
    for aid, _, _, published, _ in ARTICLES:
        if published.year not in latest or published > latest[published.year][1]:
            latest[published.year] = (aid, published)
    assert rows(locked, window) == sorted((aid, 1) for aid, _ in latest.values())


@pytest.mark.parametrize(("dialect", "sql", "duck"), [
    ("postgres", "SELECT title || '!' FROM articles ORDER BY title LIMIT 2 OFFSET 1",
     "SELECT concat(title, '!') FROM articles ORDER BY title LIMIT 2 OFFSET 1"),
    ("postgres", "SELECT to_char(published_on, 'YYYY-MM') AS m, count(*)::text FROM articles "
                 "GROUP BY 1 ORDER BY 1 FETCH FIRST 3 ROWS ONLY",
     "SELECT strftime(published_on, '%Y-%m') AS m, CAST(count(*) AS VARCHAR) FROM articles "
     "GROUP BY 1 ORDER BY 1 LIMIT 3"),
    ("postgres", "SELECT string_agg(article_id, ',' ORDER BY article_id) FROM articles "
                 "WHERE title ILIKE '%final%' OR text ILIKE '%vote%'",
     "SELECT string_agg(article_id, ',' ORDER BY article_id) FROM articles "
     "WHERE lower(title) LIKE '%final%' OR lower(text) LIKE '%vote%'"),
    ("sqlite", "SELECT strftime('%Y', published_on) AS y, count(*) FROM articles GROUP BY y "
               "ORDER BY y",
     "SELECT strftime(published_on, '%Y') AS y, count(*) FROM articles GROUP BY y ORDER BY y"),
    ("sqlite", "SELECT substr(title, 1, 5), ifnull(outlet, 'none') FROM articles "
               "ORDER BY article_id LIMIT 2, 3",
     "SELECT title[1:5], coalesce(outlet, 'none') FROM articles ORDER BY article_id "
     "LIMIT 3 OFFSET 2"),
    ("sqlite", "SELECT group_concat(article_id, '|') FROM (SELECT article_id FROM articles "
               "ORDER BY article_id)",
     "SELECT string_agg(article_id, '|') FROM (SELECT article_id FROM articles "
     "ORDER BY article_id)"),
])
def test_dialects_give_the_same_rows(locked: duckdb.DuckDBPyConnection, dialect: str, sql: str,
                                     duck: str) -> None:
    result = execute(locked, sql, dialect)
    assert result.rows == rows(locked, duck)
    assert result.rows  # the comparison is about real rows
    assert result.sql_executed == validate(sql, dialect, allowed_tables(locked))


def test_dialect_rows_have_known_values(locked: duckdb.DuckDBPyConnection) -> None:
    got = rows(locked, "SELECT article_id FROM articles ORDER BY article_id LIMIT 2 OFFSET 1",
               "postgres")
    assert got == [(aid,) for aid in sorted(a[0] for a in ARTICLES)[1:3]]
    got = rows(locked, "SELECT strftime('%m', published_on) FROM articles WHERE "
                       "article_id = 'f1'", "sqlite")
    assert got == [("09",)]


def test_the_sql_that_runs_is_regenerated(locked: duckdb.DuckDBPyConnection) -> None:
    sql = ("select   title -- the headline\n  from ARTICLES /* all of them */\n"
           "where article_id = 'f1'")
    result = execute(locked, sql)
    assert result.sql_executed == validate(sql, tables=allowed_tables(locked))
    assert result.sql_executed == "SELECT title FROM ARTICLES WHERE article_id = 'f1' LIMIT 1001"
    tokens = Dialect.get_or_raise("duckdb").tokenize(result.sql_executed)
    assert not any(t.comments for t in tokens)
    assert result.rows == [("River floods low-lying districts",)]


def test_comment_markers_inside_strings_stay_data(locked: duckdb.DuckDBPyConnection) -> None:
    assert rows(locked, "SELECT '--x', '/* y */'") == [("--x", "/* y */")]


def test_row_cap_and_truncated_flag(locked: duckdb.DuckDBPyConnection) -> None:
    capped = execute(locked, "SELECT sentence_id FROM sentences ORDER BY seq", max_rows=3)
    assert (capped.rows, capped.truncated) == ([("s0",), ("s1",), ("s2",)], True)
    assert capped.sql_executed.endswith("LIMIT 4")
    own = execute(locked, "SELECT sentence_id FROM sentences ORDER BY seq LIMIT 2", max_rows=3)
    assert (own.rows, own.truncated) == ([("s0",), ("s1",)], False)
    exact = execute(locked, "SELECT sentence_id FROM sentences ORDER BY seq LIMIT 3",
                    max_rows=3)
    assert (len(exact.rows), exact.truncated) == (3, False)
    clamped = execute(locked, "SELECT seq FROM sentences ORDER BY seq LIMIT 5000", max_rows=3)
    assert clamped.sql_executed.endswith("LIMIT 4") and clamped.truncated
    union = execute(locked, "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3", max_rows=2)
    assert (union.rows, union.truncated) == ([(1,), (2,)], True)
    everything = execute(locked, "SELECT seq FROM sentences LIMIT ALL", max_rows=3)
    assert everything.truncated and len(everything.rows) == 3


def test_timeout_stops_the_query_and_the_connection_lives_on(
    locked: duckdb.DuckDBPyConnection
) -> None:
    heavy = ("SELECT count(*) FROM sentences a, sentences b "
             "WHERE levenshtein(a.sentence_id || b.role, b.sentence_id || a.role) > 3")
    start = time.perf_counter()
    with pytest.raises(QueryError) as info:
        execute(locked, heavy, timeout=0.2)
    elapsed = time.perf_counter() - start
    assert (info.value.reason, http_status(info.value)) == ("timeout", 408)
    assert elapsed < 1.5
    assert rows(locked, "SELECT count(*) FROM sentences") == [(SENTENCES,)]


def test_one_connection_serves_many_threads(locked: duckdb.DuckDBPyConnection) -> None:
    results: dict[int, list[tuple[Any, ...]]] = {}

    def work(n: int) -> None:
        results[n] = rows(locked, f"SELECT count(*) FROM sentences WHERE paragraph = {n}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {n: [(sum(1 for i in range(SENTENCES) if i % 7 == n),)]
                       for n in range(6)}


def test_homoglyphs_in_string_literals_are_harmless(locked: duckdb.DuckDBPyConnection) -> None:
    latin = "SELECT article_id FROM articles WHERE title LIKE 'Kubok%'"
    cyrillic = "SELECT article_id FROM articles WHERE title LIKE 'Кубок%'"
    assert rows(locked, latin) == []
    assert rows(locked, cyrillic) == [("c1",)]


def test_cte_may_shadow_a_table_name(locked: duckdb.DuckDBPyConnection) -> None:
    assert rows(locked, "WITH articles AS (SELECT 41 + 1 AS n) SELECT n FROM articles") == [
        (42,)]
    assert rows(locked, "SELECT * FROM main.articles WHERE article_id = 'm1' AND "
                        "EXISTS (SELECT 1 FROM main.sentences)")[0][0] == "m1"


@pytest.mark.parametrize("sql", [
    "SELECT lower(title), upper(outlet), length(text), left(title, 4), trim(' x ') "
    "FROM articles",
    "SELECT date_trunc('month', published_on), extract(year FROM published_on), "
    "published_on + INTERVAL 3 DAY, date_diff('day', published_on, DATE '2025-01-01') "
    "FROM articles",
    "SELECT regexp_matches(text, '[0-9]+'), regexp_extract(text, '([0-9]+)', 1), "
    "regexp_replace(title, 's$', '') FROM articles",
    "SELECT list_transform(string_split(title, ' '), w -> length(w)), "
    "list_filter([1, 2, 3], x -> x > 1), {'a': 1}.a, [1, 2, 3][2] FROM articles",
    "SELECT avg(char_count), median(char_count), quantile_cont(char_count, 0.9), "
    "stddev_pop(char_count), count(DISTINCT outlet), "
    "string_agg(title, '; ' ORDER BY title) FILTER (WHERE outlet IS NULL) FROM articles",
    "SELECT article_id, lag(published_on) OVER w, lead(title) OVER w, rank() OVER w, "
    "sum(char_count) OVER (ORDER BY published_on ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) "
    "FROM articles WINDOW w AS (ORDER BY published_on)",
    "SELECT CASE WHEN outlet IS NULL THEN 'none' ELSE outlet END, coalesce(outlet, '?'), "
    "TRY_CAST(title AS INTEGER), title::VARCHAR, nullif(outlet, ''), greatest(1, 2) "
    "FROM articles",
    "SELECT json_extract_string('{\"a\": 1}', '$.a'), '{\"b\": 2}'->>'b', "
    "to_json({'k': title}) FROM articles",
    "SELECT a.article_id, count(s.sentence_id) FROM articles a LEFT JOIN sentences s "
    "ON s.article_id = a.article_id GROUP BY ALL HAVING count(*) > 1 ORDER BY 2 DESC",
    "SELECT * FROM articles WHERE article_id IN (SELECT article_id FROM sentences "
    "WHERE role = 'caption') EXCEPT SELECT * FROM articles WHERE outlet IS NULL",
    "FROM articles SELECT article_id, title WHERE published_on > DATE '2024-01-01'",
    "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(n, s)",
    "SELECT COLUMNS('char_.*') FROM articles",
    "SELECT * FROM articles a JOIN LATERAL (SELECT count(*) AS n FROM sentences s "
    "WHERE s.article_id = a.article_id) c ON true",
])
def test_common_queries_run(locked: duckdb.DuckDBPyConnection, sql: str) -> None:
    result = execute(locked, sql)
    assert isinstance(result, SqlResult) and result.columns and result.rows


def test_allowed_functions_exist_and_exclude_dangerous_ones() -> None:
    con = duckdb.connect()
    try:
        known = {r[0] for r in con.execute(
            "SELECT DISTINCT function_name FROM duckdb_functions() "
            "WHERE function_type IN ('scalar', 'aggregate', 'window', 'macro')").fetchall()}
    finally:
        con.close()
    # DuckDB (1.5.5, docs/adr/0014) parses these four as syntax, not as catalog functions
    assert sorted(sqlguard.ALLOWED_FUNCTIONS - known) == ["coalesce", "if", "ifnull", "unnest"]
    dangerous = {"current_setting", "getvariable", "getenv", "read_text", "read_blob",
                 "read_csv", "query", "query_table", "nextval", "currval", "setval", "setseed",
                 "sleep_ms", "pg_sleep", "write_log", "version", "current_database",
                 "current_schema", "current_query", "json_execute_serialized_sql", "range",
                 "generate_series", "repeat", "lpad", "rpad", "list_resize", "array_resize",
                 "error", "stats", "alias", "make_type", "enum_range", "finalize", "combine"}
    assert sorted(sqlguard.ALLOWED_FUNCTIONS & dangerous) == []


def test_schema_tables_match_the_database(locked: duckdb.DuckDBPyConnection) -> None:
    assert sqlguard.schema_tables() == allowed_tables(locked)


def test_validate_defaults_and_cache() -> None:
    sql = "SELECT count(*) FROM articles"
    assert validate(sql) == "SELECT COUNT(*) FROM articles LIMIT 1001"
    assert validate(sql, max_rows=9, cache=False) == "SELECT COUNT(*) FROM articles LIMIT 10"
    with pytest.raises(SqlRejected) as info:
        validate(sql, tables={"sentences"})
    assert info.value.reason == "table"


def test_run_readonly_sql_end_to_end(db_file: Path) -> None:
    result = run_readonly_sql(str(db_file), "SELECT article_id FROM articles WHERE outlet = "
                                            "'Daily Ledger' ORDER BY 1", max_rows=1)
    assert (result.columns, result.rows, result.truncated) == (["article_id"], [("e1",)], True)
    pg = run_readonly_sql(str(db_file), "SELECT article_id || '' FROM articles ORDER BY 1 "
                                        "LIMIT 1", dialect="postgres")
    assert pg.rows == [("c1",)]
