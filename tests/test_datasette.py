"""`factdb publish`: the SQLite copy, its generated Datasette metadata, and query parity.

The parity tests run every named query through Datasette's JSON API (in process) and
through DuckDB and compare the rows, on the hand-written fixture corpus of the query tests
(ceasefire talks, an earthquake, an election, a rate decision, a cup final) and on the
seeds. The transpiler is tested construct by construct on a small table, both engines
side by side.
"""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import duckdb
import pytest
import yaml
from click.testing import CliRunner

from factdb import db
from factdb.cli import main
from factdb.publish import build, publish, sqlite_functions
from factdb.publish.catalog import (
    Column,
    ForeignKey,
    Table,
    implied_foreign_keys,
    read_tables,
)
from factdb.publish.datasette import datasette, schema_info
from factdb.publish.labels import column_label, table_label
from factdb.publish.schema_docs import TableDoc, load, parse_markdown, parse_sql
from factdb.publish.sqlite_copy import copy_database
from factdb.publish.transpile import SchemaInfo, TranspileError, to_sqlite
from factdb.queries import NamedQuery, Param, registry
from tests.test_queries import build_fixture_db, expected_cases

# --- helpers shared with tests/test_browser.py -----------------------------------------


def normalise(duck: Any, lite: Any) -> tuple[Any, Any]:
    """A DuckDB value and the SQLite value that stands for it, in comparable form."""
    if duck is None or lite is None:
        return duck, lite
    if isinstance(duck, list | dict):
        if isinstance(lite, str):
            lite = json.loads(lite)
        return _plain(duck), _plain(lite)
    if isinstance(duck, datetime):
        return duck, datetime.fromisoformat(lite)
    return _plain(duck), _plain(lite)


