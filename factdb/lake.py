"""The DuckLake catalog: factdb's store beyond one DuckDB file (docs/adr/0014-scale-out.md).

A catalog directory holds ``factdb.ducklake`` (the DuckLake catalog, a DuckDB file: the
tables, their snapshots and the list of data files) and ``data/`` (the rows, as Parquet
files). Every commit is one snapshot; readers see the last committed one.

DuckLake has no primary keys, unique constraints or indexes. The catalog therefore holds
the rows and columns of factdb's schema (and its macros and views), while the keys are
checked where the rows are made: in the driver's workspace, a DuckDB database with the full
schema in which the load's resolvers run (``workspace``), before ``publish`` writes the
changed tables to the catalog in one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import duckdb

from factdb import db
from factdb.errors import SchemaError

CATALOG_FILE = "factdb.ducklake"
DATA_DIR = "data"
ALIAS = "lake"

#: Tables whose rows belong to one article: the driver replaces them by article_id.
PER_ARTICLE = ("articles", *db.ARTICLE_TABLES)


def is_catalog(path: str | Path) -> bool:
    return (Path(path) / CATALOG_FILE).is_file()


def load_extension(con: duckdb.DuckDBPyConnection) -> None:
    """Load DuckLake from the duckdb-extension-ducklake package (no download at run time)."""
    import duckdb_extension_ducklake as package

    root = Path(package.__file__).parent / "extensions"
    found = sorted(root.glob(f"v{duckdb.__version__}/ducklake.duckdb_extension"))
    if not found:
        raise SchemaError(f"{root}: no DuckLake extension for duckdb {duckdb.__version__}; "
                          "install the duckdb-extension-ducklake release of the same version")
    con.execute(f"LOAD '{found[0]}'")


def attach(con: duckdb.DuckDBPyConnection, catalog: str | Path, *,
           read_only: bool = False) -> None:
    """Attach the catalog as ``lake`` (created when missing, unless read_only)."""
    root = Path(catalog).resolve()
    if read_only and not is_catalog(root):
        raise SchemaError(f"{catalog}: no factdb catalog; build it with "
                          "`factdb load PATH --catalog DIR`")
    root.mkdir(parents=True, exist_ok=True)
    load_extension(con)
    options = f"DATA_PATH '{root / DATA_DIR}/'" + (", READ_ONLY" if read_only else "")
    con.execute(f"ATTACH 'ducklake:{root / CATALOG_FILE}' AS {ALIAS} ({options})")


def tables(con: duckdb.DuckDBPyConnection, database: str) -> list[str]:
    rows = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = ? "
                       "AND schema_name = 'main' ORDER BY table_name", [database]).fetchall()
    return [str(r[0]) for r in rows]


def columns(con: duckdb.DuckDBPyConnection, database: str, table: str) -> list[tuple[str, str]]:
    rows = con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                       "WHERE database_name = ? AND schema_name = 'main' AND table_name = ? "
                       "ORDER BY column_index", [database, table]).fetchall()
    return [(str(n), str(t)) for n, t in rows]


_COMMENT = re.compile(r"--[^\n]*")
_MACRO_OR_VIEW = re.compile(r"^\s*CREATE\s+(OR\s+REPLACE\s+)?(MACRO|VIEW)\b", re.I)


def sync_schema(con: duckdb.DuckDBPyConnection, workspace: str) -> None:
    """Bring the catalog's tables, columns, macros and views to the workspace's schema
    (a migrated factdb database attached as ``workspace``): new tables, new columns (DuckLake
    adds columns without rewriting files), the migration records, and every macro and view
    of the schema files. Keys and indexes stay in the workspace (DuckLake has none)."""
    have = set(tables(con, ALIAS))
    ws = db.quote_ident(workspace)
    if "schema_migrations" in have:
        applied = {r[0] for r in con.execute(
            f"SELECT version FROM {ALIAS}.schema_migrations").fetchall()}
        if applied >= {v for v, _, _ in db.migrations()}:
            return  # the catalog has this factdb's schema: no snapshot for nothing
    con.execute("BEGIN TRANSACTION")  # one snapshot for the whole schema change
    try:
        _sync_tables(con, ws, workspace, have)
        con.execute(f"USE {ALIAS}")
        for _, _, path in db.migrations():
            for statement in con.extract_statements(path.read_text(encoding="utf-8")):
                if _MACRO_OR_VIEW.match(_COMMENT.sub("", statement.query)):
                    con.execute(statement.query)
        con.execute(f"USE {ws}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        con.execute(f"USE {ws}")
        raise


def _sync_tables(con: duckdb.DuckDBPyConnection, ws: str, workspace: str,
                 have: set[str]) -> None:
    for table in tables(con, workspace):
        q = db.quote_ident(table)
        if table not in have:
            con.execute(f"CREATE TABLE {ALIAS}.{q} AS FROM {ws}.{q} LIMIT 0")
            continue
        known = {n for n, _ in columns(con, ALIAS, table)}
        for name, type_ in columns(con, workspace, table):
            if name not in known:
                con.execute(f"ALTER TABLE {ALIAS}.{q} ADD COLUMN {db.quote_ident(name)} "
                            f"{type_}")


def copy_in(con: duckdb.DuckDBPyConnection, workspace: str) -> None:
    """Fill the (empty, migrated) workspace with the catalog's last snapshot."""
    ws = db.quote_ident(workspace)
    for table in tables(con, ALIAS):
        names = ", ".join(db.quote_ident(n) for n, _ in columns(con, ALIAS, table))
        q = db.quote_ident(table)
        if table == "schema_migrations":
            continue
        con.execute(f"INSERT INTO {ws}.{q} ({names}) SELECT {names} FROM {ALIAS}.{q}")


