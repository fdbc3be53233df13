"""SQLite functions that the published canned queries call, and the Datasette plugin that adds them.

The canned queries are DuckDB queries transpiled to SQLite (factdb.publish.transpile). SQLite
before 3.44 has no ORDER BY inside an aggregate call and no list type, so DuckDB's ordered
list, string, first and arg_min aggregates become the aggregates below (lists as JSON text),
and the DuckDB scalar functions the queries use (regular expressions, concat_ws, error) get
SQLite equivalents with DuckDB's semantics.

This module depends only on the standard library, Datasette and google-re2: `factdb publish`
copies it into the publish directory (plugins/) so that a plain `datasette serve` of that
directory runs the canned queries too.

Limits (docs/adr/0011-request-limits.md): regular expressions run on RE2 (linear time, the
engine and syntax DuckDB uses; no backreferences), never Python's backtracking `re`; every
connection gets a cap on the length of a value (a string cannot grow past
MAX_VALUE_BYTES), and an authorizer that refuses the PRAGMAs that disclose the server's
files (database_list) or change the connection.

Ordered aggregates take their ORDER BY keys as trailing (flags, key) argument pairs; flags is
1 for DESC plus 2 for NULLS FIRST.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from typing import Any

try:
    import re2
except ImportError:  # pragma: no cover - a copy of the plugin without google-re2 installed
    re2 = None

from datasette import hookimpl

DESC = 1
NULLS_FIRST = 2


def _rank(value: Any) -> tuple[int, Any]:
    """SQLite's order of storage classes: numbers, then text, then blobs."""
    if isinstance(value, int | float):
        return (0, value)
    if isinstance(value, str):
        return (1, value)
    return (2, bytes(value))


def _order(rows: list[tuple[Any, tuple[Any, ...], tuple[int, ...]]]) -> list[Any]:
    """Values of (value, keys, flags) rows sorted by the keys, most significant key first."""
    if not rows:
        return []
    flags = rows[0][2]
    ordered = list(rows)
    for i in reversed(range(len(flags))):
        nulls = [r for r in ordered if r[1][i] is None]
        values = sorted((r for r in ordered if r[1][i] is not None),
                        key=lambda r: _rank(r[1][i]),  # noqa: B023 (used at once)
                        reverse=bool(flags[i] & DESC))
        ordered = nulls + values if flags[i] & NULLS_FIRST else values + nulls
    return [r[0] for r in ordered]


def _split_order(order: tuple[Any, ...]) -> tuple[tuple[Any, ...], tuple[int, ...]]:
    if len(order) % 2:
        raise ValueError("ordered aggregate: ORDER BY arguments come in (flags, key) pairs")
    return tuple(order[1::2]), tuple(int(f) for f in order[0::2])


class _Ordered:
    def __init__(self) -> None:
        self.rows: list[tuple[Any, tuple[Any, ...], tuple[int, ...]]] = []

    def add(self, value: Any, order: tuple[Any, ...]) -> None:
        keys, flags = _split_order(order)
        self.rows.append((value, keys, flags))


def _distinct(values: list[Any]) -> list[Any]:
    seen: set[str] = set()
    out = []
    for v in values:
        marker = json.dumps(v, sort_keys=True)
        if marker not in seen:
            seen.add(marker)
            out.append(v)
    return out


class ListAgg(_Ordered):
    """factdb_list(is_json, distinct, value, [flags, key]...): DuckDB list() as JSON text.

    NULL when there are no input rows, as in DuckDB; NULL values are kept.
    """

    def step(self, is_json: int, distinct: int, value: Any, *order: Any) -> None:
        if is_json and isinstance(value, str):
            value = json.loads(value)
        elif isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        self.distinct = bool(distinct)
        self.add(value, order)

    def finalize(self) -> str | None:
        if not self.rows:
            return None
        values = _order(self.rows)
        if self.distinct:
            values = _distinct(values)
        return json.dumps(values, ensure_ascii=False)


class StringAgg(_Ordered):
    """factdb_string_agg(distinct, value, separator, [flags, key]...): DuckDB string_agg()."""

    def step(self, distinct: int, value: Any, separator: Any, *order: Any) -> None:
        self.distinct = bool(distinct)
        self.separator = "," if separator is None else str(separator)
        if value is not None:
            self.add(str(value), order)

    def finalize(self) -> str | None:
        if not self.rows:
            return None
        values = _order(self.rows)
        if self.distinct:
            values = list(dict.fromkeys(values))
        return self.separator.join(values)


