"""Parquet export: one file per table (types kept: DATE, lists, structs) and a manifest.

``export_parquet`` writes every file into a temporary directory next to the target and
moves them in only when all are written (the manifest last), so a failed export leaves the
target as it was. The API's downloads use ``table_parquet_bytes``/``query_parquet_bytes``.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from factdb import __version__, db
from factdb.publish.catalog import read_tables
from factdb.publish.errors import PublishError, UnknownTable
from factdb.publish.files import file_sha256
from factdb.queries import NamedQuery

COPY_OPTIONS = "(FORMAT parquet, COMPRESSION zstd)"


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


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


def copy_table(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    if table not in {t.name for t in read_tables(con)}:
        raise UnknownTable(f"no table named '{table}'")
    con.execute(f"COPY {db.quote_ident(table)} TO {_sql_string(str(path))} {COPY_OPTIONS}")


def copy_query(con: duckdb.DuckDBPyConnection, sql: str, params: Mapping[str, Any],
               path: Path) -> None:
    con.execute(f"COPY ({sql}) TO {_sql_string(str(path))} {COPY_OPTIONS}", dict(params))


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
            copy_table(con, t.name, path)
            schema = [{"name": c.name, "type": c.type} for c in t.columns]
            manifest["tables"][t.name] = _entry(con, path, schema)
        if query is not None:
            named, values = query
            bound = named.bind(values)
            path = staging / f"{named.name}.parquet"
            if named.name in manifest["tables"]:
                raise PublishError(f"query '{named.name}' has the name of a table")
            copy_query(con, named.sql, bound, path)
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


def _bytes_of(write: Any) -> bytes:
    with tempfile.TemporaryDirectory(prefix="factdb-parquet-") as tmp:
        path = Path(tmp) / "out.parquet"
        write(path)
        return path.read_bytes()


def table_parquet_bytes(con: duckdb.DuckDBPyConnection, table: str) -> bytes:
    """One table as a Parquet file (zstd). Raises UnknownTable."""
    return _bytes_of(lambda path: copy_table(con, table, path))


def query_parquet_bytes(con: duckdb.DuckDBPyConnection, sql: str,
                        params: Mapping[str, Any]) -> bytes:
    """The rows of one SELECT (with $name parameters) as a Parquet file (zstd)."""
    return _bytes_of(lambda path: copy_query(con, sql, params, path))
