"""Every domain error factdb raises on purpose, each with a `kind`; no HTTP codes here.

The CLI turns a FactdbError into a one-line message and an exit code (factdb/cli.py); the
API turns its `kind` (and, for SQL errors, its `reason`) into an HTTP status and a problem
type in one table (api/errors.py).

kinds: input, schema, query_definition, unknown_query, query_param,
sql_rejected, query_failed, publish, unknown_table, transpile, ungrounded, database_busy.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

__all__ = [
    "DatabaseBusy", "FactdbError", "InputError", "PublishError",
    "QueryDefinitionError", "QueryError", "QueryFailed", "QueryParamError", "SchemaError",
    "SqlRejected",
    "TranspileError", "UngroundedFact", "UnknownQuery", "UnknownTable", "error_kinds",
]


class FactdbError(Exception):
    """Base class of every error factdb raises on purpose."""

    kind: ClassVar[str] = "factdb"


# --- loading --------------------------------------------------------------------------------

class InputError(FactdbError):
    """A source file that cannot be loaded: names the file and the problem."""

    kind = "input"

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class UngroundedFact(FactdbError, ValueError):
    """A fact whose quote is not the text at its offsets; it is never stored."""

    kind = "ungrounded"


class SchemaError(FactdbError):
    """The database file is not a factdb database, or its migrations disagree with the code."""

    kind = "schema"


class DatabaseBusy(FactdbError):
    """The database file is locked by another process (a load, or a server reading it)."""

    kind = "database_busy"


# --- named queries --------------------------------------------------------------------------

class QueryDefinitionError(FactdbError):
    """A query file that breaks the registry's rules."""

    kind = "query_definition"


class UnknownQuery(FactdbError):
    """No named query of that name."""

    kind = "unknown_query"


class QueryParamError(FactdbError):
    """Missing, unexpected or unusable parameters for a named query."""

    kind = "query_param"


# --- user SQL -------------------------------------------------------------------------------

class QueryError(FactdbError):
    """A SQL statement that is refused or fails; `reason` says why (a sub-kind).

    Refused by the guard (SqlRejected): too_large, characters, parse, not_select, table,
    table_function, function, too_deep, ... Failed (QueryFailed): timeout, resources,
    forbidden, query, interrupted, config (the read-only connection is not locked down).
    """

    kind = "query_failed"

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        self.message = message
        super().__init__(message)


class SqlRejected(QueryError):
    """A statement the guard refuses before it reaches the database."""

    kind = "sql_rejected"


class QueryFailed(QueryError):
    """A checked statement that the database or its limits stopped."""

    kind = "query_failed"


# --- publishing -----------------------------------------------------------------------------

class PublishError(FactdbError):
    """A publish or export that cannot be done (nothing was written)."""

    kind = "publish"


class UnknownTable(FactdbError):
    """No table of that name in the database."""

    kind = "unknown_table"


class TranspileError(FactdbError):
    """A DuckDB query with no SQLite form."""

    kind = "transpile"


class UnknownChange(FactdbError):
    """A run or article version that the store does not have, or no earlier version to
    compare with (factdb.changes)."""

    kind = "unknown_change"


def error_kinds() -> dict[str, type[FactdbError]]:
    """Every error class by kind (the most general class of a kind wins)."""
    out: dict[str, type[FactdbError]] = {}
    for cls in (FactdbError, InputError, UngroundedFact, SchemaError, DatabaseBusy,
                QueryDefinitionError, UnknownQuery, QueryParamError, QueryError, SqlRejected,
                PublishError, UnknownTable, TranspileError, UnknownChange):
        out.setdefault(cls.kind, cls)
    return out
