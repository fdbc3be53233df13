"""A SQLite copy of the DuckDB database: every table and row, keys, indexes, full-text search.

Types: DATE and TIMESTAMP become ISO 8601 text, lists and structs JSON text, BOOLEAN 0/1,
DECIMAL REAL. Primary keys are kept; foreign keys are declared by the rule in
factdb.publish.catalog, each only if every reference in the data resolves (otherwise it is
left out with a warning). The columns people filter and facet by are indexed, and articles
(title, text) and claims (quote, content) get FTS5 tables that Datasette finds by itself.
The copy adds one table of its own, search_sentences: every sentence with its text, article,
outlet, date, role and entities, with an FTS5 index (sentence search, docs/publishing.md).
Integers wider than SQLite's (UBIGINT, HUGEINT) are copied as decimal text.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from factdb.db import quote_ident as q
from factdb.publish.catalog import Column, ForeignKey, Table, dangling_references

#: Columns indexed wherever they occur (besides every foreign-key column).
INDEX_COLUMNS = ("article_id", "sentence_id", "entity_id", "event_id", "run_id", "unit",
                 "qualifier", "outlet", "entity_type", "role", "event_type", "granularity",
                 "basis", "published_on", "claim_group_id", "group_id")
#: Full-text search: table -> searchable columns (those that exist are used).
FTS_COLUMNS = {"articles": ("title", "text"), "claims": ("quote", "content")}
FTS_TOKENIZER = "unicode61 remove_diacritics 2"
BATCH_ROWS = 5000
#: The copy's own table for sentence search (it is not in DuckDB): one row per sentence with
#: its text, article, outlet, date, role and the names of the entities mentioned in it.
SEARCH_TABLE = "search_sentences"
SEARCH_FTS_COLUMNS = ("text",)
SEARCH_COLUMNS = ("sentence_id", "article_id", "title", "outlet", "published_on", "role",
                  "seq", "char_start", "char_end", "text", "entities")

_SQLITE_TYPES = {"json": "TEXT", "boolean": "INTEGER", "integer": "INTEGER", "real": "REAL",
                 "date": "TEXT", "timestamp": "TEXT", "blob": "BLOB", "text": "TEXT"}


@dataclass
class CopyResult:
    row_counts: dict[str, int] = field(default_factory=dict)
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    indexes: list[tuple[str, str]] = field(default_factory=list)
    fts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


#: Integer types wider than SQLite's signed 64-bit INTEGER: copied as decimal text.
_WIDE_INTEGERS = frozenset({"UBIGINT", "HUGEINT", "UHUGEINT"})


def _wide(column: Column) -> bool:
    return column.type.upper() in _WIDE_INTEGERS


def sqlite_type(column: Column) -> str:
    return "TEXT" if _wide(column) else _SQLITE_TYPES[column.kind]


def read_expression(column: Column) -> str:
    """The DuckDB expression that yields the column's value as SQLite stores it."""
    c = q(column.name)
    kind = column.kind
    if kind == "json":
        return f"CAST(to_json({c}) AS VARCHAR)"
    if kind == "boolean":
        return f"CAST({c} AS INTEGER)"
    if kind == "real":
        return f"CAST({c} AS DOUBLE)"
    if kind in ("date", "timestamp"):
        return f"CAST({c} AS VARCHAR)"
    if _wide(column):
        return f"CAST({c} AS VARCHAR)"
    if kind in ("integer", "blob"):
        return c
    return f"CAST({c} AS VARCHAR)" if column.type.upper() != "VARCHAR" else c


def create_table_sql(table: Table, fks: list[ForeignKey]) -> str:
    parts = [f"{q(c.name)} {sqlite_type(c)}" + ("" if c.nullable else " NOT NULL")
             for c in table.columns]
    if table.primary_key:
        parts.append("PRIMARY KEY (" + ", ".join(q(c) for c in table.primary_key) + ")")
    for fk in fks:
        parts.append(f"FOREIGN KEY ({q(fk.column)}) REFERENCES {q(fk.ref_table)} "
                     f"({q(fk.ref_column)})")
    return f"CREATE TABLE {q(table.name)} (\n    " + ",\n    ".join(parts) + "\n)"


def indexed_columns(table: Table, fks: list[ForeignKey]) -> list[str]:
    wanted = {fk.column for fk in fks} | set(INDEX_COLUMNS)
    return [c.name for c in table.columns
            if c.name in wanted and table.primary_key[:1] != (c.name,)]


