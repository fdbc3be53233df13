"""Running one user SELECT on a locked, read-only DuckDB connection (CLI `factdb sql` and API).

`execute` is the one way user SQL reaches the database: the text goes through
`factdb.sqlguard.validate`, only the regenerated SQL runs, on its own cursor, under a time
limit, and at most max_rows rows come back. `open_locked` opens the database file read-only
with external access off and the configuration locked, and verifies the settings (ADR 0004).
"""

from __future__ import annotations

import re
import resource
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from factdb import db
from factdb.errors import QueryError, QueryFailed, SchemaError, SqlRejected

__all__ = [
    "DEFAULT_TIMEOUT_S", "QueryError", "QueryFailed", "SqlRejected", "SqlResult", "allowed_tables",
    "execute",
    "open_locked", "process_memory_cap", "run_readonly_sql",
]

DEFAULT_TIMEOUT_S = 2.0
DEFAULT_MEMORY_LIMIT = "512MiB"
DEFAULT_THREADS = 2
#: Memory a query may add to the process (DuckDB allocates some values outside memory_limit).
DEFAULT_MEMORY_BUDGET = 2 * 2**30


@dataclass
class SqlResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool
    sql_executed: str = ""


_Config = dict[str, str | bool | int | float | list[str]]


def _locked_config(memory_limit: str, threads: int) -> _Config:
    """Connection settings; lock_configuration comes last so every other one is applied."""
    return {
        "access_mode": "READ_ONLY",
        "enable_external_access": False,
        "autoload_known_extensions": False,
        "autoinstall_known_extensions": False,
        "allow_community_extensions": False,
        "allow_unsigned_extensions": False,
        "allow_persistent_secrets": False,
        "python_enable_replacements": False,
        "temp_directory": "",
        "memory_limit": memory_limit,
        "threads": threads,
        "lock_configuration": True,
    }


