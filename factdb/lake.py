"""The DuckLake catalog: factdb's store beyond one DuckDB file (docs/adr/0014-scale-out.md).

A catalog directory holds ``factdb.ducklake`` (the DuckLake catalog, a DuckDB file: the
tables, their snapshots and the list of data files) and ``data/`` (the rows, as Parquet
files). Every commit is one snapshot; readers see the last committed one.

DuckLake has no primary keys, unique constraints or indexes. The catalog therefore holds
the rows and columns of factdb's schema (and its macros and views), while the keys are
checked where the rows are made: in the driver's workspace, a DuckDB database with the full
schema in which the load's resolvers run (``workspace``), before ``publish`` writes the
changed rows (of any article, and of the corpus-wide tables) to the catalog in one
transaction.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from factdb import db
from factdb.errors import SchemaError

CATALOG_FILE = "factdb.ducklake"
DATA_DIR = "data"
ALIAS = "lake"

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
    """Fill the (empty, migrated) workspace with the catalog's last snapshot. A table whose
    column types the catalog holds otherwise (an answer table, which its builder makes
    anew with the build's types, factdb.resolve.answers) is made again with the catalog's
    types, its indexes kept."""
    ws = db.quote_ident(workspace)
    for table in tables(con, ALIAS):
        names = ", ".join(db.quote_ident(n) for n, _ in columns(con, ALIAS, table))
        q = db.quote_ident(table)
        if table == "schema_migrations":
            continue
        if _retyped(con, workspace, table):
            _retype_workspace(con, workspace, table)
        con.execute(f"INSERT INTO {ws}.{q} ({names}) SELECT {names} FROM {ALIAS}.{q}")


def _retyped(con: duckdb.DuckDBPyConnection, workspace: str, table: str) -> bool:
    """Does a column of ``table`` have another type in the catalog than in the workspace?"""
    mine = dict(columns(con, workspace, table))
    return any(name in mine and mine[name] != kind for name, kind in columns(con, ALIAS, table))


def _retype_workspace(con: duckdb.DuckDBPyConnection, workspace: str, table: str) -> None:
    indexes = [str(r[0]) for r in con.execute(
        "SELECT sql FROM duckdb_indexes() WHERE database_name = ? AND table_name = ? "
        "AND sql IS NOT NULL", [workspace, table]).fetchall()]
    names = [str(r[0]) for r in con.execute(
        "SELECT index_name FROM duckdb_indexes() WHERE database_name = ? AND table_name = ?",
        [workspace, table]).fetchall()]
    ws = db.quote_ident(workspace)
    for name in names:
        con.execute(f"DROP INDEX {ws}.main.{db.quote_ident(name)}")
    cols = ", ".join(f"{db.quote_ident(n)} {t}" for n, t in columns(con, ALIAS, table))
    con.execute(f"CREATE OR REPLACE TABLE {ws}.main.{db.quote_ident(table)} ({cols})")
    con.execute(f"USE {ws}")
    for sql in indexes:
        con.execute(sql)


#: The column rows of a table without a one-column primary key or article_id are replaced
#: by, when its first column is not the best one (any column gives the same rows).
REPLACE_BY = {"answers_corroboration": "group_key", "answers_claims_by_entity": "claim_id",
              "answer_inputs": "id"}


def publish(con: duckdb.DuckDBPyConnection, workspace: str) -> dict[str, int]:
    """Write what changed in the workspace to the catalog in one transaction (one snapshot).

    The resolvers run over the whole corpus, so a batch can rewrite rows of articles it did
    not load (an older article's entity or event id after a new merge, a group id, a
    corpus-wide recovered mention) as well as the corpus-wide tables. Each table is
    therefore compared with the catalog's last snapshot row by row (every column) before
    the commit, and the rows of the key values whose rows differ are replaced: the key is
    the table's primary key, else ``article_id``, else ``REPLACE_BY`` or the first column
    (deleting every catalog row of a key value and inserting every workspace row of it is
    exact whatever the column; a selective one writes less). A table whose column types
    changed in the workspace (an answer table made anew by its builder) is made again in
    the catalog with every row. Returns table -> key values rewritten (-1: the whole
    table); an unchanged table is not touched, so a re-run writes no data file.
    """
    ws = db.quote_ident(workspace)
    plan: list[tuple[str, str, str, int]] = []  # table, columns, key, key values changed
    try:
        for table in tables(con, workspace):
            names = ", ".join(db.quote_ident(n) for n, _ in columns(con, ALIAS, table))
            if _retyped(con, workspace, table):  # the builder changed its column types
                plan.append((table, names, "", -1))
                continue
            key = _row_key(con, workspace, table)
            n = _changed_keys(con, workspace, table, names, key)
            if n:
                plan.append((table, names, key, n))
        # one transaction writes to one database: the changed keys are computed above
        con.execute("BEGIN TRANSACTION")
        try:
            for table, names, key, _ in plan:
                q, keys = db.quote_ident(table), f"temp.main.{_keys_table(table)}"
                if not key:  # made again with the workspace's types, every row
                    con.execute(f"DROP TABLE {ALIAS}.{q}")
                    con.execute(f"CREATE TABLE {ALIAS}.{q} AS FROM {ws}.{q} LIMIT 0")
                    con.execute(f"INSERT INTO {ALIAS}.{q} ({names}) SELECT {names} "
                                f"FROM {ws}.{q}")
                    continue
                k = db.quote_ident(key)
                hit = (f"({k} IN (SELECT k FROM {keys}) OR ({k} IS NULL AND "
                       f"EXISTS (SELECT 1 FROM {keys} WHERE k IS NULL)))")
                con.execute(f"DELETE FROM {ALIAS}.{q} WHERE {hit}")
                con.execute(f"INSERT INTO {ALIAS}.{q} ({names}) SELECT {names} FROM {ws}.{q} "
                            f"WHERE {hit}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        for table in tables(con, workspace):
            con.execute(f"DROP TABLE IF EXISTS temp.main.{_keys_table(table)}")
    return {table: n for table, _, _, n in plan}


def _keys_table(table: str) -> str:
    return db.quote_ident(f"_lake_changed_{table}")


def _row_key(con: duckdb.DuckDBPyConnection, workspace: str, table: str) -> str:
    """The column a table's rows are replaced by (see publish)."""
    row = con.execute("SELECT constraint_column_names FROM duckdb_constraints() WHERE "
                      "database_name = ? AND table_name = ? AND constraint_type = 'PRIMARY KEY'",
                      [workspace, table]).fetchone()
    if row and len(row[0]) == 1:
        return str(row[0][0])
    names = [n for n, _ in columns(con, workspace, table)]
    if "article_id" in names:
        return "article_id"
    return REPLACE_BY.get(table, names[0])


def _changed_keys(con: duckdb.DuckDBPyConnection, workspace: str, table: str, names: str,
                  key: str) -> int:
    """How many key values of ``table`` have rows that differ between the workspace and
    the catalog (kept in a temp table for publish)."""
    q, ws = db.quote_ident(table), db.quote_ident(workspace)
    new = f"SELECT {names} FROM {ws}.{q} EXCEPT ALL SELECT {names} FROM {ALIAS}.{q}"
    old = f"SELECT {names} FROM {ALIAS}.{q} EXCEPT ALL SELECT {names} FROM {ws}.{q}"
    k = db.quote_ident(key)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {_keys_table(table)} AS "
                f"SELECT {k} AS k FROM ({new}) UNION SELECT {k} FROM ({old})")
    row = con.execute(f"SELECT count(*) FROM temp.main.{_keys_table(table)}").fetchone()
    return int(row[0]) if row else 0


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
