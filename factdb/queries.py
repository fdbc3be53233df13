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
it again, which saves a third to a half of the time of a typical run. The reads of the
answer tables (docs/adr/0012) go further: each connection prepares them once
(``factdb.prepared.run_prepared``: ``PREPARE``, then ``EXECUTE`` with the values as
literals), so DuckDB neither parses nor plans them again; a query with documents reads its
key's whole answer as one stored JSON text, or the documents of its parts
(``factdb.documents.Document``), decoded into the read's own types.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import duckdb
import msgspec

from factdb.db import SQL_DIR
from factdb.documents import KEY_RULES, Document, page_of, row_types
from factdb.errors import QueryDefinitionError, QueryParamError, UnknownQuery
from factdb.prepared import placeholders as _placeholders
from factdb.prepared import run_prepared
from factdb.resolve import answers

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
    #: the statement that reads the query's answer table (docs/adr/0012), if it has one
    answer_sql: str | None = None
    #: the statement that resolves the parameters to the keys the answer read takes (its
    #: one row's columns are the read's extra $parameters), if the read needs one
    answer_keys_sql: str | None = None
    #: the answer read's output columns that hold JSON text, decoded into Python values
    answer_json: tuple[str, ...] = ()
    #: the read's list parameters when the keys statement gives many keys (its columns of
    #: that name: every row's values go into the read's ``IN ($<name>)``)
    answer_keys_list: tuple[str, ...] | None = None
    #: the statement that reads the whole answer of the resolved key as one stored document
    #: (one point read, instead of the read's rows), if the query has documents
    answer_doc_sql: str | None = None
    #: the document's row filter: (output column, rule, column of the document statement)
    answer_doc_keep: tuple[str, str, str] | None = None
    #: (key parameter, query parameter): the document is first read with the parameter's
    #: value as the key (an id, which the keys statement ranks first); the keys statement
    #: runs only when no document has that key
    answer_doc_direct: tuple[str, str] | None = None
    #: the read's list parameters whose every key is one row: one key, no sort
    answer_unique: tuple[str, ...] = ()
    #: the keys statement run when answer_keys_sql finds no key (``<name>.search.sql``: a
    #: search of the parameter's free text, where the keys statement reads a lookup table
    #: that holds the texts it can be asked about)
    answer_search_sql: str | None = None
    #: the document read takes the query's own parameters (no keys statement before it)
    answer_doc_by_params: bool = False
    #: documents only for some parameter values (``-- fallback: read``): without one, the
    #: answer table is read as if the query had no documents
    answer_doc_fallback: bool = False
    #: the answer is several documents, one per key of the keys statement's list, merged
    #: in this order (``-- merge:``: the read's columns; ``+name``, a value stored last in
    #: each row, dropped after)
    answer_doc_merge: tuple[str, ...] = ()
    #: the rule that gives the document keys from the parameters (``-- keys:``, a name of
    #: ``factdb.documents.KEY_RULES``) instead of a keys statement; for parameters it
    #: cannot serve, the answer table is read as if the query had no documents
    answer_doc_keys: str | None = None
    #: the documents hold every row and the query keeps one page of them (``-- page:``:
    #: limit parameter, its largest value, offset parameter, total column), else None
    answer_doc_page: tuple[str, int, str, str] | None = None

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

    @cached_property
    def answer_params(self) -> tuple[str, ...]:
        """The $parameters the answer read uses (the query's and the keys' columns)."""
        return tuple(sorted(set(_PLACEHOLDER.findall(
            _strip_sql_comments_and_strings(self.answer_sql or "")))))

    @cached_property
    def answer_doc_table(self) -> str:
        """The helper build of the query's documents (its name in answer_builds): the one
        whose table the document statement reads (of several, the last built)."""
        found = set(re.findall(r"\b(answers_[a-z0-9_]+)", self.answer_doc_sql or ""))
        return ([b.query for b in answers.builds() if b.table in found] or [""])[-1]

    def uses_answers(self, con: duckdb.DuckDBPyConnection,
                     built: frozenset[str] | None = None) -> bool:
        """Whether a run reads the answer table: the query has one and the database's is
        filled (``built``: the filled ones, when the caller knows them)."""
        if self.answer_sql is None:
            return False
        return self.name in (answers.built(con) if built is None else built)

    def sql_for(self, con: duckdb.DuckDBPyConnection,
                built: frozenset[str] | None = None) -> str:
        """One SQL text that gives the query's rows as DuckDB values (the Parquet export):
        the answer read when its table is filled and it is a single statement without JSON
        columns, else the full SQL."""
        single = self.answer_keys_sql is None and not self.answer_json
        return (self.answer_sql if self.answer_sql and single
                and self.uses_answers(con, built) else self.sql)

    def execute(self, con: duckdb.DuckDBPyConnection, values: Mapping[str, Any], *,
                reference: bool = False,
                built: frozenset[str] | None = None) -> duckdb.DuckDBPyConnection | Document:
        """Start a run: the answer table's read when it is filled (its keys resolved first;
        the stored document of the key when the query has documents and they are built),
        else (or with reference=True) the full SQL; returns the cursor, rows not yet
        fetched, or the Document. The answer read's JSON columns (answer_json) come as
        text: fetch with fetch() to get them decoded."""
        bound = self.bind(values)
        answer = self.answer_sql
        with self.param_errors():
            if answer is None or reference or not self.uses_answers(con, built):
                return con.execute(self.statement, bound)
            documents = self.answer_doc_sql is not None and (
                self.answer_doc_table in (answers.built(con) if built is None else built))
            page = None
            if documents and self.answer_doc_page is not None:
                page = page_of(bound, self.answer_doc_page, row_types(con, self).columns)
                documents = page is not None
            if documents and self.answer_doc_by_params:
                doc = self._document(con, bound)
                if doc.text is not None or not self.answer_doc_fallback:
                    return doc
                documents = False
            if documents and self.answer_doc_keys is not None:
                ruled = KEY_RULES[self.answer_doc_keys](bound, row_types(con, self).columns)
                if ruled is not None:
                    return self._read_documents(con, bound, {ruled[0]: ruled[1]}, *ruled[2:])
                documents = False
            if self.answer_keys_sql is None:
                return run_prepared(con, f"{self.name}_read", answer, bound)
            if documents and self.answer_doc_direct is not None:
                key, param = self.answer_doc_direct
                doc = self._document(con, {**bound, key: bound[param]})
                if doc.text is not None:
                    return doc
                documents = not self.answer_doc_fallback
            cur = run_prepared(con, f"{self.name}_keys", self.answer_keys_sql, bound)
            listed = self.answer_keys_list
            if documents and listed is not None:
                return replace(self._documents(con, bound, cur, listed), page=page)
            if listed is None or documents:
                columns = [d[0] for d in cur.description or []]
                row = cur.fetchone()
                if (row is None or row[0] is None) and self.answer_search_sql is not None:
                    cur = run_prepared(con, f"{self.name}_search", self.answer_search_sql,
                                       bound)
                    columns = [d[0] for d in cur.description or []]
                    row = cur.fetchone()
                bound.update(zip(columns, row or [None] * len(columns), strict=True))
                if documents:
                    return self._document(con, bound)
                name, read = self._branch(bound)
                return run_prepared(con, name, read,
                                    {k: bound[k] for k in _placeholders(read)})
            # each list column of the keys statement's rows (most give one): its distinct
            # values, in order, become the read's $<column> list
            columns = [d[0] for d in cur.description or []]
            rows = cur.fetchall()
            lists = {c: sorted({r[i] for r in rows if r[i] is not None})
                     for i, c in enumerate(columns) if c in listed}
            values = {k: bound[k] for k in self.answer_params if k not in lists}
            if sum(len(v) for v in lists.values()) > _MAX_LISTED:
                # many rows: the keys statement as a semi-join
                many = answer
                for c in lists:
                    many = many.replace(f"(${c})", f"(SELECT {c} FROM (\n"
                                        f"{self.answer_keys_sql}\n) AS fdb_keys)")
                return run_prepared(con, f"{self.name}_read_many", many, bound)
            # one prepared read per number of keys, the keys as its parameters; a single
            # key of a read whose keys are one row each needs no sort
            read, shape = answer, []
            if (set(lists) <= set(self.answer_unique)
                    and sum(len(v) for v in lists.values()) == 1):
                read, shape = _without_order(answer), ["one"]
            for c, keys in lists.items():
                names = [f"{c}_{i}" for i in range(max(1, len(keys)))]
                values.update(zip(names, keys or [None], strict=True))
                read = read.replace(f"${c}", ", ".join(f"${n}" for n in names))
                shape.append(str(len(names)))
            return run_prepared(con, f"{self.name}_read_{'_'.join(shape)}", read, values)

    @cached_property
    def answer_branches(self) -> dict[str, str]:
        """A read's branch per key (its ``-- either:`` header), or none."""
        keys = answers.read_either(self.answer_sql or "")
        branches = (self.answer_sql or "").split("\nUNION ALL\n")
        if keys and len(branches) != len(keys):
            raise QueryDefinitionError(f"{self.name}: '-- either: {', '.join(keys)}' needs "
                                       f"{len(keys)} branches, found {len(branches)}")
        return dict(zip(keys, branches, strict=True)) if keys else {}

    def _branch(self, bound: dict[str, Any]) -> tuple[str, str]:
        """The prepared name and SQL of the read to run: the branch of the one key the keys
        statement set (``answer_branches``), else the whole read."""
        set_keys = [k for k in self.answer_branches if bound.get(k) is not None]
        if len(set_keys) == 1:
            return f"{self.name}_read_{set_keys[0]}", self.answer_branches[set_keys[0]]
        return f"{self.name}_read", self.answer_sql or ""

    def _documents(self, con: duckdb.DuckDBPyConnection, bound: dict[str, Any],
                   cur: duckdb.DuckDBPyConnection, listed: tuple[str, ...]) -> Document:
        """The stored documents of every key of the keys statement's lists (its search's,
        when it gives no row); their rows are merged when fetched (answer_doc_merge). A
        keys statement's column ``document`` may hold the whole answer already (a key whose
        answer is one stored part): no second read then."""
        columns = [d[0] for d in cur.description or []]
        rows = cur.fetchall()
        if rows and "document" in columns and rows[0][columns.index("document")] is not None:
            return Document(row_types(con, self), [str(rows[0][columns.index("document")])])
        if not rows and self.answer_search_sql is not None:
            cur = run_prepared(con, f"{self.name}_search", self.answer_search_sql, bound)
            columns = [d[0] for d in cur.description or []]
            rows = cur.fetchall()
        return self._read_documents(con, bound, {
            c: sorted({r[i] for r in rows if r[i] is not None})
            for i, c in enumerate(columns) if c in listed})

    def _read_documents(self, con: duckdb.DuckDBPyConnection, bound: dict[str, Any],
                        lists: dict[str, list[Any]], keep: Any = None,
                        fill: Any = None) -> Document:
        """The stored documents of the keys of each list parameter of the document
        statement, read by one prepared statement through the index (their number padded
        to a power of two with NULLs: one prepared statement per size); ``keep``: the rows
        to keep, a predicate on a row, or None for all; ``fill``: a function from the
        statement's other columns (of its first row) to values of output columns the same
        in every row."""
        sql = self.answer_doc_sql or ""
        values = {k: bound[k] for k in _placeholders(sql) if k not in lists}
        shape = []
        for c, keys in lists.items():
            size = 1 << max(0, len(keys) - 1).bit_length()
            names = [f"{c}_{n}" for n in range(size)]
            values.update(zip(names, list(keys) + [None] * (size - len(keys)), strict=True))
            sql = sql.replace(f"${c}", ", ".join(f"${n}" for n in names))
            shape.append(str(size))
        cur = run_prepared(con, f"{self.name}_documents_{'_'.join(shape)}", sql, values)
        names = [str(d[0]) for d in cur.description or []]
        found = cur.fetchall()
        types = row_types(con, self)
        values = ({n: found[0][i] for i, n in enumerate(names) if i}
                  if found and fill is not None else {})
        return Document(types, [str(r[0]) for r in found], keep,
                        tuple((types.columns.index(n), v) for n, v in
                              (fill(values) if values else {}).items()))

    def _document(self, con: duckdb.DuckDBPyConnection, bound: dict[str, Any]) -> Document:
        """The stored answer of the resolved key (``bound``: the parameters and the keys
        statement's columns): one prepared point read of its document, whose row gives
        the value its ``keep`` header matches rows against."""
        sql = self.answer_doc_sql or ""
        cur = run_prepared(con, f"{self.name}_document", sql,
                           {k: bound[k] for k in _placeholders(sql)})
        found = cur.fetchone()
        keep = None
        if found is not None and self.answer_doc_keep is not None:
            names = [d[0] for d in cur.description or []]
            keep = found[names.index(self.answer_doc_keep[2])]
        return Document(row_types(con, self), found[0] if found else None, keep)

    def fetch(self, cur: duckdb.DuckDBPyConnection | Document, max_rows: int | None = None,
              *, raw_json: bool = False) -> tuple[list[str], list[tuple[Any, ...]]]:
        """(columns, rows) of a cursor from execute() (at most max_rows rows), with the
        answer read's JSON columns decoded; with raw_json=True they stay JSON text, wrapped
        in msgspec.Raw (a JSON encoder writes them as they are: the API serialises them
        once, at build, instead of decoding and encoding them again per request)."""
        if isinstance(cur, Document):
            return cur.rows(self, max_rows, raw_json)
        with self.param_errors():
            columns = [d[0] for d in cur.description or []]
            rows = cur.fetchall() if max_rows is None else cur.fetchmany(max_rows)
        decode = [i for i, c in enumerate(columns) if c in self.answer_json]
        if decode and rows:
            convert = _raw if raw_json else _decoded
            rows = [convert(r, decode) for r in rows]
        return columns, rows

    def kinds(self, cur: duckdb.DuckDBPyConnection | Document) -> list[str]:
        """The DuckDB type name of each column of a cursor from execute() (before fetch)."""
        if isinstance(cur, Document):
            return list(cur.types.kinds)
        return [str(d[1]) for d in cur.description or []]

    def run(self, con: duckdb.DuckDBPyConnection, values: Mapping[str, Any], *,
            reference: bool = False, built: frozenset[str] | None = None,
            max_rows: int | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Execute with bound parameters; returns (columns, rows), at most max_rows rows.
        Reads the answer table when it is filled (docs/adr/0012); reference=True runs the
        full SQL instead.

        A parameter value the SQL cannot use (a malformed date, an unknown kind: DuckDB
        conversion and invalid-input errors) raises QueryParamError.
        """
        cur = self.execute(con, values, reference=reference, built=built)
        return self.fetch(cur, max_rows)

    @contextmanager
    def param_errors(self) -> Iterator[None]:
        """Turns DuckDB conversion and invalid-input errors (a parameter value the SQL cannot
        use) raised inside the block into QueryParamError."""
        try:
            yield
        except (duckdb.ConversionException, duckdb.InvalidInputException) as exc:
            message = str(exc).split("\n", 1)[0]
            raise QueryParamError(f"query '{self.name}': bad parameter value: {message}") from exc


_JSON = msgspec.json.Decoder()


#: at most this many keys go into a prepared read through the index (DuckDB fetches each
#: key's row apart: about 0.1 ms a key); with more, the read takes the keys statement as a
#: semi-join (a scan of the table, as fast as the filter: 250 events 9 ms; the keys as a
#: list parameter took 43, as literals 14)
_MAX_LISTED = 32


def _without_order(sql: str) -> str:
    """A read without its final ORDER BY clause (on a line of its own, at the end)."""
    head, sep, _ = sql.rpartition("\nORDER BY ")
    if not sep:
        raise QueryDefinitionError(f"a read with '-- unique:' ends with an ORDER BY: {sql}")
    return head


def _decoded(row: tuple[Any, ...], columns: list[int]) -> tuple[Any, ...]:
    out = list(row)
    for i in columns:
        if isinstance(out[i], str):  # the full SQL's values are lists already
            out[i] = _JSON.decode(out[i])
    return tuple(out)


def _raw(row: tuple[Any, ...], columns: list[int]) -> tuple[Any, ...]:
    out = list(row)
    for i in columns:
        if isinstance(out[i], str):  # the full SQL's values are lists already
            out[i] = msgspec.Raw(out[i].encode())
    return tuple(out)


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
    answer_sql = keys_sql = keys_list = doc_sql = doc_keep = doc_direct = search_sql = None
    doc_fallback = False
    doc_merge: tuple[str, ...] = ()
    doc_keys: str | None = None
    doc_page: tuple[str, int, str, str] | None = None
    unique: tuple[str, ...] = ()
    answer_json: tuple[str, ...] = ()
    if path.parent == QUERY_DIR:
        answer_sql, keys_sql = answers.read_sql(path.stem), answers.keys_sql(path.stem)
        answer_json = answers.read_json_columns(path.stem)
        keys_list = answers.keys_list(path.stem)
        doc_sql, doc_keep = answers.document_sql(path.stem), answers.document_keep(path.stem)
        doc_direct = answers.document_direct(path.stem)
        unique = answers.read_unique(path.stem)
        search_sql = answers.search_sql(path.stem)
        doc_fallback = answers.document_fallback(path.stem)
        doc_merge = answers.document_merge(path.stem)
        doc_keys = answers.document_keys(path.stem)
        doc_page = answers.document_page(path.stem)
    by_params = doc_sql is not None and set(_placeholders(doc_sql)) <= set(used)
    if answer_sql is not None:
        _check_answer_params(where, used, answer_sql, keys_sql)
    if doc_keys is not None and doc_keys not in KEY_RULES:
        raise QueryDefinitionError(f"{where}: no document keys rule '{doc_keys}'")
    if doc_sql is not None and keys_sql is None and not by_params:
        raise QueryDefinitionError(f"{where}: its document read needs a keys statement")
    if doc_page is not None and (keys_list is None or not set(doc_page[::2]) <= set(used)):
        raise QueryDefinitionError(f"{where}: a page of documents needs a keys statement "
                                   "of many keys and the query's limit and offset")
    return NamedQuery(header["name"], header["title"], header["description"], tuple(params),
                      sql, path, extra, answer_sql, keys_sql, answer_json, keys_list,
                      doc_sql, doc_keep, doc_direct, unique, search_sql, by_params,
                      doc_fallback, doc_merge, doc_keys, doc_page)


def _check_answer_params(where: str, used: list[str], answer_sql: str,
                         keys_sql: str | None) -> None:
    """The answer read takes the query's params (and the keys statement's columns, which
    are checked when it runs); the keys statement takes only the query's."""
    def placeholders(sql: str) -> list[str]:
        return sorted(set(_PLACEHOLDER.findall(_strip_sql_comments_and_strings(sql))))

    if keys_sql is None:
        if placeholders(answer_sql) != used:
            raise QueryDefinitionError(f"{where}: its answer read uses params "
                                       f"{placeholders(answer_sql)}, the query {used}")
        return
    if not set(placeholders(keys_sql)) <= set(used):
        raise QueryDefinitionError(f"{where}: its answer keys use params "
                                   f"{placeholders(keys_sql)}, the query {used}")


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