_SIZE = re.compile(r"^\s*([0-9.]+)\s*([KMGT]?i?B|bytes)\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "bytes": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12,
          "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}


def _bytes(size: str) -> float:
    m = _SIZE.match(size)
    if not m:
        raise ValueError(f"not a memory size: {size!r}")
    return float(m.group(1)) * _UNITS[m.group(2).lower()]


def _expected(name: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if name == "access_mode":
        return str(value).lower()
    return str(value)


def verify_locked(con: duckdb.DuckDBPyConnection, memory_limit: str = DEFAULT_MEMORY_LIMIT,
                  threads: int = DEFAULT_THREADS) -> None:
    """Raises QueryFailed('config') unless the connection's settings are the locked ones."""
    config = _locked_config(memory_limit, threads)
    rows = con.execute(
        "SELECT name, value FROM duckdb_settings() WHERE name IN (SELECT unnest(?))",
        [list(config)],
    ).fetchall()
    actual = {str(name): "" if value is None else str(value) for name, value in rows}
    wrong = []
    for name, value in config.items():
        got = actual.get(name)
        if name == "memory_limit":
            ok = got is not None and abs(_bytes(got) - _bytes(str(value))) <= 0.01 * _bytes(
                str(value))
        else:
            ok = got == _expected(name, value)
        if not ok:
            wrong.append(f"{name}={got!r} (want {_expected(name, value)!r})")
    if wrong:
        raise QueryFailed("config", "the read-only connection is not locked down: "
                                    + ", ".join(wrong))


def open_locked(db_path: str | Path, *, memory_limit: str = DEFAULT_MEMORY_LIMIT,
                threads: int = DEFAULT_THREADS) -> duckdb.DuckDBPyConnection:
    """A read-only connection with external access off and the configuration locked.

    DuckDB shares one database instance per file in a process: every connection to the file
    in this process must be opened here (a plain connection to the same file conflicts).
    """
    path = str(db_path)
    if path != ":memory:" and not Path(path).is_file():
        raise SchemaError(f"{path}: no such database; build it with `factdb load`")
    try:
        con = duckdb.connect(path, read_only=True, config=_locked_config(memory_limit, threads))
    except duckdb.ConnectionException as exc:
        raise QueryFailed("config", f"{path}: cannot open a locked read-only connection "
                                    f"({exc}); is the file open elsewhere in this process?"
                          ) from exc
    try:
        verify_locked(con, memory_limit, threads)
        db.check_schema(con, path)
    except Exception:
        con.close()
        raise
    return con


def _data_in_use() -> int:
    """Bytes of the process's data segment (VmData), or 0 where /proc is not available."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@contextmanager
def process_memory_cap(budget: int = DEFAULT_MEMORY_BUDGET) -> Iterator[None]:
    """Caps the process's data memory (soft RLIMIT_DATA) at what it uses now plus `budget`.

    DuckDB's memory_limit does not cover every allocation (a huge list or string value);
    under this cap such an allocation fails with an out-of-memory error instead of
    exhausting the machine. The previous limit is restored on exit. A server should hold
    the cap for its whole life (e.g. from its startup hook), since the limit is per process.
    """
    in_use = _data_in_use()
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if in_use == 0:
        yield
        return
    cap = in_use + budget
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY:
        cap = min(cap, soft)
    resource.setrlimit(resource.RLIMIT_DATA, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def allowed_tables(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """Names (lower case) of the tables and views a user query may read."""
    return frozenset(t.lower() for t in db.list_tables(con, views=True))


def execute(con: duckdb.DuckDBPyConnection, sql: str, dialect: str = "duckdb",
            max_rows: int = 1000, timeout: float = DEFAULT_TIMEOUT_S,
            tables: Iterable[str] | None = None) -> SqlResult:
    """Checks one user query and runs the regenerated SQL on its own cursor of `con`.

    Raises SqlRejected (refused), or QueryFailed with reason 'timeout', 'resources',
    'query' (DuckDB refused it) or 'forbidden' (the locked connection refused it).
    """
    if tables is None:
        tables = allowed_tables(con)
    from factdb.sqlguard import validate  # sqlglot: imported where SQL is checked

    statement = validate(sql, dialect, tables, max_rows=max_rows)
    cur = con.cursor()
    done, fired = threading.Event(), threading.Event()

    def watchdog() -> None:
        if done.wait(timeout):
            return
        fired.set()
        while not done.is_set():  # repeat: an interrupt sent before the query starts is lost
            cur.interrupt()
            done.wait(0.02)

    guard = threading.Thread(target=watchdog, name="factdb-sql-timeout", daemon=True)
    guard.start()
    try:
        cur.execute(statement)
        description = cur.description or []
        rows = cur.fetchmany(max_rows + 1)
    except duckdb.InterruptException as exc:
        if fired.is_set():
            raise QueryFailed("timeout", f"the query ran longer than {timeout:g} s and was "
                                         "stopped") from exc
        raise QueryFailed("interrupted", "the query was interrupted") from exc
    except (duckdb.OutOfMemoryException, MemoryError) as exc:
        raise QueryFailed("resources", "the query needs more memory than allowed; aggregate "
                                       "or filter more") from exc
    except duckdb.PermissionException as exc:
        raise QueryFailed("forbidden", f"refused by the read-only connection: {exc}") from exc
    except duckdb.Error as exc:
        if fired.is_set():
            raise QueryFailed("timeout", f"the query ran longer than {timeout:g} s and was "
                                         "stopped") from exc
        raise QueryFailed("query", f"the query failed: {exc}") from exc
    finally:
        done.set()
        guard.join()
        cur.close()
    columns = [str(d[0]) for d in description]
    return SqlResult(columns, rows[:max_rows], len(rows) > max_rows, statement)


def run_readonly_sql(db_path: str, statement: str, *, max_rows: int = 1000,
                     dialect: str = "duckdb", timeout: float = DEFAULT_TIMEOUT_S,
                     memory_budget: int = DEFAULT_MEMORY_BUDGET) -> SqlResult:
    """Opens the database file locked and read-only, runs one checked SELECT, closes it.

    The process's memory is capped while the query runs (see process_memory_cap).
    """
    con = open_locked(db_path)
    try:
        with process_memory_cap(memory_budget):
            return execute(con, statement, dialect, max_rows=max_rows, timeout=timeout)
    finally:
        con.close()
