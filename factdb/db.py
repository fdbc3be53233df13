"""Connections, schema migrations, and bulk inserts into the DuckDB store."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from itertools import repeat
from pathlib import Path
from typing import Any

import duckdb

from factdb.errors import SchemaError

#: factdb's SQL, package data (docs/adr/0008): schema/NNN_*.sql (migrations), queries/*.sql
#: (named queries) and schema.md (table and column descriptions). factdb is installed as
#: files (not zipped), so the resource directory is a real directory.
SQL_DIR = Path(str(resources.files("factdb") / "sql"))
SCHEMA_DIR = SQL_DIR / "schema"
SCHEMA_DOC = SQL_DIR / "schema.md"
MIGRATION_FILE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")

#: The fact tables, each carrying the provenance columns.
FACT_TABLES = ("entity_mentions", "dates", "counts", "claims", "event_mentions")
#: Tables whose rows belong to one article (deleted when that article is replaced).
ARTICLE_TABLES = ("sentences", "entity_mentions", "entity_references", "dates", "counts", "claims",
                  "event_mentions")
#: Tables a load report and `factdb info` count.
SUMMARY_TABLES = ("articles", "sentences", "entities", "entity_mentions", "dates", "counts",
                  "claims", "events", "event_mentions")
PROVENANCE_COLUMNS = (
    "article_id",
    "sentence_id",
    "char_start",
    "char_end",
    "quote",
    "extractor",
    "confidence",
    "run_id",
)


def migrations() -> list[tuple[int, str, Path]]:
    """The schema files in order: (version, name, path)."""
    found = []
    for path in sorted(SCHEMA_DIR.glob("*.sql")):
        m = MIGRATION_FILE.match(path.name)
        if not m:
            raise SchemaError(f"{path}: schema files are named NNN_name.sql")
        found.append((int(m.group(1)), m.group(2), path))
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions):
        raise SchemaError(f"{SCHEMA_DIR}: two schema files share a version number")
    return found


def connect(path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a factdb database. Read-write connections are migrated to the current schema."""
    path = str(path)
    if read_only:
        if path != ":memory:" and not Path(path).exists():
            raise SchemaError(f"{path}: no such database; build it with `factdb load`")
        con = duckdb.connect(path, read_only=True)
        check_schema(con, path)
        return con
    con = duckdb.connect(path)
    migrate(con)
    return con


def check_schema(con: duckdb.DuckDBPyConnection, path: str) -> None:
    try:
        applied = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    except duckdb.CatalogException as exc:
        raise SchemaError(f"{path}: not a factdb database (no schema_migrations table)") from exc
    missing = [v for v, _, _ in migrations() if v not in applied]
    if missing:
        raise SchemaError(
            f"{path}: schema is older than this factdb (missing migrations {missing}); "
            "run `factdb migrate` (or any `factdb load`) to bring it up to date"
        )


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply every schema file not yet applied, each in its own transaction. Returns versions."""
    con.execute(
        """CREATE TABLE IF NOT EXISTS schema_migrations (
               version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
               sha256 VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"""
    )
    applied = dict(con.execute("SELECT version, sha256 FROM schema_migrations").fetchall())
    done = []
    for version, name, path in migrations():
        sql = path.read_text(encoding="utf-8")
        digest = hashlib.sha256(sql.encode()).hexdigest()
        if version in applied:
            if applied[version] != digest:
                raise SchemaError(
                    f"{path}: migration {version:03d} changed after it was applied; "
                    "add a new migration instead of editing an applied one"
                )
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name, sha256) VALUES (?, ?, ?)",
                [version, name, digest],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        done.append(version)
    return done


def list_tables(con: duckdb.DuckDBPyConnection, *, views: bool = False) -> list[str]:
    """The one table listing: base tables of the main schema (and views, with views=True),
    sorted by name; temporary tables and attached databases are left out."""
    cur = con.cursor()  # the connection itself may be busy in another thread
    try:
        rows = cur.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_catalog = current_database() "
            "AND (table_type = 'BASE TABLE' OR ?) ORDER BY table_name", [views]).fetchall()
    finally:
        cur.close()
    return [str(r[0]) for r in rows]


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """(name, type) of a table's columns, in order."""
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = ? AND table_schema = 'main' "
        "AND table_catalog = current_database() ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def quote_ident(name: str) -> str:
    """Quote an SQL identifier (table or column name)."""
    return '"' + name.replace('"', '""') + '"'


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Mapping[str, Any]]
) -> int:
    """Insert rows in bulk through Arrow. Columns missing from a row are NULL."""
    if not rows:
        return 0
    columns = [name for name, _ in table_columns(con, table)]
    keys: set[str] = set()
    for r in rows:
        keys.update(r.keys())
    unknown = keys - set(columns)
    if unknown:
        raise ValueError(f"{table}: unknown columns {sorted(unknown)}")
    used = [c for c in columns if c in keys]
    import pyarrow as pa  # imported by the writers only (a reading server need not)

    if all(type(r) is dict for r in rows):  # dict.get mapped over the rows: no Python loop
        batch = pa.table({c: list(map(dict.get, rows, repeat(c)))  # type: ignore[arg-type]
                          for c in used})
    else:
        batch = pa.table({c: [r.get(c) for r in rows] for c in used})
    con.register("_factdb_batch", batch)
    try:
        cols = ", ".join(quote_ident(c) for c in used)
        con.execute(f"INSERT INTO {quote_ident(table)} ({cols}) SELECT {cols} FROM _factdb_batch")
    finally:
        con.unregister("_factdb_batch")
    return len(rows)


def insert_parquet(con: duckdb.DuckDBPyConnection, table: str, files: Sequence[str]) -> None:
    """Insert the rows of Parquet files (written from this table's columns), file by file
    in the given order, matching columns by name."""
    for path in files:
        con.execute(f"INSERT INTO {quote_ident(table)} BY NAME SELECT * FROM read_parquet(?)",
                    [str(path)])


def delete_where_in(
    con: duckdb.DuckDBPyConnection, table: str, column: str, values: Iterable[str]
) -> None:
    """DELETE FROM table WHERE column IN values, with the values bound as a list."""
    vals = list(values)
    if vals:
        con.execute(
            f"DELETE FROM {quote_ident(table)} WHERE {quote_ident(column)} IN (SELECT unnest(?))",
            [vals],
        )


def row_counts(con: duckdb.DuckDBPyConnection, tables: Iterable[str]) -> dict[str, int]:
    out = {}
    for t in tables:
        row = con.execute(f"SELECT count(*) FROM {quote_ident(t)}").fetchone()
        out[t] = int(row[0]) if row else 0
    return out