def copy_database(con: duckdb.DuckDBPyConnection, tables: list[Table],
                  candidate_fks: list[ForeignKey], dest: Path) -> CopyResult:
    """Write every table into a new SQLite file at dest (which must not exist)."""
    result = CopyResult()
    for fk in candidate_fks:
        dangling = dangling_references(con, fk)
        if dangling:
            result.warnings.append(
                f"{fk.table}.{fk.column}: {dangling} rows refer to no {fk.ref_table} row; "
                "the foreign key is not declared")
        else:
            result.foreign_keys.append(fk)
    out = sqlite3.connect(dest, isolation_level=None)
    try:
        out.execute("PRAGMA journal_mode = OFF")
        out.execute("PRAGMA synchronous = OFF")
        out.execute("BEGIN")
        for table in tables:
            fks = [fk for fk in result.foreign_keys if fk.table == table.name]
            out.execute(create_table_sql(table, fks))
            result.row_counts[table.name] = _copy_rows(con, out, table)
            for column in indexed_columns(table, fks):
                name = f"idx_{table.name}_{column}"
                out.execute(f"CREATE INDEX {q(name)} ON {q(table.name)} ({q(column)})")
                result.indexes.append((table.name, column))
            fts = [c for c in FTS_COLUMNS.get(table.name, ()) if table.column(c)]
            if fts:
                _create_fts(out, table.name, fts)
                result.fts[table.name] = tuple(fts)
        if {"sentences", "articles"} <= {t.name for t in tables}:
            result.row_counts[SEARCH_TABLE] = _create_sentence_search(con, out)
            result.fts[SEARCH_TABLE] = SEARCH_FTS_COLUMNS
        out.execute("COMMIT")
        violations = out.execute("PRAGMA foreign_key_check").fetchall()
        if violations:
            result.warnings.append(f"foreign key check found {len(violations)} violations")
        out.execute("ANALYZE")
    finally:
        out.close()
    return result


def _copy_rows(con: duckdb.DuckDBPyConnection, out: sqlite3.Connection, table: Table) -> int:
    select = ", ".join(read_expression(c) for c in table.columns)
    order = ", ".join(q(c) for c in table.primary_key)
    cur = con.cursor()
    try:
        cur.execute(f"SELECT {select} FROM {q(table.name)}"
                    + (f" ORDER BY {order}" if order else ""))
        insert = (f"INSERT INTO {q(table.name)} VALUES ("
                  + ", ".join("?" for _ in table.columns) + ")")
        total = 0
        while True:
            rows = cur.fetchmany(BATCH_ROWS)
            if not rows:
                return total
            out.executemany(insert, rows)
            total += len(rows)
    finally:
        cur.close()


def _create_fts(out: sqlite3.Connection, table: str, columns: list[str]) -> None:
    fts = f"{table}_fts"
    cols = ", ".join(q(c) for c in columns)
    # content="<table>" (double quotes) is what Datasette's FTS detection looks for.
    out.execute(f"CREATE VIRTUAL TABLE {q(fts)} USING fts5({cols}, content={q(table)}, "
                f"tokenize='{FTS_TOKENIZER}')")
    out.execute(f"INSERT INTO {q(fts)} (rowid, {cols}) SELECT rowid, {cols} FROM {q(table)}")


def _create_sentence_search(con: duckdb.DuckDBPyConnection, out: sqlite3.Connection) -> int:
    """The search_sentences table (sentence text cut from the article text by its offsets,
    entities as a JSON list of names) and its FTS5 index; returns its row count."""
    out.execute(f"""CREATE TABLE {q(SEARCH_TABLE)} (
    sentence_id TEXT PRIMARY KEY REFERENCES sentences (sentence_id),
    article_id TEXT NOT NULL REFERENCES articles (article_id),
    title TEXT, outlet TEXT, published_on TEXT, role TEXT NOT NULL, seq INTEGER NOT NULL,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, text TEXT NOT NULL,
    entities TEXT NOT NULL)""")
    cur = con.cursor()
    try:
        cur.execute("""
            WITH named AS (
                SELECT m.sentence_id, list(DISTINCT e.name ORDER BY e.name) AS names
                FROM entity_mentions AS m JOIN entities AS e ON e.entity_id = m.entity_id
                GROUP BY m.sentence_id
            )
            SELECT s.sentence_id, s.article_id, a.title, a.outlet,
                   CAST(a.published_on AS VARCHAR), s.role, s.seq, s.char_start, s.char_end,
                   substr(a.text, s.char_start + 1, s.char_end - s.char_start),
                   CAST(to_json(coalesce(n.names, [])) AS VARCHAR)
            FROM sentences AS s
            JOIN articles AS a ON a.article_id = s.article_id
            LEFT JOIN named AS n ON n.sentence_id = s.sentence_id
            ORDER BY s.article_id, s.seq""")
        insert = (f"INSERT INTO {q(SEARCH_TABLE)} VALUES ("
                  + ", ".join("?" for _ in SEARCH_COLUMNS) + ")")
        total = 0
        while rows := cur.fetchmany(BATCH_ROWS):
            out.executemany(insert, rows)
            total += len(rows)
    finally:
        cur.close()
    for column in ("article_id", "outlet", "published_on", "role"):
        out.execute(f"CREATE INDEX {q(f'idx_{SEARCH_TABLE}_{column}')} "
                    f"ON {q(SEARCH_TABLE)} ({q(column)})")
    _create_fts(out, SEARCH_TABLE, list(SEARCH_FTS_COLUMNS))
    return total
