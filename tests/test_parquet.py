"""`factdb export parquet`: one file per table with DuckDB's types, a manifest, named queries.

Files are read back with pyarrow and polars and compared with DuckDB, on the fixture corpus
of the query tests (ceasefire talks, an earthquake, an election, a rate decision, a cup final).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from factdb import __version__, db
from factdb.cli import main
from factdb.publish import (
    UnknownTable,
    export_parquet,
    query_parquet_bytes,
    table_parquet_bytes,
)
from factdb.publish.catalog import read_tables
from factdb.queries import QueryParamError, get
from tests.test_queries import build_fixture_db

ARROW_TYPES = {
    "VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": pa.list_(pa.string()),
}


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture_db(tmp_path_factory.mktemp("parquet") / "fixture.duckdb")


@pytest.fixture(scope="module")
def exported(fixture_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    out = tmp_path_factory.mktemp("export") / "parquet"
    result = CliRunner().invoke(main, ["export", "parquet", str(out), "--db", str(fixture_db),
                                       "--query", "counts_around_event", "-p", "event=visit",
                                       "-p", "unit=attack"])
    assert result.exit_code == 0, result.output
    return out, json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def con(fixture_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    c = db.connect(fixture_db, read_only=True)
    yield c
    c.close()


def _rows(con: duckdb.DuckDBPyConnection, table: str) -> list[dict[str, Any]]:
    cur = con.execute(f"SELECT * FROM {db.quote_ident(table)}")
    cols = [d[0] for d in cur.description or []]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _key(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, default=str)


def test_one_file_per_table_with_its_rows(exported: tuple[Path, Any],
                                          con: duckdb.DuckDBPyConnection) -> None:
    out, manifest = exported
    tables = read_tables(con)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t.name}.parquet" for t in tables] + ["counts_around_event.parquet",
                                                  "manifest.json"])
    nonempty = 0
    for t in tables:
        expected = _rows(con, t.name)
        arrow = pq.read_table(out / f"{t.name}.parquet")
        assert sorted(arrow.to_pylist(), key=_key) == sorted(expected, key=_key), t.name
        frame = pl.read_parquet(out / f"{t.name}.parquet")
        assert frame.columns == [c.name for c in t.columns]
        assert sorted(frame.to_dicts(), key=_key) == sorted(expected, key=_key), t.name
        nonempty += bool(expected)
    assert nonempty >= 8


def test_types_are_kept(exported: tuple[Path, Any], con: duckdb.DuckDBPyConnection) -> None:
    out, _ = exported
    seen = set()
    for t in read_tables(con):
        schema = pq.read_schema(out / f"{t.name}.parquet")
        for c in t.columns:
            if c.type in ARROW_TYPES:
                assert schema.field(c.name).type == ARROW_TYPES[c.type], (t.name, c.name)
                seen.add(c.type)
    assert {"DATE", "VARCHAR[]", "BOOLEAN", "DOUBLE", "TIMESTAMP"} <= seen
    frame = pl.read_parquet(out / "events.parquet")
    assert frame.schema["date_start"] == pl.Date
    entities = pl.read_parquet(out / "entities.parquet")
    assert entities.schema["aliases"] == pl.List(pl.String)
    first = entities.filter(pl.col("entity_id") == "e-petrescu")["aliases"].to_list()
    assert first == [["Radu Petrescu", "Colonel Radu Petrescu", "Petrescu"]]


def test_manifest(exported: tuple[Path, Any], con: duckdb.DuckDBPyConnection) -> None:
    out, manifest = exported
    assert manifest["run_id"] == "run-fixture"
    assert manifest["factdb_version"] == __version__
    assert datetime.fromisoformat(manifest["exported_at"]).tzinfo is not None
    tables = read_tables(con)
    assert set(manifest["tables"]) == {t.name for t in tables}
    for t in tables:
        entry = manifest["tables"][t.name]
        path = out / entry["file"]
        assert entry["file"] == f"{t.name}.parquet"
        assert entry["rows"] == len(_rows(con, t.name))
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["schema"] == [{"name": c.name, "type": c.type} for c in t.columns]


def test_named_query_export(exported: tuple[Path, Any], con: duckdb.DuckDBPyConnection) -> None:
    out, manifest = exported
    columns, rows = get("counts_around_event").run(con, {"event": "visit", "unit": "attack"})
    expected = [dict(zip(columns, r, strict=True)) for r in rows]
    assert len(expected) >= 3
    arrow = pq.read_table(out / "counts_around_event.parquet")
    assert arrow.to_pylist() == expected
    assert arrow.schema.field("citations").type == pa.list_(pa.struct([
        ("article_id", pa.string()), ("outlet", pa.string()), ("url", pa.string()),
        ("published_on", pa.date32()), ("quote", pa.string()), ("char_start", pa.int32()),
        ("char_end", pa.int32()), ("sentence", pa.string()), ("sentence_start", pa.int32()),
        ("mark_start", pa.int32()), ("mark_end", pa.int32()), ("article_view", pa.string())]))
    assert arrow.schema.field("window_start").type == pa.date32()
    entry = manifest["queries"]["counts_around_event"]
    assert entry["params"] == {"event": "visit", "unit": "attack"}
    assert entry["rows"] == len(expected)
    assert [f["name"] for f in entry["schema"]] == columns
    assert dict((f["name"], f["type"]) for f in entry["schema"])["window_start"] == "DATE"


def test_failed_export_leaves_the_directory_as_it_was(fixture_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_parquet(fixture_db, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(QueryParamError):
        export_parquet(fixture_db, out, (get("counts_around_event"), {"event": "visit"}))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]
    result = CliRunner().invoke(main, ["export", "parquet", str(tmp_path / "new"), "--db",
                                       str(fixture_db), "--query", "no_such_query"])
    assert result.exit_code == 2 and "no query named 'no_such_query'" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]


def test_bytes_for_api_downloads(con: duckdb.DuckDBPyConnection) -> None:
    table = pq.read_table(io.BytesIO(table_parquet_bytes(con, "dates")))
    assert sorted(table.to_pylist(), key=_key) == sorted(_rows(con, "dates"), key=_key)
    assert table.schema.field("value_start").type == pa.date32()
    sql = "SELECT unit, count(*) AS n, min(window_start) AS first FROM counts " \
          "WHERE qualifier = $q GROUP BY unit ORDER BY unit"
    result = pq.read_table(io.BytesIO(query_parquet_bytes(con, sql, {"q": "exact"})))
    assert result.to_pylist() == [
        {"unit": u, "n": n, "first": f} for u, n, f in
        con.execute(sql, {"q": "exact"}).fetchall()]
    assert any(isinstance(r["first"], date) for r in result.to_pylist())
    with pytest.raises(UnknownTable):
        table_parquet_bytes(con, "counts; DROP TABLE counts")