class First(_Ordered):
    """factdb_first(value, [flags, key]...): DuckDB first() (NULL values count)."""

    pick = 0

    def step(self, value: Any, *order: Any) -> None:
        self.add(value, order)

    def finalize(self) -> Any:
        values = _order(self.rows)
        return values[self.pick] if values else None


class Last(First):
    """factdb_last(value, [flags, key]...): DuckDB last()."""

    pick = -1


class ArgMin:
    """factdb_arg_min(value, key): the value at the row with the smallest key.

    Rows whose value or key is NULL are ignored, as in DuckDB's arg_min; ties keep the first.
    """

    larger = False

    def __init__(self) -> None:
        self.best: tuple[tuple[int, Any], Any] | None = None

    def step(self, value: Any, key: Any) -> None:
        if value is None or key is None:
            return
        k = _rank(key)
        if self.best is None or (k > self.best[0] if self.larger else k < self.best[0]):
            self.best = (k, value)

    def finalize(self) -> Any:
        return None if self.best is None else self.best[1]


class ArgMax(ArgMin):
    """factdb_arg_max(value, key)."""

    larger = True


def list_slice(value: str | None, begin: int | None, end: int | None) -> str | None:
    """factdb_list_slice(json_list, begin, end): DuckDB list[begin:end] (1-based, inclusive)."""
    if value is None:
        return None
    items = json.loads(value)
    n = len(items)
    start = 0 if begin is None else (begin - 1 if begin > 0 else max(n + begin, 0))
    stop = n if end is None else (min(end, n) if end >= 0 else n + end + 1)
    return json.dumps(items[start:stop], ensure_ascii=False)


#: Longest string or blob value a published connection may build (SQLITE_LIMIT_LENGTH).
MAX_VALUE_BYTES = 32 * 2**20
#: Longest regular expression accepted.
MAX_PATTERN_CHARS = 1000


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str, ignore_case: bool) -> Any:
    """The pattern compiled by RE2 (linear-time matching); ValueError when RE2 refuses it."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise ValueError(f"regular expression longer than {MAX_PATTERN_CHARS} characters")
    if re2 is None:  # only without google-re2 (a bare copy of the plugin): refuse, not hang
        raise ValueError("regular expressions need the google-re2 package")
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = not ignore_case
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        raise ValueError(f"invalid regular expression: {exc}") from None


def _regex(pattern: str, options: str | None) -> Any:
    return _compiled(pattern, bool(options and "i" in options))


def regexp_matches(text: str | None, pattern: str | None, options: str | None = None) -> int | None:
    """DuckDB regexp_matches: does the pattern match anywhere in the text."""
    if text is None or pattern is None:
        return None
    return int(_regex(pattern, options).search(text) is not None)


def regexp_operator(pattern: str | None, text: str | None) -> int | None:
    """SQLite's `text REGEXP pattern` operator."""
    return regexp_matches(text, pattern)


def regexp_full_match(text: str | None, pattern: str | None,
                      options: str | None = None) -> int | None:
    if text is None or pattern is None:
        return None
    return int(_regex(pattern, options).fullmatch(text) is not None)


def regexp_escape(text: str | None) -> str | None:
    """A pattern that matches the text literally (for regexp_matches)."""
    return None if text is None else re.escape(text)


def regexp_replace(text: str | None, pattern: str | None, replacement: str | None,
                   options: str | None = None) -> str | None:
    """DuckDB regexp_replace: the first match, or every match with option 'g'."""
    if text is None or pattern is None or replacement is None:
        return None
    count = 0 if options and "g" in options else 1
    return str(_regex(pattern, options).sub(replacement, text, count=count))


def regexp_extract(text: str | None, pattern: str | None, group: int = 0) -> str | None:
    """DuckDB regexp_extract: the group of the first match, or '' when nothing matches."""
    if text is None or pattern is None:
        return None
    m = _regex(pattern, None).search(text)
    return (m.group(group) or "") if m else ""