def _plain(v: Any) -> Any:
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, float | Decimal):
        return round(float(v), 6)
    if isinstance(v, datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def compare_rows(columns: list[str], duck_rows: list[tuple[Any, ...]],
                 lite_rows: list[dict[str, Any]]) -> tuple[list[list[Any]], list[list[Any]]]:
    """(DuckDB rows, SQLite rows) normalised side by side; equal when the engines agree."""
    assert len(duck_rows) == len(lite_rows), (duck_rows, lite_rows)
    left, right = [], []
    for d, s in zip(duck_rows, lite_rows, strict=True):
        assert list(s) == columns
        pairs = [normalise(dv, s[c]) for c, dv in zip(columns, d, strict=True)]
        left.append([p[0] for p in pairs])
        right.append([p[1] for p in pairs])
    return left, right


def publish_fixture_corpus(directory: Path) -> Path:
    """The query tests' fixture corpus in DuckDB (returned) and published into directory."""
    path = build_fixture_db(directory / "fixture.duckdb")
    report = build(path, directory / "publish")
    assert report.warnings == []
    return path


def datasette_json(publish_dir: Path, paths: list[str]) -> list[tuple[int, Any]]:
    """(status, JSON body) of GET requests to Datasette over publish_dir, in process."""
    ds = datasette(publish_dir)

    async def fetch() -> list[tuple[int, Any]]:
        out = []
        for path in paths:
            response = await ds.client.get(path)
            body = response.json() if response.status_code == 200 else response.text
            out.append((response.status_code, body))
        return out

    return asyncio.run(fetch())


def query_path(name: str, params: dict[str, str]) -> str:
    return f"/factdb/{name}.json?" + urlencode({**params, "_shape": "array"})


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_pub(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(DuckDB path, publish directory) of the fixture corpus."""
    directory = tmp_path_factory.mktemp("publish-fixture")
    return publish_fixture_corpus(directory), directory / "publish"


@pytest.fixture(scope="module")
def fixture_duck(fixture_pub: tuple[Path, Path]) -> Iterator[duckdb.DuckDBPyConnection]:
    con = db.connect(fixture_pub[0], read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def fixture_lite(fixture_pub: tuple[Path, Path]) -> Iterator[sqlite3.Connection]:
    con = sqlite3.connect(f"file:{fixture_pub[1] / 'factdb.db'}?mode=ro", uri=True)
    yield con
    con.close()


# --- schema docs --------------------------------------------------------------------------

SAMPLE_MD = """# Schema

Intro text.

| column | type | description |
|---|---|---|
| article_id | VARCHAR | The article the fact was read from |
| quote | VARCHAR | The verbatim text, `text[a:b]` |

### matches
Football matches, one row per game.
Played or scheduled. Provenance columns as above.

| column | type | description |
|---|---|---|
| match_id | VARCHAR | `m` + a number |
| score | VARCHAR | Goals as `home\\|away`, e.g. `2\\|1` |
| venue | VARCHAR | |

### `ballots`
| column | type | description |
|---|---|---|
| ballot_id | VARCHAR | Ballot id |

## Other section
| column | type | description |
|---|---|---|
| ignored | VARCHAR | Not a table column |
"""

SAMPLE_SQL = """-- 009_sport: matches and ballots.

-- Football matches, one row per game ...
CREATE TABLE matches (
    match_id    VARCHAR PRIMARY KEY,
    score       VARCHAR,             -- goals, "2|1"
    venue       VARCHAR NOT NULL,    -- stadium name
    attendance  INTEGER,
    PRIMARY KEY (match_id)
);

CREATE TABLE ballots (
    ballot_id VARCHAR PRIMARY KEY  -- ballot id
);
ALTER TABLE matches ADD COLUMN referee VARCHAR;   -- the referee as named
ALTER TABLE matches ADD COLUMN round INTEGER;
"""


def test_markdown_schema_docs_are_parsed() -> None:
    docs = parse_markdown(SAMPLE_MD)
    assert docs.shared_columns == {"article_id": "The article the fact was read from",
                                   "quote": "The verbatim text, text[a:b]"}
    assert docs.tables == {
        "matches": TableDoc("Football matches, one row per game. Played or scheduled.",
                            {"match_id": "m + a number",
                             "score": "Goals as home|away, e.g. 2|1", "venue": ""}),
        "ballots": TableDoc("", {"ballot_id": "Ballot id"}),
    }


def test_sql_comments_are_the_fallback_docs() -> None:
    docs = parse_sql(SAMPLE_SQL)
    assert docs.tables == {
        "matches": TableDoc("Football matches, one row per game.",
                            {"score": 'goals, "2|1"', "venue": "stadium name",
                             "referee": "the referee as named"}),
        "ballots": TableDoc("", {"ballot_id": "ballot id"}),
    }


def test_markdown_wins_and_sql_fills_gaps(tmp_path: Path) -> None:
    md = tmp_path / "schema.md"
    md.write_text(SAMPLE_MD, encoding="utf-8")
    sql = tmp_path / "009_sport.sql"
    sql.write_text(SAMPLE_SQL, encoding="utf-8")
    docs = load(md, [sql])
    assert docs.table("matches").description == (
        "Football matches, one row per game. Played or scheduled.")
    assert docs.table("matches").columns["referee"] == "the referee as named"
    assert docs.table("matches").columns["score"] == "Goals as home|away, e.g. 2|1"
    assert docs.column("matches", "quote") == "The verbatim text, text[a:b]"
    assert load(tmp_path / "missing.md", [sql]).table("ballots").columns == {
        "ballot_id": "ballot id"}


def test_real_schema_docs_cover_every_table(fixture_duck: duckdb.DuckDBPyConnection) -> None:
    from factdb.publish.datasette import SCHEMA_DOC

    docs = load(SCHEMA_DOC, db.SCHEMA_DIR.glob("*.sql"))
    undocumented = [t.name for t in read_tables(fixture_duck)
                    if t.name != "schema_migrations" and not docs.table(t.name).description]
    assert undocumented == []


# --- foreign keys -------------------------------------------------------------------------


def _table(name: str, pk: tuple[str, ...], *cols: str) -> Table:
    return Table(name, tuple(Column(c, "VARCHAR", True) for c in (*pk, *cols)), pk)


def test_foreign_keys_follow_the_naming_rule() -> None:
    tables = [
        _table("polls", ("poll_id",), "run_id", "region_entity_id", "poll_group_id"),
        _table("entities", ("entity_id",)),
        _table("runs_log", ("run_id",), "tool_version"),
        _table("schema_migrations", ("version",)),
        _table("poll_groups", ("group_id",)),
        _table("poll_answers", ("answer_id",), "poll_id", "entity_id", "group_id"),
        _table("poll_mentions", (), "mention_id", "poll_id"),
        _table("poll_versions", (), "poll_id", "entity_id"),
    ]
    assert sorted(implied_foreign_keys(tables), key=lambda f: (f.table, f.column)) == [
        ForeignKey("poll_answers", "entity_id", "entities", "entity_id"),
        ForeignKey("poll_answers", "group_id", "poll_groups", "group_id"),
        ForeignKey("poll_answers", "poll_id", "polls", "poll_id"),
        ForeignKey("poll_mentions", "poll_id", "polls", "poll_id"),
        ForeignKey("polls", "region_entity_id", "entities", "entity_id"),
        ForeignKey("polls", "run_id", "runs_log", "run_id"),
    ]


BRIEF_FKS = {"article_id": "articles", "sentence_id": "sentences", "entity_id": "entities",
             "event_id": "events", "run_id": "extraction_runs", "speaker_entity_id": "entities",
             "anchor_event_id": "events", "location_entity_id": "entities"}


def test_sqlite_copy_declares_the_foreign_keys(fixture_duck: duckdb.DuckDBPyConnection,
                                               fixture_lite: sqlite3.Connection) -> None:
    declared = set()
    for table in read_tables(fixture_duck):
        for row in fixture_lite.execute(f"PRAGMA foreign_key_list('{table.name}')"):
            declared.add((table.name, row[3], row[2], row[4]))
    key_of = {"articles": "article_id", "sentences": "sentence_id", "entities": "entity_id",
              "events": "event_id", "extraction_runs": "run_id"}
    expected = {(t.name, c.name, BRIEF_FKS[c.name], key_of[BRIEF_FKS[c.name]])
                for t in read_tables(fixture_duck) for c in t.columns
                if c.name in BRIEF_FKS and t.primary_key != (c.name,)
                and not t.name.endswith("_versions")}
    assert expected <= declared
    assert ("counts", "anchor_event_id", "events", "event_id") in declared
    assert ("claims", "claim_group_id", "claim_groups", "claim_group_id") in declared
    assert ("counts", "group_id", "fact_groups", "group_id") in declared
    assert not {d for d in declared if d[1] == "factdb_version"}
    assert not {d for d in declared if d[0] == "event_mentions" and d[1] == "mention_id"}
    assert fixture_lite.execute("PRAGMA foreign_key_check").fetchall() == []


def test_dangling_reference_leaves_the_key_out_with_a_warning(tmp_path: Path) -> None:
    path = build_fixture_db(tmp_path / "f.duckdb")
    con = duckdb.connect(str(path))
    con.execute("UPDATE counts SET anchor_event_id = 'ev-missing' WHERE count_id = 'c-a10-1'")
    con.close()
    report = build(path, tmp_path / "pub")
    assert report.warnings == ["counts.anchor_event_id: 1 rows refer to no events row; "
                               "the foreign key is not declared"]
    lite = sqlite3.connect(report.db_path)
    refs = {r[3] for r in lite.execute("PRAGMA foreign_key_list('counts')")}
    lite.close()
    assert "anchor_event_id" not in refs and "article_id" in refs


# --- the SQLite copy ----------------------------------------------------------------------


def test_every_table_and_value_is_copied(fixture_duck: duckdb.DuckDBPyConnection,
                                         fixture_lite: sqlite3.Connection) -> None:
    tables = read_tables(fixture_duck)
    lite_tables = {r[0] for r in fixture_lite.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%' "
        "AND name NOT LIKE 'sqlite_%'")}
    # and the copy's own sentence search table (tests/test_search.py)
    assert lite_tables == {t.name for t in tables} | {"search_sentences"}
    for t in tables:
        quoted = ", ".join(db.quote_ident(c.name) for c in t.columns)
        duck = [[_duck_side(v) for v in row] for row in fixture_duck.execute(
            f"SELECT {quoted} FROM {db.quote_ident(t.name)}").fetchall()]
        lite = [[_lite_side(v, c.kind) for v, c in zip(row, t.columns, strict=True)]
                for row in fixture_lite.execute(
                    f"SELECT {quoted} FROM {db.quote_ident(t.name)}").fetchall()]
        assert sorted(lite, key=repr) == sorted(duck, key=repr), t.name


def _duck_side(v: Any) -> Any:
    return v if isinstance(v, datetime) else _plain(v)


def _lite_side(v: Any, kind: str) -> Any:
    if v is None:
        return None
    if kind == "json":
        return _plain(json.loads(v))
    if kind == "timestamp":
        return datetime.fromisoformat(v)
    if kind == "integer" and isinstance(v, str):  # wider than SQLite's INTEGER: text
        return int(v)
    return _plain(v)


def test_sqlite_types(fixture_lite: sqlite3.Connection) -> None:
    row = fixture_lite.execute(
        "SELECT typeof(published_on), published_on FROM articles WHERE article_id = 'a06'"
    ).fetchone()
    assert row == ("text", "2022-11-07")
    aliases = fixture_lite.execute(
        "SELECT aliases FROM entities WHERE entity_id = 'e-petrescu'").fetchone()[0]
    assert json.loads(aliases) == ["Radu Petrescu", "Colonel Radu Petrescu", "Petrescu"]
    flags = fixture_lite.execute("SELECT claim_id, is_direct_quote FROM claims WHERE claim_id "
                                 "IN ('cl-a01-1', 'cl-a02-1') ORDER BY 1").fetchall()
    assert flags == [("cl-a01-1", 1), ("cl-a02-1", 0)]


def test_indexes_on_filter_columns(fixture_lite: sqlite3.Connection) -> None:
    indexed = set()
    for (table,) in fixture_lite.execute("SELECT name FROM sqlite_master WHERE type='table'"):
        for idx in fixture_lite.execute(f"PRAGMA index_list('{table}')").fetchall():
            for col in fixture_lite.execute(f"PRAGMA index_info('{idx[1]}')"):
                indexed.add((table, col[2]))
    for wanted in [("counts", "article_id"), ("counts", "unit"), ("counts", "qualifier"),
                   ("entity_mentions", "entity_id"), ("event_mentions", "event_id"),
                   ("articles", "outlet"), ("entities", "entity_type"), ("sentences", "role"),
                   ("counts", "anchor_event_id"), ("claims", "speaker_entity_id")]:
        assert wanted in indexed


def test_full_text_search(fixture_duck: duckdb.DuckDBPyConnection,
                          fixture_pub: tuple[Path, Path]) -> None:
    word = "earthquake"
    expected = sorted(r[0] for r in fixture_duck.execute(
        "SELECT article_id FROM articles WHERE regexp_matches(lower(title || ' ' || text), "
        "'\\b' || $w || '\\b')", {"w": word}).fetchall())
    claims_expected = sorted(r[0] for r in fixture_duck.execute(
        "SELECT claim_id FROM claims WHERE regexp_matches(lower(quote), '\\bclean\\b')"
    ).fetchall())
    assert expected and claims_expected
    (s1, articles), (s2, claims), (s3, meta) = datasette_json(fixture_pub[1], [
        f"/factdb/articles.json?_search={word}&_shape=array&_col=title",
        "/factdb/claims.json?_search=clean&_shape=array",
        "/factdb/articles.json?_size=0",
    ])
    assert (s1, s2, s3) == (200, 200, 200)
    assert sorted(a["article_id"] for a in articles) == expected
    assert sorted(c["claim_id"] for c in claims) == claims_expected
    assert meta["is_view"] is False


# --- metadata ----------------------------------------------------------------------------


def test_metadata_is_generated(fixture_pub: tuple[Path, Path],
                               fixture_duck: duckdb.DuckDBPyConnection) -> None:
    document = yaml.safe_load((fixture_pub[1] / "metadata.yml").read_text(encoding="utf-8"))
    assert document["title"] == "factdb"
    assert document["source"] == "factdb 0.1.0, run run-fixture"
    assert {"description", "source_url", "license", "license_url"} <= set(document)
    assert document["license"] == (
        "Article texts, quotes and sentences: © their publishers, shown for reference; "
        "the extracted facts and factdb itself: Apache-2.0")
    assert document["license_url"] == "https://www.apache.org/licenses/LICENSE-2.0"
    database = document["databases"]["factdb"]
    from factdb.publish.datasette import SCHEMA_DOC

    docs = load(SCHEMA_DOC, db.SCHEMA_DIR.glob("*.sql"))
    for t in read_tables(fixture_duck):
        meta = database["tables"][t.name]
        if docs.table(t.name).description:
            assert meta["description"] == docs.table(t.name).description
        # every column: its human label, then its description ("Label: description")
        assert meta["columns"] == {
            c.name: (f"{column_label(c.name)}: {docs.column(t.name, c.name)}"
                     if docs.column(t.name, c.name) else column_label(c.name))
            for c in t.columns}
        assert meta["title"] == table_label(t.name)
    tables = database["tables"]
    assert tables["articles"]["label_column"] == "title"
    assert tables["entities"]["label_column"] == "name"
    assert tables["events"]["label_column"] == "label"
    assert {"unit", "qualifier"} <= set(tables["counts"]["facets"])
    assert tables["articles"]["facets"] == ["outlet"]
    assert tables["entities"]["facets"] == ["entity_type"]
    assert tables["articles"]["fts_table"] == "articles_fts"
    assert tables["claims"]["fts_table"] == "claims_fts"
    queries = database["queries"]
    assert set(queries) == set(registry()) | {"search"}
    for name, q in registry().items():
        assert queries[name]["title"] == q.title
        assert queries[name]["description"].startswith(q.description)
        assert queries[name].get("params", []) == [p.name for p in q.params]
        assert queries[name]["sql"] == to_sqlite(q.sql, schema_info(read_tables(fixture_duck)),
                                                 {p.name: p.default for p in q.params
                                                  if p.default is not None})
    chart = queries["counts_around_event"]["fragment"]
    assert chart == ("g.mark=circle&g.x_column=window_start&g.x_type=temporal"
                     "&g.y_column=value&g.y_type=quantitative&g.color_column=period")


def test_datasette_shows_labels_facets_and_settings(
        fixture_pub: tuple[Path, Path], fixture_duck: duckdb.DuckDBPyConnection) -> None:
    (s1, labelled), (s2, table), (s3, settings), (s4, plugins), (s5, dbs) = datasette_json(
        fixture_pub[1], [
            "/factdb/counts.json?_labels=on&_shape=objects&count_id=c-a01-1",
            "/factdb/counts.json?_size=1",
            "/-/settings.json",
            "/-/plugins.json",
            "/-/databases.json",
        ])
    assert (s1, s2, s3, s4, s5) == (200, 200, 200, 200, 200)
    assert [(d["name"], d["is_mutable"]) for d in dbs] == [("factdb", False)]
    row = labelled["rows"][0]
    assert row["anchor_event_id"] == {"value": "ev-mediation",
                                      "label": "mediator visit to Lisvane"}
    assert row["article_id"] == {"value": "a01", "label": "Shelling stops after mediator visit"}
    units = dict(fixture_duck.execute(
        "SELECT unit, count(*) FROM counts GROUP BY unit").fetchall())
    facet = table["facet_results"]["unit"]["results"]
    assert {r["value"]: r["count"] for r in facet} == units
    assert settings["suggest_facets"] is False
    assert settings["sql_time_limit_ms"] > 0 and settings["max_returned_rows"] >= 1000
    assert "datasette-vega" in {p["name"] for p in plugins}
    assert [p["name"] for p in plugins if "prepare_connection" in p["hooks"]] == [
        "factdb.publish.sqlite_functions"]


def test_asgi_app_serves_under_a_base_url(fixture_pub: tuple[Path, Path]) -> None:
    import httpx

    from factdb.publish import asgi_app

    app = asgi_app(fixture_pub[1], base_url="/datasette/")

    async def fetch() -> tuple[httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return (await client.get("/datasette/factdb/counts_around_event.json"
                                     "?event=visit&unit=attack&_shape=array"),
                    await client.get("/datasette/factdb"))

    data, page = asyncio.run(fetch())
    assert data.status_code == 200 and len(data.json()) == len(expected_cases(
        "counts_around_event")[0]["rows"])
    assert page.status_code == 200
    assert 'href="/datasette/factdb/counts"' in page.text
    assert 'href="/datasette/factdb/counts_around_event#g.mark=' in page.text


# --- parity: every named query, DuckDB vs Datasette ----------------------------------------


def test_named_queries_agree_on_the_fixture_corpus(
        fixture_pub: tuple[Path, Path], fixture_duck: duckdb.DuckDBPyConnection) -> None:
    cases = [(name, case["params"]) for name in sorted(registry())
             for case in expected_cases(name)]
    assert {name for name, _ in cases} == set(registry())
    responses = datasette_json(fixture_pub[1], [query_path(n, p) for n, p in cases])
    total = 0
    for (name, params), (status, body) in zip(cases, responses, strict=True):
        assert status == 200, (name, params, body)
        columns, rows = registry()[name].run(fixture_duck, params)
        left, right = compare_rows(columns, rows, body)
        assert left == right, (name, params)
        total += len(rows)
    assert total >= 50


SEED_CASES: list[tuple[str, dict[str, str]]] = [
    ("counts_around_event", {"event": "visit", "unit": "attack"}),
    ("counts_around_event", {"event": "visit", "unit": "attacks"}),
    ("entity_profile", {"entity": "Qaani"}),
    ("claims_by_entity", {"entity": "Qaani"}),
    ("event_timeline", {}),
    ("corroboration", {}),
    ("disagreements", {}),
]


def test_named_queries_agree_on_the_seeds(seeds_db: Path, tmp_path: Path) -> None:
    report = build(seeds_db, tmp_path / "pub")
    assert report.warnings == []
    con = db.connect(seeds_db, read_only=True)
    try:
        cases = [(n, p) for n, p in SEED_CASES if n in registry()]
        first_article = con.execute("SELECT min(article_id) FROM articles").fetchone()[0]
        if "article_facts" in registry():
            cases.append(("article_facts", {"article": first_article}))
        responses = datasette_json(tmp_path / "pub", [query_path(n, p) for n, p in cases])
        for (name, params), (status, body) in zip(cases, responses, strict=True):
            assert status == 200, (name, params, body)
            columns, rows = registry()[name].run(con, params)
            left, right = compare_rows(columns, rows, body)
            assert left == right, (name, params)
    finally:
        con.close()


# --- the transpiler, construct by construct --------------------------------------------

SAMPLE_ROWS = [
    (1, "a", date(2024, 1, 29), 2.5, True, ["x", "y"], "Ann Lee"),
    (2, "a", None, None, False, [], "Bo"),
    (3, "b", date(2023, 12, 31), 10.0, None, ["z"], None),
    (4, "b", date(2024, 2, 29), -1.0, True, None, "Cy (Jr.)"),
    (5, "c", date(2024, 3, 1), 0.0, False, ["x"], "Ann"),
]

TRANSPILE_CASES: list[tuple[str, str, dict[str, str]]] = [
    ("ordered list of structs",
     "SELECT grp, list(struct_pack(id := id, d := d, flag := flag, tags := tags) "
     "ORDER BY d DESC, id) AS items FROM t GROUP BY grp ORDER BY grp", {}),
    ("distinct list, nulls first",
     "SELECT list(DISTINCT grp ORDER BY grp DESC) AS g, "
     "list(d ORDER BY d NULLS FIRST) AS ds FROM t", {}),
    ("filtered list, empty is NULL",
     "SELECT list(id ORDER BY id) FILTER (WHERE v > 100) AS none, "
     "list(id ORDER BY v DESC) FILTER (WHERE v >= 0) AS some FROM t", {}),
    ("string_agg ordered, GROUP BY ALL",
     "SELECT grp, string_agg(name, '; ' ORDER BY name DESC) AS names, count(*) AS n "
     "FROM t GROUP BY ALL ORDER BY grp", {}),
    ("first and last",
     "SELECT grp, first(name ORDER BY id DESC) AS f, last(name ORDER BY id DESC) AS l "
     "FROM t GROUP BY grp ORDER BY grp", {}),
    ("arg_min of a struct, arg_max",
     "SELECT grp, arg_min(struct_pack(id := id, name := name), v) AS lowest, "
     "arg_max(id, d) AS latest FROM t GROUP BY ALL ORDER BY 1", {}),
    ("slices and subscripts",
     "SELECT grp, list(id ORDER BY id)[1:1] AS head, list(id ORDER BY id)[2] AS second, "
     "list(id ORDER BY id)[-1:] AS tail FROM t GROUP BY grp ORDER BY grp", {}),
    ("unnest",
     "SELECT id, tag FROM (SELECT id, unnest(tags) AS tag FROM t) AS u ORDER BY id, tag", {}),
    ("unnest in a correlated EXISTS",
     "SELECT id FROM t WHERE EXISTS (SELECT 1 FROM (SELECT unnest(t.tags) AS x) AS u "
     "WHERE u.x = $tag) ORDER BY id", {"tag": "x"}),
    ("list functions",
     "SELECT id, list_append(tags, name) AS more, list_contains(tags, 'x') AS has_x, "
     "len(tags) AS n, coalesce(tags, []) AS tags2, [struct_pack(id := id, tags := tags)] "
     "AS one FROM t ORDER BY id", {}),
    ("date arithmetic",
     "SELECT id, CAST(d - INTERVAL 14 DAY AS DATE) AS before, "
     "CAST(d + INTERVAL 1 MONTH AS DATE) AS next_month, d + 1 AS tomorrow, "
     "d - 1 AS yesterday, DATE '2024-03-01' - d AS days, year(d) AS y, month(d) AS m, "
     "CAST(date_trunc('month', d) AS DATE) AS month_start FROM t ORDER BY id", {}),
    ("whole rows as structs",
     "WITH s AS (SELECT grp, count(*) AS n, list(id ORDER BY id) AS ids FROM t GROUP BY grp), "
     "pairs AS (SELECT x AS a, y AS b FROM s AS x JOIN s AS y ON x.grp < y.grp) "
     "SELECT p.a.grp AS a_grp, p.b.grp AS b_grp, p.a.ids AS a_ids, p.b.n AS b_n, "
     "p.a.ids[1] AS a_first, p.b AS b FROM pairs AS p ORDER BY 1, 2", {}),
    ("regular expressions, contains, concat_ws, IS NOT DISTINCT FROM",
     "SELECT id, regexp_matches(lower(name), '\\b' || regexp_escape(lower($w)) || '\\b') AS w, "
     "contains(lower(name), 'ann') AS c, concat_ws('|', grp, name, CAST(v AS VARCHAR)) AS k, "
     "name IS NOT DISTINCT FROM $n AS same, name IS DISTINCT FROM $n AS other "
     "FROM t ORDER BY id", {"w": "lee", "n": "Bo"}),
]


@pytest.fixture(scope="module")
def sample_engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[
        tuple[duckdb.DuckDBPyConnection, sqlite3.Connection, SchemaInfo]]:
    duck = duckdb.connect()
    duck.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, grp VARCHAR, d DATE, v DOUBLE, "
                 "flag BOOLEAN, tags VARCHAR[], name VARCHAR)")
    duck.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)", SAMPLE_ROWS)
    tables = read_tables(duck)
    path = tmp_path_factory.mktemp("transpile") / "t.db"
    copy_database(duck, tables, [], path)
    lite = sqlite3.connect(path)
    sqlite_functions.register(lite)
    lite.row_factory = sqlite3.Row
    yield duck, lite, schema_info(tables)
    lite.close()
    duck.close()


@pytest.mark.parametrize("label, sql, params", TRANSPILE_CASES,
                         ids=[c[0] for c in TRANSPILE_CASES])
def test_transpiled_query_gives_the_duckdb_rows(
        sample_engines: tuple[duckdb.DuckDBPyConnection, sqlite3.Connection, SchemaInfo],
        label: str, sql: str, params: dict[str, str]) -> None:
    duck, lite, info = sample_engines
    cur = duck.execute(sql, params)
    columns = [d[0] for d in cur.description or []]
    duck_rows = cur.fetchall()
    lite_rows = [dict(r) for r in lite.execute(to_sqlite(sql, info), params).fetchall()]
    assert duck_rows, label
    left, right = compare_rows(columns, duck_rows, lite_rows)
    assert left == right


def test_list_of_structs_becomes_json_objects(
        sample_engines: tuple[duckdb.DuckDBPyConnection, sqlite3.Connection, SchemaInfo]
) -> None:
    sql = to_sqlite("SELECT list(struct_pack(a := id, q := name) ORDER BY id) AS c FROM t",
                    sample_engines[2], pretty=False)
    assert sql == ("SELECT FACTDB_LIST(1, 0, JSON_OBJECT('a', id, 'q', name), 0, id) AS c "
                   "FROM t")


def test_parameter_defaults_apply_when_datasette_sends_empty(
        sample_engines: tuple[duckdb.DuckDBPyConnection, sqlite3.Connection, SchemaInfo]
) -> None:
    duck, lite, info = sample_engines
    sql = "SELECT id FROM t WHERE grp = $g OR $extra = 'all' ORDER BY id"
    lite_sql = to_sqlite(sql, info, {"g": "b", "extra": ""})
    assert [r[0] for r in lite.execute(lite_sql, {"g": "", "extra": ""})] == [
        r[0] for r in duck.execute(sql, {"g": "b", "extra": ""}).fetchall()] == [3, 4]
    assert [r[0] for r in lite.execute(lite_sql, {"g": "c", "extra": ""})] == [5]


@pytest.mark.parametrize("sql, problem", [
    ("SELECT unnest(tags) AS a, unnest(tags) AS b FROM t", "several unnest"),
    ("WITH s AS (SELECT * FROM t) SELECT x AS r FROM s AS x", "selects *"),
    ("SELECT d + INTERVAL 1 MILLENNIUM FROM t", "interval unit"),
])
def test_constructs_without_a_sqlite_form_are_refused(
        sample_engines: tuple[duckdb.DuckDBPyConnection, sqlite3.Connection, SchemaInfo],
        sql: str, problem: str) -> None:
    with pytest.raises(TranspileError, match=problem):
        to_sqlite(sql, sample_engines[2])


def test_a_query_without_sqlite_form_is_left_out_with_a_warning(tmp_path: Path) -> None:
    path = build_fixture_db(tmp_path / "f.duckdb")
    good = NamedQuery("units", "Units", "Distinct units.", (), "SELECT DISTINCT unit FROM "
                      "counts ORDER BY unit", tmp_path / "units.sql")
    bad = NamedQuery("pairs", "Pairs", "Two unnests.", (Param("x", "x"),),
                     "SELECT unnest(aliases) AS a, unnest(aliases) AS b FROM entities "
                     "WHERE name = $x", tmp_path / "pairs.sql")
    report = build(path, tmp_path / "pub", queries={"units": good, "pairs": bad})
    assert report.queries == ["units"]
    assert len(report.warnings) == 1 and report.warnings[0].startswith(
        "query 'pairs' is not published: several unnest()")


# --- the command and the directory -----------------------------------------------------


def test_publish_command_writes_the_directory(tmp_path: Path) -> None:
    path = build_fixture_db(tmp_path / "f.duckdb")
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", str(out), "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert re.match(r"published .*factdb\.db \(\d+ tables, \d+ rows, \d+ canned queries\)",
                    result.output)
    assert sorted(p.name for p in out.iterdir()) == [
        "factdb.db", "inspect-data.json", "metadata.yml", "plugins", "settings.json"]
    assert (out / "plugins" / "factdb_functions.py").read_text() == Path(
        sqlite_functions.__file__).read_text()
    inspect = json.loads((out / "inspect-data.json").read_text())
    lite = sqlite3.connect(out / "factdb.db")
    counts = {t: lite.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
              for t in inspect["factdb"]["tables"]}
    lite.close()
    assert {t: v["count"] for t, v in inspect["factdb"]["tables"].items()} == counts
    assert publish(path, out) == out / "factdb.db"
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]


def test_failed_publish_keeps_the_previous_copy(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_fixture_db(tmp_path / "f.duckdb")
    out = tmp_path / "site"
    build(path, out)
    before = (out / "factdb.db").read_bytes()

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk full")

    monkeypatch.setattr("factdb.publish.datasette.canned_queries", broken)
    with pytest.raises(RuntimeError):
        build(path, out)
    assert (out / "factdb.db").read_bytes() == before
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]


def test_publish_of_a_missing_database_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["publish", str(tmp_path / "out"), "--db",
                                       str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "no such database" in result.output
    assert not (tmp_path / "out" / "factdb.db").exists()



# --- readable citations and labels -------------------------------------------------------


def test_labels_read_as_words() -> None:
    assert [table_label(t) for t in ("counts", "answers_event_timeline", "new_things")] == [
        "Counts (reported numbers)", "Answers: event timeline", "New things"]
    assert [column_label(c) for c in ("published_on", "char_start", "window_char_end",
                                      "speaker_entity_id", "is_relayed", "config_sha256")] == [
        "Publication date", "Starts at (character)", "Window character end",
        "Speaker (entity)", "Relayed?", "Config SHA-256"]


def test_citations_render_as_outlet_date_and_marked_sentence() -> None:
    from factdb.publish.citations_html import render

    citation = {"article_id": "a1", "outlet": "Ledger <Daily>", "url": "https://x.example/1",
                "published_on": "2024-03-05", "quote": "stopped", "char_start": 24,
                "char_end": 31, "sentence": "Fighting stopped on <Monday>.",
                "sentence_start": 15, "mark_start": 9, "mark_end": 16,
                "article_view": "/pages/articles/a1?at=24-31#c24-31"}
    html = str(render(json.dumps([citation]), lambda a: f"/factdb/articles/{a}"))
    assert html == (
        '<ul class="factdb-citations"><li class="factdb-citation"><div class="factdb-source">'
        '<span class="factdb-outlet">Ledger &lt;Daily&gt;</span> · <time>2024-03-05</time>'
        '</div><blockquote class="factdb-sentence">Fighting <mark>stopped</mark> on '
        '&lt;Monday&gt;.</blockquote><div class="factdb-links"><a href="/pages/articles/a1?'
        'at=24-31#c24-31">article at 24–31</a> · <a href="/factdb/articles/a1">article row</a>'
        ' · <a href="https://x.example/1" rel="noopener noreferrer">source</a></div></li></ul>')
    # marks that do not give the quote back: the quote alone is shown
    wrong = dict(citation, mark_start=0, mark_end=3, outlet=None, url="javascript:x",
                 article_view="//evil.example/")
    html = str(render(json.dumps([wrong]), lambda a: None))
    assert ('<span class="factdb-outlet">outlet unknown</span>' in html
            and '<blockquote class="factdb-sentence"><mark>stopped</mark></blockquote>' in html
            and "evil" not in html and "javascript" not in html)
    # sides of a disagreement, each with its citations
    sides = [{"side": 1, "position": "130", "citations": [citation]},
             {"side": 2, "position": "112", "citations": [citation]}]
    html = str(render(json.dumps(sides), lambda a: None))
    assert html.count('<div class="factdb-side-label">') == 2
    assert '<div class="factdb-side-label">side 1, position 130</div>' in html
    # anything else is left to Datasette
    assert render('["a", "b"]', lambda a: None) is None
    assert render(json.dumps([{"quote": "x"}]), lambda a: None) is None
    assert render("not json [", lambda a: None) is None


def test_datasette_shows_citations_as_html_not_json(fixture_pub: tuple[Path, Path]) -> None:
    ds = datasette(fixture_pub[1])

    async def fetch() -> tuple[str, str, int, str]:
        page = await ds.client.get("/factdb/event_timeline")
        search = await ds.client.get("/factdb/fact_citations?kind=event&id=ev-quake")
        css = await ds.client.get("/-/factdb-citations.css")
        return page.text, search.text, css.status_code, css.text

    page, one, css_status, css = asyncio.run(fetch())
    for html in (page, one):
        assert '<ul class="factdb-citations">' in html
        assert "&#34;quote&#34;" not in html and "&quot;quote&quot;" not in html
        assert ('<span class="factdb-outlet">Capital Post</span> · <time>2022-11-07</time>'
                '</div><blockquote class="factdb-sentence"><mark>A magnitude 6.8 earthquake '
                'struck Varna province on November 5</mark>, killing at least 112 people, '
                'officials said.</blockquote>') in html
        assert '<a href="/pages/articles/a06?at=49-111#c49-111">article at 49–111</a>' in html
        assert "/-/factdb-citations.css" in html
    assert css_status == 200
    # cells wrap, and a table with citations becomes one card per row (no sideways scroll)
    assert "white-space: normal" in css and "table.factdb-cards tr { display: flex" in css


def test_integers_wider_than_sqlite_are_copied_as_text(tmp_path: Path) -> None:
    duck = duckdb.connect(str(tmp_path / "wide.duckdb"))
    duck.execute("CREATE TABLE hashes (id VARCHAR PRIMARY KEY, h UBIGINT, n BIGINT)")
    duck.execute("INSERT INTO hashes VALUES ('a', 18446744073709551615, 5), ('b', NULL, -1)")
    tables = read_tables(duck)
    copy_database(duck, tables, [], tmp_path / "wide.db")
    duck.close()
    lite = sqlite3.connect(tmp_path / "wide.db")
    try:
        assert lite.execute("SELECT id, h, typeof(h), n FROM hashes ORDER BY id").fetchall() == [
            ("a", "18446744073709551615", "text", 5), ("b", None, "null", -1)]
    finally:
        lite.close()


def test_a_key_shared_by_two_tables_refers_to_the_table_named_for_it() -> None:
    def table(name: str, pk: str, *columns: str) -> Table:
        return Table(name, tuple(Column(c, "VARCHAR", True) for c in (pk, *columns)),
                     (pk,))

    tables = [table("articles", "article_id"), table("article_log", "article_id", "x"),
              table("counts", "count_id", "article_id")]
    assert [(fk.table, fk.column, fk.ref_table) for fk in implied_foreign_keys(tables)] == [
        ("counts", "article_id", "articles")]