def publish(con: duckdb.DuckDBPyConnection, workspace: str,
            articles: Iterable[str]) -> dict[str, str]:
    """Write the workspace's rows to the catalog in one transaction (one snapshot).

    Rows of one article (PER_ARTICLE) are replaced by article_id for ``articles`` (the new
    and the replaced ones); every other table, rewritten by the resolvers, is replaced whole
    when its rows differ. Returns table -> 'replaced' / 'articles' for what changed; an
    unchanged table is not touched, so a re-run that changes nothing writes no data file.
    """
    ids = sorted(set(articles))
    ws = db.quote_ident(workspace)
    changed: dict[str, str] = {}
    con.execute("BEGIN TRANSACTION")
    try:
        for table in tables(con, workspace):
            q = db.quote_ident(table)
            names = ", ".join(db.quote_ident(n) for n, _ in columns(con, ALIAS, table))
            if table in PER_ARTICLE:
                if not ids:
                    continue
                con.execute(f"DELETE FROM {ALIAS}.{q} WHERE article_id IN (SELECT unnest(?))",
                            [ids])
                con.execute(f"INSERT INTO {ALIAS}.{q} ({names}) SELECT {names} FROM "
                            f"{ws}.{q} WHERE article_id IN (SELECT unnest(?))", [ids])
                changed[table] = "articles"
                continue
            if _same(con, workspace, table, names):
                continue
            con.execute(f"DELETE FROM {ALIAS}.{q}")
            con.execute(f"INSERT INTO {ALIAS}.{q} ({names}) SELECT {names} FROM {ws}.{q}")
            changed[table] = "replaced"
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return changed


def _same(con: duckdb.DuckDBPyConnection, workspace: str, table: str, names: str) -> bool:
    q, ws = db.quote_ident(table), db.quote_ident(workspace)
    row = con.execute(
        f"SELECT (SELECT count(*) FROM (SELECT {names} FROM {ws}.{q} EXCEPT ALL "
        f"SELECT {names} FROM {ALIAS}.{q})) + (SELECT count(*) FROM (SELECT {names} FROM "
        f"{ALIAS}.{q} EXCEPT ALL SELECT {names} FROM {ws}.{q}))").fetchone()
    return bool(row and row[0] == 0)


def snapshot_id(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute(f"SELECT max(snapshot_id) FROM ducklake_snapshots('{ALIAS}')").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def serving_copy(catalog: str | Path) -> str:
    """A DuckDB file of the catalog's last snapshot, for the read-only surfaces (API, SQL,
    named queries, exports): ``<catalog>/serving/snapshot-<id>.duckdb``, made once per
    snapshot (temp name, then rename) with the full schema, keys and indexes. The locked
    read-only connection of ``factdb sql`` and the API has external access off, so it reads
    this copy rather than the catalog's Parquet files (docs/adr/0014-scale-out.md)."""
    import os

    root = Path(catalog).resolve()
    probe = duckdb.connect(":memory:")
    try:
        attach(probe, root, read_only=True)
        target = root / "serving" / f"snapshot-{snapshot_id(probe):06d}.duckdb"
    finally:
        probe.close()
    if target.is_file():
        return str(target)
    target.parent.mkdir(exist_ok=True)
    tmp = target.with_name(f"tmp-{os.getpid()}.duckdb")
    tmp.unlink(missing_ok=True)
    con = db.connect(tmp)  # migrated: the full schema, keys and indexes
    try:
        workspace = str(con.execute("SELECT current_database()").fetchone()[0])  # type: ignore[index]
        attach(con, root, read_only=True)
        copy_in(con, workspace)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, target)
    for old in target.parent.glob("snapshot-*.duckdb"):
        if old != target:
            old.unlink(missing_ok=True)
    return str(target)
