"""What the DuckDB catalog says about the tables, and the foreign keys their column names imply.

Foreign-key rule (documented in docs/publishing.md and docs/adr/0005): a column named
``*_id`` refers to the table whose single-column primary key has the same name
(``article_id`` -> articles, ``run_id`` -> extraction_runs, ``group_id`` -> fact_groups),
or, for a table named for its key (entities for entity_id, events for event_id), whose key
name it ends with after an underscore (``speaker_entity_id`` and ``location_entity_id`` ->
entities, ``anchor_event_id`` -> events; but ``claim_group_id`` does not refer to
fact_groups). Not foreign keys: a table's own primary key; a table's own id column
(``<x>_id`` in a table named ``<x>s`` or ``..._<x>s``, e.g. event_mentions.mention_id); and
every column of a history table (``*_versions``), which keeps the ids of rows that were
replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from factdb.db import list_tables, quote_ident

#: Tables of past versions: their ids may point at rows that no longer exist.
HISTORY_SUFFIX = "_versions"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool

    @property
    def kind(self) -> str:
        """json | boolean | integer | real | date | timestamp | blob | text."""
        return column_kind(self.type)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass(frozen=True)
class ForeignKey:
    table: str
    column: str
    ref_table: str
    ref_column: str


_INTEGER = re.compile(r"^(U?(TINYINT|SMALLINT|INTEGER|BIGINT)|INT\d*)$")
_REAL = re.compile(r"^(FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?|NUMERIC.*)$")


def column_kind(duck_type: str) -> str:
    t = duck_type.upper().strip()
    if t.endswith("]") or t.startswith(("STRUCT", "MAP", "UNION")) or t == "JSON":
        return "json"
    if t == "BOOLEAN":
        return "boolean"
    if _INTEGER.match(t):
        return "integer"
    if _REAL.match(t):
        return "real"
    if t == "DATE":
        return "date"
    if t.startswith(("TIMESTAMP", "TIME")):
        return "timestamp"
    if t == "BLOB":
        return "blob"
    return "text"


def read_tables(con: duckdb.DuckDBPyConnection) -> list[Table]:
    """Every base table of the main schema, by name, with columns in order and primary key."""
    names = list_tables(con)
    pks: dict[str, tuple[str, ...]] = {}
    for table, cols in con.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
        "WHERE constraint_type = 'PRIMARY KEY' AND schema_name = 'main' "
        "AND database_name = current_database()"
    ).fetchall():
        pks[table] = tuple(cols)
    tables = []
    for name in names:
        cols = con.execute(
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
            "WHERE table_schema = 'main' AND table_catalog = current_database() "
            "AND table_name = ? ORDER BY ordinal_position", [name]).fetchall()
        tables.append(Table(name, tuple(Column(c, t, n == "YES") for c, t, n in cols),
                            pks.get(name, ())))
    return tables


def _own_id(table: str, column: str) -> bool:
    if not column.endswith("_id"):
        return False
    stem = column[:-3]
    return table == stem + "s" or table.endswith("_" + stem + "s")


def _named_for(table: str, key: str) -> bool:
    """Is the table named for its key: entity_id -> entities, event_id -> events."""
    stem = key[:-3]
    plurals = {stem + "s", stem + "es"} | ({stem[:-1] + "ies"} if stem.endswith("y") else set())
    return table in plurals


def implied_foreign_keys(tables: list[Table]) -> list[ForeignKey]:
    """The foreign keys the column names imply (see the module docstring)."""
    # a key that is the primary key of several tables (e.g. article_id in articles and a
    # bookkeeping table) belongs to the table named for it; else to the first by name
    owners: dict[str, str] = {}
    for t in sorted(tables, key=lambda t: t.name):
        if len(t.primary_key) == 1 and t.primary_key[0].endswith("_id"):
            key = t.primary_key[0]
            if key not in owners or (_named_for(t.name, key)
                                     and not _named_for(owners[key], key)):
                owners[key] = t.name
    by_length = sorted((k for k, t in owners.items() if _named_for(t, k)), key=len,
                       reverse=True)
    out = []
    for t in tables:
        if t.name.endswith(HISTORY_SUFFIX):
            continue
        for c in t.columns:
            if t.primary_key == (c.name,) or _own_id(t.name, c.name):
                continue
            owner = c.name if c.name in owners else next(
                (k for k in by_length if c.name.endswith("_" + k)), None)
            if owner is not None:
                out.append(ForeignKey(t.name, c.name, owners[owner], owner))
    return out


def dangling_references(con: duckdb.DuckDBPyConnection, fk: ForeignKey) -> int:
    """Rows whose non-NULL reference has no row in the referenced table."""
    q = quote_ident
    row = con.execute(
        f"SELECT count(*) FROM {q(fk.table)} AS c WHERE c.{q(fk.column)} IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM {q(fk.ref_table)} AS p "
        f"WHERE p.{q(fk.ref_column)} = c.{q(fk.column)})").fetchone()
    return int(row[0]) if row else 0
