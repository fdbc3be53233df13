"""Answer tables: every named query's answer, computed once per load, read by key.

The last resolver of a load (docs/adr/0012). For each named query with a build file
(``factdb/sql/answers/<name>.build.sql``) it writes the table ``answers_<name>``: the
query's output rows for every key it can be asked about (an article, an event and unit, an
entity, a fact, a fact group, a claim, a disagreement), citations already built, stored in
the order the query reads them so that a key's rows sit together (DuckDB skips the row
groups whose min/max cannot hold the key). The named query then reads its answer with a
short statement (``<name>.read.sql``) that resolves its parameters to keys first, exactly as
the full query does; the full SQL (``factdb/sql/queries/<name>.sql``) stays the reference,
and tests/test_queries.py checks that both give the same rows for every key.

Every load rebuilds the tables whole, inside the load transaction, with one set-based
INSERT ... SELECT each (seconds at 100,000 articles: bench/README.md); ``answer_builds``
records, per query, the run that last built it, and a query reads its answer table only
when it has a row there (a database loaded before migration 014 keeps answering with the
full SQL until its next load). Rebuilding per key (only the keys a load touched) is not
done: the resolvers before this one rewrite entity, group and anchor ids across the whole
corpus without recording which rows they changed (docs/adr/0012).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb

from factdb.db import SQL_DIR, quote_ident
from factdb.runs import Run, utcnow

ANSWER_DIR = SQL_DIR / "answers"
_HEADER = re.compile(r"^--\s?(?P<key>[a-z_]+):\s*(?P<value>.*)$")


@dataclass(frozen=True)
class AnswerBuild:
    """One answer table: its name, key columns, sort order and the query that fills it."""

    query: str
    table: str
    keys: tuple[str, ...]
    order: str
    sql: str
    #: columns stored as JSON text (lists of citations, ids, sides): one string per row is
    #: read without unpacking every row's list (docs/adr/0012); the query decodes them
    json: tuple[str, ...] = ()
    #: the column of the table's ART index: a read with a constant equality on it fetches
    #: its rows without scanning the table
    index: str | None = None


def parse_build_file(path: Path) -> AnswerBuild:
    header: dict[str, str] = {}
    body: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _HEADER.match(line)
        if not body and m:
            header[m.group("key")] = m.group("value").strip()
        elif body or not line.startswith("--"):
            body.append(line)
    query = path.name.removesuffix(".build.sql")
    return AnswerBuild(query=query, table=header["table"],
                       keys=names(header["key"]), order=header["order"],
                       sql="\n".join(body).strip().rstrip(";"),
                       json=names(header.get("json", "")), index=header.get("index") or None)


def names(text: str) -> tuple[str, ...]:
    """A header's comma-separated column names."""
    return tuple(n.strip() for n in text.split(",") if n.strip())


@lru_cache(maxsize=1)
def builds() -> tuple[AnswerBuild, ...]:
    """Every answer table's build, by query name order."""
    return tuple(parse_build_file(p) for p in sorted(ANSWER_DIR.glob("*.build.sql")))


def read_sql(query: str) -> str | None:
    """The statement that reads a named query's answer table, or None if it has none."""
    return _text(ANSWER_DIR / f"{query}.read.sql")


def keys_sql(query: str) -> str | None:
    """The statement that resolves a named query's parameters to the keys its answer read
    takes (``<name>.keys.sql``: at most one row, its columns are the read's extra
    ``$parameters``), or None if the read resolves them itself."""
    return _text(ANSWER_DIR / f"{query}.keys.sql")


def read_json_columns(query: str) -> tuple[str, ...]:
    """The output columns of a query's answer read that hold JSON text (its ``-- json:``
    header line), decoded by the named query."""
    text = read_sql(query) or ""
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            break
        if m.group("key") == "json":
            return names(m.group("value"))
    return ()


def _text(path: Path) -> str | None:
    return path.read_text(encoding="utf-8").strip().rstrip(";") if path.exists() else None


def index_name(b: AnswerBuild) -> str:
    return f"{b.table}_{b.index}_idx"


def build_one(con: duckdb.DuckDBPyConnection, b: AnswerBuild, run_id: str) -> int:
    """Rebuild one answer table whole (its index dropped during the insert and built after
    it); returns its row count."""
    table = quote_ident(b.table)
    if b.index:
        con.execute(f"DROP INDEX IF EXISTS {quote_ident(index_name(b))}")
    con.execute(f"DELETE FROM {table}")
    select = "*"
    if b.json:
        select += " REPLACE (" + ", ".join(
            f"CAST(to_json({quote_ident(c)}) AS VARCHAR) AS {quote_ident(c)}"
            for c in b.json) + ")"
    con.execute(f"INSERT INTO {table} BY NAME SELECT {select} FROM ({b.sql}) "
                f"ORDER BY {b.order}")
    if b.index:
        con.execute(f"CREATE INDEX {quote_ident(index_name(b))} ON {table} "
                    f"({quote_ident(b.index)})")
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    count = int(row[0]) if row else 0
    con.execute("INSERT OR REPLACE INTO answer_builds (query, run_id, built_at, row_count) "
                "VALUES (?, ?, ?, ?)", [b.query, run_id, utcnow(), count])
    return count


def build_all(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, tuple[int, float]]:
    """Rebuild every answer table; (rows, seconds) per query."""
    out: dict[str, tuple[int, float]] = {}
    for b in builds():
        t0 = time.perf_counter()
        out[b.query] = (build_one(con, b, run_id), time.perf_counter() - t0)
    return out


def resolve(con: duckdb.DuckDBPyConnection, run: Run) -> None:
    """The resolver: fill the answer tables for the load's run."""
    build_all(con, run.run_id)


def built(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The queries whose answer table is filled (an empty set before migration 014)."""
    try:
        return frozenset(r[0] for r in con.execute("SELECT query FROM answer_builds").fetchall())
    except duckdb.CatalogException:
        return frozenset()
