"""Stored answer documents (docs/adr/0012): a named query's answer for one key stored as
one JSON text, the rows of its answer read (``factdb.queries``) in its column order, decoded
into the read's own Python types (``RowTypes``: a DATE comes back a date, the JSON columns
decoded or, for the API, kept raw), kept by a document's ``-- keep:`` rule, or merged in the
read's order from several documents (``-- merge:``), whose keys may come from the
parameters by a rule (``-- keys:``, ``KEY_RULES``). ``q`` is a ``factdb.queries.NamedQuery``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import duckdb
import msgspec

from factdb.prepared import placeholders


@dataclass(frozen=True)
class RowTypes:
    """The output columns of a query's answer read and a typed decoder of its documents
    (one per JSON-column mode): a document's rows come out as the same Python values as
    the read's (dates as dates), its JSON columns decoded or kept raw."""

    columns: tuple[str, ...]
    decoded: msgspec.json.Decoder[Any]
    raw: msgspec.json.Decoder[Any]
    #: the row's values the merge orders by (their index in a stored row: a column, or a
    #: value stored after the columns), for a query whose documents are merged
    merge_by: tuple[int, ...] = ()
    #: the index of each JSON column in a row
    json_at: tuple[int, ...] = ()
    #: the DuckDB type name of each column (as the read's description gives it)
    kinds: tuple[str, ...] = ()

    def decode_json(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        """A row decoded by the raw decoder with its JSON columns decoded (as the decoded
        decoder gives them)."""
        out = list(row)
        for i in self.json_at:
            if isinstance(out[i], msgspec.Raw):
                out[i] = _JSON.decode(out[i])
        return tuple(out)


@dataclass(frozen=True)
class Document:
    """A named query's stored answer for one key, as read by execute(): the JSON text of
    its rows (None: no answer), and the values of the keep filter's column to keep; or the
    texts of several documents, merged, and a predicate on a row for the rows to keep
    (None: every row)."""

    types: RowTypes
    text: str | list[str] | None
    keep: Any = None
    #: (index, value) of output columns the same in every row, from the document
    #: statement's other columns (corroboration's total_groups, which depends on a
    #: parameter)
    fill: tuple[tuple[int, Any], ...] = ()
    #: the page of the rows to keep (``-- page:``), or None for all
    page: Page | None = None

    def rows(self, q: Any, max_rows: int | None,
             raw_json: bool) -> tuple[list[str], list[tuple[Any, ...]]]:
        columns = list(self.types.columns)
        if self.text is None:
            return columns, []
        decoder = self.types.raw if raw_json else self.types.decoded
        if isinstance(self.text, list):
            if self.keep is None and self.page is not None:
                return columns, self._paged(decoder, max_rows)
            if self.keep is None:
                parts = [decoder.decode(t) for t in self.text]
                return columns, self._filled(_merged(parts, self.types, max_rows))
            # rows kept by a predicate: the JSON columns of the kept rows only are decoded
            # (a month's document holds the events of the whole month)
            parts = [[r for r in self.types.raw.decode(t) if self.keep(r)]
                     for t in self.text]
            kept = _merged(parts, self.types, max_rows)
            return columns, self._filled(
                kept if raw_json else [self.types.decode_json(r) for r in kept])
        rows: list[tuple[Any, ...]] = decoder.decode(self.text)
        if q.answer_doc_keep is not None:
            column, rule, _ = q.answer_doc_keep
            i, keep, asked = columns.index(column), KEEP_RULES[rule], self.keep
            rows = [r for r in rows if keep(r[i], asked)]
        return columns, rows if max_rows is None else rows[:max_rows]

    def _paged(self, decoder: msgspec.json.Decoder[Any],
               max_rows: int | None) -> list[tuple[Any, ...]]:
        """The page's rows of the merged documents, with their number in the page's total
        column. A single document is cut before its rows are decoded (each row kept as its
        JSON text first): a page of 50 of 300 claims decodes 50."""
        page = self.page
        assert page is not None and isinstance(self.text, list)
        end = page.offset + page.limit
        if max_rows is not None:
            end = min(end, page.offset + max_rows)
        if len(self.text) == 1:
            texts = _ROWS_AS_TEXT.decode(self.text[0])
            total = len(texts)
            kept = decoder.decode(b"[" + b",".join(bytes(t) for t in texts[page.offset:end])
                                  + b"]") if end > page.offset else []
            rows = _merged([kept], self.types, None)
        else:
            rows = _merged([decoder.decode(t) for t in self.text], self.types, None)
            total = len(rows)
            rows = rows[page.offset:end]
        return self._filled(rows, ((page.total_at, total),))

    def _filled(self, rows: list[tuple[Any, ...]],
                more: tuple[tuple[int, Any], ...] = ()) -> list[tuple[Any, ...]]:
        fill = self.fill + more
        if not fill:
            return rows
        out = []
        for r in rows:
            row = list(r)
            for i, value in fill:
                row[i] = value
            out.append(tuple(row))
        return out


@dataclass(frozen=True)
class Page:
    """The rows a paged document read keeps: positions offset + 1 to offset + limit of the
    answer's order, their number given in the output column at total_at."""

    offset: int
    limit: int
    total_at: int


def page_of(params: Mapping[str, Any], spec: tuple[str, int, str, str],
            columns: tuple[str, ...]) -> Page | None:
    """The page a query's limit and offset parameters ask for (spec: the document read's
    ``-- page:`` header), or None (the answer table is read instead, with its checks and
    messages) for a value not plainly written (other than digits) or a limit outside 1 to
    its largest value."""
    limit_name, most, offset_name, total = spec
    values = []
    for value in (params.get(limit_name), params.get(offset_name)):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not _COUNT.fullmatch(value):
            return None
        values.append(int(value))
    limit, offset = values
    if not 1 <= limit <= most:
        return None
    return Page(offset, limit, columns.index(total))


def _merged(parts: list[list[tuple[Any, ...]]], types: RowTypes,
            max_rows: int | None) -> list[tuple[Any, ...]]:
    """The rows of several documents (each in order) in the order of the merge: ascending,
    NULL last (the read's ORDER BY), the values stored after the columns dropped. The
    merge's values identify a row (its order has no ties: an id is last), so a row found in
    two documents (an event in two months) is kept once."""
    width = len(types.columns)
    rows = [r for part in parts for r in part]
    if len(parts) > 1:
        by = types.merge_by

        def order(r: tuple[Any, ...]) -> tuple[tuple[bool, Any], ...]:
            return tuple((r[i] is None, r[i]) for i in by)

        rows.sort(key=order)
        rows = [r for n, r in enumerate(rows) if n == 0 or order(rows[n - 1]) != order(r)]
    if max_rows is not None:
        rows = rows[:max_rows]
    return [r[:width] for r in rows]


def _singular_or_plural(value: Any, asked: Any) -> bool:
    """counts_around_event.read.sql's unit filter, written again for its documents (the
    agreement test runs both on every event and unit): ``x.unit IN ($u, $u || 's', $u ||
    'es') OR $u IN (x.unit || 's', x.unit || 'es')``, NULL keeping nothing."""
    if value is None or asked is None:
        return False
    return value in (asked, asked + "s", asked + "es") or asked in (value + "s", value + "es")


_JSON = msgspec.json.Decoder()
#: a document's rows, each kept as its JSON text
_ROWS_AS_TEXT = msgspec.json.Decoder(list[msgspec.Raw])


#: the rules of a document read's ``-- keep:`` header: (the row's value, the value of the
#: document statement's column) -> whether the row is kept; each is its read's SQL filter
KEEP_RULES: dict[str, Any] = {"singular_or_plural": _singular_or_plural}


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN = re.compile(r"[a-z0-9_ .-]*")


def _event_months(params: Mapping[str, Any], columns: tuple[str, ...]) -> tuple[
        str, list[str], Callable[[tuple[Any, ...]], bool] | None] | None:
    """event_timeline's documents for its parameters (event_timeline.document.sql): the
    type's documents of each month between ``from`` and ``to``, keeping the events the
    query's filter keeps, ``coalesce(date_end, date_start) >= from AND
    date_start <= to``, written again); with neither date, the type's document of every
    date. None (the answer table is read instead) for a value whose parsing could differ
    from DuckDB's (a date not written YYYY-MM-DD, a type of other characters than plain
    lowercase ones), one date only, no type and no date, or more than 32 months."""
    def trimmed(name: str) -> str | None:
        value = params.get(name)
        return value.strip(" ") if isinstance(value, str) else None

    kind, start, end = trimmed("type"), trimmed("from"), trimmed("to")
    if kind is None or start is None or end is None:
        return None
    kind = kind.lower()
    if not _PLAIN.fullmatch(kind):
        return None
    if not start and not end:
        return ("bucket_keys", [kind + "|*"], None) if kind else None
    if not _DAY.fullmatch(start) or not _DAY.fullmatch(end):
        return None
    try:
        d_from, d_to = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    except ValueError:
        return None
    # a kept event starts on or before `to` and ends on or after `from`: it touches a month
    # from the earlier of the two to the later (`to` may come first)
    low, high = min(d_from, d_to), max(d_from, d_to)
    months = []
    year, month = low.year, low.month
    while (year, month) <= (high.year, high.month):
        months.append(f"{kind}|{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if len(months) > 32:
        return None
    first, last = columns.index("date_start"), columns.index("date_end")

    def overlaps(row: tuple[Any, ...]) -> bool:
        began, ended = row[first], row[last]
        return (began is not None and began <= d_to
                and (ended if ended is not None else began) >= d_from)

    return "bucket_keys", months, overlaps


_COUNT = re.compile(r"[0-9]{1,9}")
#: corroboration's documents: runs of this many positions, the first _PAGED positions
#: (corroboration.docs.build.sql)
_PAGE, _PAGED = 20, 1000


def _corroboration_pages(params: Mapping[str, Any], columns: tuple[str, ...]) -> tuple[
        str, list[str], Callable[[tuple[Any, ...]], bool],
        Callable[[dict[str, Any]], dict[str, Any]]] | None:
    """corroboration's documents for its parameters (corroboration.document.sql): the
    documents of the kind that hold the positions ``offset + 1`` to ``offset + limit``,
    keeping those positions and the groups of at least ``min_articles`` articles (a prefix
    of the order, as corroboration.keys.sql keeps them), and total_groups from the kind's
    totals (the groups of the smallest number of articles at least ``min_articles``: as
    many have at least that many; none, 0). None (the answer table is read
    instead, with its checks and messages) for a value not plainly written (a kind other
    than the five, a number with other characters than digits), a limit outside 1 to
    1000, positions past the documents or more than 8 documents."""
    asked = [params.get(n) for n in ("kind", "min_articles", "limit", "offset")]
    values = [v for v in asked if isinstance(v, str)]
    if len(values) != len(asked):
        return None
    kind, *numbers = values
    kind = kind.strip(" ").lower() if kind.isascii() else kind
    if kind not in ("", "claim", "count", "date", "event") or not all(
            _COUNT.fullmatch(n) for n in numbers):
        return None
    least, limit, offset = (int(n) for n in numbers)
    first, last = offset // _PAGE, (offset + limit - 1) // _PAGE
    if not 1 <= limit <= 1000 or offset + limit > _PAGED or last - first >= 8:
        return None
    pos, count = len(columns), columns.index("article_count")

    def kept(row: tuple[Any, ...]) -> bool:
        return bool(offset < row[pos] <= offset + limit and row[count] >= least)

    def total(found: dict[str, Any]) -> dict[str, Any]:
        pairs = _JSON.decode(found["totals"])
        return {"total_groups": next((groups for n, groups in pairs if n >= least), 0)}

    return "page_keys", [f"{kind}|{n}" for n in range(first, last + 1)], kept, total


#: the rules of a document read's ``-- keys:`` header: (the query's parameters, the read's
#: output columns) -> (the document statement's list parameter, its keys, a predicate on a
#: row for the rows to keep or None, and optionally a function from the statement's other
#: columns to values of output columns the same in every row), or None when the documents
#: cannot answer (the answer table is then read as without documents); each writes its
#: read's SQL filter again
KEY_RULES: dict[str, Callable[..., Any]] = {"event_months": _event_months,
                                            "corroboration_pages": _corroboration_pages}


#: Python types of the DuckDB types of the answer reads' columns (documents are decoded
#: into them: a DATE is a date, as the read gives it; another type decodes as plain JSON)
_PY_TYPES: dict[str, Any] = {
    "VARCHAR": str, "INTEGER": int, "BIGINT": int, "HUGEINT": int, "SMALLINT": int,
    "TINYINT": int, "UBIGINT": int, "UINTEGER": int, "DOUBLE": float, "FLOAT": float,
    "BOOLEAN": bool, "DATE": datetime.date, "TIMESTAMP": datetime.datetime,
    "VARCHAR[]": list[str | None]}
_ROW_TYPES: dict[tuple[str, str], RowTypes] = {}


def row_types(con: duckdb.DuckDBPyConnection, q: Any) -> RowTypes:
    """The read's output columns and types (its description: planned, not run), once per
    query and read text; JSON columns decode as any value, or stay msgspec.Raw."""
    key = (q.name, q.answer_sql or "")
    hit = _ROW_TYPES.get(key)
    if hit is not None:
        return hit
    sql = q.answer_sql or ""
    # under LIMIT 0 DuckDB plans the read and runs nothing: run with NULL keys, the read
    # of claims_by_entity scanned its whole answer table (75 ms, and 45 MiB of the table
    # held in the server's buffer pool after its first request)
    cur = con.execute(f"SELECT * FROM (\n{sql}\n) AS fdb_read LIMIT 0",
                      dict.fromkeys(placeholders(sql)))
    names = tuple(str(d[0]) for d in cur.description or [])
    kinds = [str(d[1]) for d in cur.description or []]
    cur.fetchall()

    # a merged document's rows hold the values of its +names after the columns
    stored = [n.removeprefix("+") for n in q.answer_doc_merge if n.startswith("+")]
    merge_by = tuple(len(names) + stored.index(n[1:]) if n.startswith("+") else names.index(n)
                     for n in q.answer_doc_merge)

    def row(json_type: Any) -> Any:
        fields = tuple(json_type if n in q.answer_json else _PY_TYPES.get(k, Any) | None
                       for n, k in zip(names, kinds, strict=True)) + (Any,) * len(stored)
        return list[tuple[fields]]  # type: ignore[valid-type]

    out = RowTypes(names, msgspec.json.Decoder(row(Any)),
                   msgspec.json.Decoder(row(msgspec.Raw)), merge_by,
                   tuple(i for i, n in enumerate(names) if n in q.answer_json), tuple(kinds))
    _ROW_TYPES[key] = out
    return out
