"""Running one read-only SELECT against a database file (the CLI's `factdb sql`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from factdb import db
from factdb.errors import FactdbError


class QueryError(FactdbError):
    """A statement that is not allowed or does not run."""


@dataclass
class SqlResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool


def run_readonly_sql(db_path: str, statement: str, *, max_rows: int = 1000) -> SqlResult:
    con = db.connect(db_path, read_only=True)
    try:
        try:
            cur = con.execute(statement)
        except duckdb.Error as exc:
            raise QueryError(f"query failed: {exc}") from exc
        if cur.description is None:
            raise QueryError("only statements that return rows are allowed")
        rows = cur.fetchmany(max_rows + 1)
        columns = [d[0] for d in cur.description]
    finally:
        con.close()
    return SqlResult(columns, rows[:max_rows], len(rows) > max_rows)
