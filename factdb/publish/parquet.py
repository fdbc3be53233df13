"""The one Parquet writer: a table or a SELECT, through Arrow, zstd-compressed.

``export_parquet`` writes one file per table (types kept: DATE, lists, structs) and a manifest
into a directory: every file goes into a temporary directory next to the target and is moved
in only when all are written (the manifest last), so a failed export leaves the target as it
was. The API's downloads use ``table_parquet_bytes``/``query_parquet_bytes``: the same writer,
into memory. The writer reads DuckDB's result as Arrow record batches and never asks DuckDB
to open a file, so it also works on the API's locked connection (no file access).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import duckdb
import pyarrow.parquet as pq

from factdb import __version__, db
from factdb.errors import PublishError, UnknownTable
from factdb.publish.catalog import read_tables
from factdb.publish.files import file_sha256
from factdb.queries import NamedQuery

COMPRESSION = "zstd"
BATCH_ROWS = 100_000


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def write_parquet(con: duckdb.DuckDBPyConnection, sql: str, params: Mapping[str, Any],
                  out: Path | IO[bytes]) -> None:
    """The rows of one SELECT (with $name parameters) as a Parquet file (zstd) at out."""
    cur = con.cursor()
    try:
        reader = cur.sql(sql, params=dict(params)).to_arrow_reader(BATCH_ROWS)
        with pq.ParquetWriter(out, reader.schema, compression=COMPRESSION) as writer:
            for batch in reader:
                writer.write_batch(batch)
    finally:
        cur.close()


def _table_select(con: duckdb.DuckDBPyConnection, table: str) -> str:
    if table not in db.list_tables(con):
        raise UnknownTable(f"no table named '{table}'")
    return f"SELECT * FROM {db.quote_ident(table)}"


def _schema(con: duckdb.DuckDBPyConnection, path: Path) -> list[dict[str, str]]:
    rows = con.execute("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
                       f"read_parquet({_sql_string(str(path))}))").fetchall()
    return [{"name": r[0], "type": r[1]} for r in rows]


def _entry(con: duckdb.DuckDBPyConnection, path: Path, schema: list[dict[str, str]]) -> dict[
        str, Any]:
    row = con.execute(f"SELECT count(*) FROM read_parquet({_sql_string(str(path))})").fetchone()
    return {"file": path.name, "rows": int(row[0]) if row else 0, "sha256": file_sha256(path),
            "schema": schema}


def latest_run(con: duckdb.DuckDBPyConnection) -> str | None:
    """The id of the most recent completed extraction run."""
    row = con.execute("SELECT run_id FROM extraction_runs WHERE status = 'completed' "
                      "ORDER BY finished_at DESC NULLS LAST, started_at DESC LIMIT 1").fetchone()
    return str(row[0]) if row else None


def export_parquet(db_path: str | Path, out_dir: str | Path,
                   query: tuple[NamedQuery, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """Write DIR/<table>.parquet for every table (and DIR/<query>.parquet), and manifest.json.

    Returns the manifest.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise PublishError(f"{out}: exists and is not a directory")
    out.parent.mkdir(parents=True, exist_ok=True)
    con = db.connect(db_path, read_only=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        tables = read_tables(con)
        manifest: dict[str, Any] = {
            "run_id": latest_run(con),
            "factdb_version": __version__,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "tables": {},
        }
        for t in tables:
            path = staging / f"{t.name}.parquet"
            write_parquet(con, _table_select(con, t.name), {}, path)
            schema = [{"name": c.name, "type": c.type} for c in t.columns]
            manifest["tables"][t.name] = _entry(con, path, schema)
        if query is not None:
            named, values = query
            bound = named.bind(values)
            path = staging / f"{named.name}.parquet"
            if named.name in manifest["tables"]:
                raise PublishError(f"query '{named.name}' has the name of a table")
            with named.param_errors():
                write_parquet(con, named.sql_for(con), bound, path)
            manifest["queries"] = {named.name: {"params": bound,
                                                **_entry(con, path, _schema(con, path))}}
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n",
                                               encoding="utf-8")
        out.mkdir(exist_ok=True)
        for path in sorted(staging.iterdir(), key=lambda p: p.name == "manifest.json"):
            os.replace(path, out / path.name)
        return manifest
    finally:
        con.close()
        shutil.rmtree(staging, ignore_errors=True)


def _bytes(con: duckdb.DuckDBPyConnection, sql: str, params: Mapping[str, Any]) -> bytes:
    out = io.BytesIO()
    write_parquet(con, sql, params, out)
    return out.getvalue()


def table_parquet_bytes(con: duckdb.DuckDBPyConnection, table: str) -> bytes:
    """One table as a Parquet file (zstd). Raises UnknownTable."""
    return _bytes(con, _table_select(con, table), {})


def query_parquet_bytes(con: duckdb.DuckDBPyConnection, sql: str,
                        params: Mapping[str, Any]) -> bytes:
    """The rows of one SELECT (with $name parameters) as a Parquet file (zstd)."""
    return _bytes(con, sql, params)


def named_query_parquet_bytes(con: duckdb.DuckDBPyConnection, named: NamedQuery,
                              values: Mapping[str, Any]) -> bytes:
    """The rows of a named query as a Parquet file (zstd). Raises QueryParamError."""
    bound = named.bind(values)
    with named.param_errors():
        return _bytes(con, named.sql_for(con), bound)
