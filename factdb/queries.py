"""The registry of named fact queries: one SQL file per query in sql/queries/.

A query file starts with a header of ``-- key: value`` lines::

    -- name: counts_around_event
    -- title: Counts before and after an event
    -- description: Reported counts of one kind of thing in windows that end at or start
    --   after the anchor event, with every citation.
    -- params: event, unit
    -- param event: Event id, or text matched against event labels (case-insensitive)
    -- param unit: Counted unit, singular (e.g. attack)

followed by one DuckDB SELECT using ``$name`` placeholders. The registry refuses a file
whose declared params differ from its placeholders, a file whose name differs from its
``name``, and duplicate names. The CLI, the API and the Datasette metadata all read it.

A query's SQL is parsed once (``NamedQuery.statement``) and the parsed statement is run
with the parameter values: DuckDB then binds and plans it on every run but does not parse
it again, which saves a third to a half of the time of a typical run.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import duckdb

from factdb.db import SQL_DIR
from factdb.errors import QueryDefinitionError, QueryParamError, UnknownQuery

QUERY_DIR = SQL_DIR / "queries"
_HEADER = re.compile(r"^--\s?(?P<key>[a-z_]+(?: [a-z_]+)?):\s*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^--\s{2,}(?P<value>\S.*)$")
_PLACEHOLDER = re.compile(r"(?<![:$\w])\$([a-z_][a-z0-9_]*)\b")


def key_values(items: tuple[str, ...] | list[str]) -> dict[str, str]:
    """KEY=VALUE command-line items as a dict. Raises QueryParamError."""
    values: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryParamError(f"parameter '{item}' is not KEY=VALUE")
        values[key.strip()] = value
    return values


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    sql: str
    path: Path
    extra: Mapping[str, str] = field(default_factory=dict)

    def check_names(self, names: Iterable[str]) -> None:
        """The one parameter-name check (CLI, API, export): refuses names the query does not
        declare. Raises QueryParamError."""
        declared = {p.name for p in self.params}
        unknown = sorted(set(names) - declared)
        if unknown:
            raise QueryParamError(f"query '{self.name}' has no parameter(s) {unknown}; "
                                  f"it takes {sorted(declared) or 'none'}")

    def bind(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Check values against the declared params; fill defaults. Raises QueryParamError."""
        self.check_names(values)
        bound: dict[str, Any] = {}
        for p in self.params:
            if p.name in values and values[p.name] is not None:
                bound[p.name] = values[p.name]
            elif p.default is not None:
                bound[p.name] = p.default
            else:
                raise QueryParamError(f"query '{self.name}' needs parameter '{p.name}': "
                                      f"{p.description}")
        return bound

    @cached_property
    def statement(self) -> duckdb.Statement:
        """The SQL, parsed (once per query; any connection can run it)."""
        return _parse(self.sql)

    def run(self, con: duckdb.DuckDBPyConnection,
            values: Mapping[str, Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Execute with bound parameters; returns (columns, rows).

        A parameter value the SQL cannot use (a malformed date, an unknown kind: DuckDB
        conversion and invalid-input errors) raises QueryParamError.
        """
        bound = self.bind(values)
        with self.param_errors():
            cur = con.execute(self.statement, bound)
            columns = [d[0] for d in cur.description or []]
            return columns, cur.fetchall()

    @contextmanager
    def param_errors(self) -> Iterator[None]:
        """Turns DuckDB conversion and invalid-input errors (a parameter value the SQL cannot
        use) raised inside the block into QueryParamError."""
        try:
            yield
        except (duckdb.ConversionException, duckdb.InvalidInputException) as exc:
            message = str(exc).split("\n", 1)[0]
            raise QueryParamError(f"query '{self.name}': bad parameter value: {message}") from exc


_PARSER_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _parser() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(":memory:")


def _parse(sql: str) -> duckdb.Statement:
    """One SQL statement, parsed by DuckDB (an in-memory connection: parsing reads no
    database). Raises QueryDefinitionError for text that is not exactly one statement."""
    with _PARSER_LOCK:
        statements = _parser().extract_statements(sql)
    if len(statements) != 1:
        raise QueryDefinitionError(f"a named query is one statement; found {len(statements)}")
    return statements[0]


def parse_query_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    param_docs: dict[str, str] = {}
    body_lines: list[str] = []
    last_key: str | None = None
    in_header = True
    for line in text.splitlines():
        if in_header:
            m = _HEADER.match(line)
            c = _CONTINUATION.match(line)
            if m:
                key, value = m.group("key"), m.group("value").strip()
                if key.startswith("param "):
                    last_key = key
                    param_docs[key[6:].strip()] = value
                else:
                    last_key = key
                    header[key] = value
                continue
            if c and last_key:
                if last_key.startswith("param "):
                    param_docs[last_key[6:].strip()] += " " + c.group("value").strip()
                else:
                    header[last_key] += " " + c.group("value").strip()
                continue
            if line.startswith("--") or not line.strip():
                continue
            in_header = False
        body_lines.append(line)
    sql = "\n".join(body_lines).strip().rstrip(";").strip()
    where = str(path)
    for key in ("name", "title", "description"):
        if not header.get(key):
            raise QueryDefinitionError(f"{where}: header lacks '-- {key}:'")
    if header["name"] != path.stem:
        raise QueryDefinitionError(f"{where}: name '{header['name']}' differs from the file name")
    declared = [p.strip() for p in header.get("params", "").split(",") if p.strip()]
    used = sorted(set(_PLACEHOLDER.findall(_strip_sql_comments_and_strings(sql))))
    if sorted(declared) != used:
        raise QueryDefinitionError(f"{where}: declared params {sorted(declared)} differ from "
                                   f"placeholders used {used}")
    params = []
    for name in declared:
        doc = param_docs.get(name, "")
        default = None
        m = re.search(r"\(default:\s*([^)]*)\)\s*$", doc)
        if m:
            default = m.group(1).strip()
        if not doc:
            raise QueryDefinitionError(f"{where}: parameter '{name}' has no '-- param {name}:' "
                                       "description")
        params.append(Param(name, doc, default))
    extra = {k: v for k, v in header.items() if k not in ("name", "title", "description",
                                                         "params")}
    return NamedQuery(header["name"], header["title"], header["description"], tuple(params),
                      sql, path, extra)


_STRING_OR_COMMENT = re.compile(r"'(?:[^']|'')*'|--[^\n]*|/\*.*?\*/", re.DOTALL)


def _strip_sql_comments_and_strings(sql: str) -> str:
    """The SQL with string literals emptied and comments removed, scanned left to right
    so that an apostrophe inside a comment does not open a string."""
    return _STRING_OR_COMMENT.sub(lambda m: "''" if m.group().startswith("'") else " ", sql)


@lru_cache(maxsize=1)
def registry(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """Every named query, by name. Refuses duplicates and malformed files."""
    out: dict[str, NamedQuery] = {}
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.sql")):
        q = parse_query_file(path)
        # names are URL path segments and CLI arguments: "Top" and "top" would collide
        if q.name.lower() in seen:
            raise QueryDefinitionError(f"{path}: duplicate query name '{q.name}' (already "
                                       f"defined as '{seen[q.name.lower()]}')")
        seen[q.name.lower()] = q.name
        out[q.name] = q
    return out


def get(name: str) -> NamedQuery:
    queries = registry()
    if name not in queries:
        raise UnknownQuery(f"no query named '{name}'; known: {', '.join(sorted(queries))}")
    return queries[name]