def concat_ws(separator: str | None, *values: Any) -> str | None:
    """concat_ws: joins the non-NULL values (SQLite has it only from 3.44)."""
    if separator is None:
        return None
    return str(separator).join(_text(v) for v in values if v is not None)


def fts_words(text: str | None) -> str:
    """An FTS5 query that finds rows with every word of text (each word a quoted string, so
    no word is read as FTS5 syntax; at most 32 words); '""' for a text without words (it
    matches no row)."""
    words = [w for w in (text or "").split() if w.strip('"')]
    if not words:
        return '""'
    return " ".join('"' + w.replace('"', '""') + '"' for w in words[:32])


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def error(message: Any) -> None:
    """DuckDB error(): fails the query with the message."""
    raise ValueError(str(message))


AGGREGATES: dict[str, type] = {
    "factdb_list": ListAgg,
    "factdb_string_agg": StringAgg,
    "factdb_first": First,
    "factdb_last": Last,
    "factdb_arg_min": ArgMin,
    "factdb_arg_max": ArgMax,
}
FUNCTIONS: dict[str, Any] = {
    "factdb_list_slice": list_slice,
    "regexp_matches": regexp_matches,
    "regexp": regexp_operator,
    "regexp_full_match": regexp_full_match,
    "regexp_escape": regexp_escape,
    "regexp_replace": regexp_replace,
    "regexp_extract": regexp_extract,
    "concat_ws": concat_ws,
    "fts_words": fts_words,
}


def register(conn: sqlite3.Connection) -> None:
    """Add every function to a SQLite connection."""
    for name, cls in AGGREGATES.items():
        conn.create_aggregate(name, -1, cls)
    for name, fn in FUNCTIONS.items():
        conn.create_function(name, -1, fn, deterministic=True)
    conn.create_function("error", 1, error)


#: PRAGMAs a published connection may read (Datasette's own introspection uses these).
READ_PRAGMAS = frozenset({
    "table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
    "foreign_key_list", "function_list", "pragma_list", "table_list", "module_list",
    "collation_list", "schema_version", "user_version", "application_id", "page_size",
    "page_count", "freelist_count", "encoding", "compile_options", "query_only",
})


#: Functions refused on a published connection: printf/format with a huge width loop for
#: seconds before SQLITE_LIMIT_LENGTH stops them, out of reach of Datasette's time limit.
DENIED_FUNCTIONS = frozenset({"printf", "format", "load_extension", "sqlite_source_id"})


def authorize(action: int, arg1: str | None, arg2: str | None, _db: str | None,
              _source: str | None) -> int:
    """SQLite authorizer of a published connection. A PRAGMA off READ_PRAGMAS (e.g.
    database_list, which names the server's files) is ignored, and so are the columns of
    its table-valued form (read as NULL); ATTACH and DENIED_FUNCTIONS are refused."""
    if action == sqlite3.SQLITE_PRAGMA:
        if (arg1 or "").lower() not in READ_PRAGMAS:
            return sqlite3.SQLITE_IGNORE
    elif action == sqlite3.SQLITE_READ:
        if (arg1 or "").lower().startswith("pragma_") and (
                arg1 or "").lower()[7:] not in READ_PRAGMAS:
            return sqlite3.SQLITE_IGNORE
    elif action == sqlite3.SQLITE_FUNCTION:
        if (arg2 or "").lower() in DENIED_FUNCTIONS:
            return sqlite3.SQLITE_DENY
    elif action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def limit(conn: sqlite3.Connection) -> None:
    """The per-connection limits: value length, and the authorizer."""
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1000)
    conn.set_authorizer(authorize)


@hookimpl  # type: ignore[untyped-decorator]
def prepare_connection(conn: sqlite3.Connection) -> None:
    register(conn)
    limit(conn)
    # a function refusing its input (a bad pattern) is the query's error, reported to the
    # caller; not a traceback in the server log
    sqlite3.enable_callback_tracebacks(False)


@hookimpl  # type: ignore[untyped-decorator]
def handle_exception(datasette: Any, request: Any, exception: BaseException) -> None:
    """One short log line per refused or failed request (Datasette's own handler answers)."""
    import logging

    status = getattr(exception, "status", 500)
    logging.getLogger("factdb.datasette").warning(
        "%s %s: %s: %s", status, getattr(request, "path", "?"), type(exception).__name__,
        str(exception)[:200])
