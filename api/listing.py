"""Keyset-paginated lists and lookups by id over the factdb tables, with citations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import msgspec

from factdb.db import quote_ident
from factdb.prepared import run_prepared
from factdb.resolve import answers

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
#: Citations given per entity or event in a list (the by-id endpoint gives up to DETAIL_CITATIONS).
LIST_CITATIONS = 3
DETAIL_CITATIONS = 100


@dataclass
class Filters:
    """SQL conditions on the listed table (aliased t) with their parameters."""

    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, condition: str, *values: Any) -> None:
        self.where.append(condition)
        self.params.extend(values)

    def equal(self, column: str, value: Any) -> None:
        if value is not None:
            self.add(f"t.{quote_ident(column)} = ?", value)

    def contains(self, column: str, text: str | None) -> None:
        if text:
            self.add(f"contains(lower(t.{quote_ident(column)}), lower(?))", text)

    def outlet(self, outlet: str | None) -> None:
        if outlet is not None:
            self.add("t.article_id IN (SELECT article_id FROM articles WHERE outlet = ?)", outlet)


def rows_as_dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    columns = [d[0] for d in cur.description or []]
    return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def page(cur: duckdb.DuckDBPyConnection, table: str, key: str, filters: Filters,
         after: Any, limit: int, *, columns: str = "t.*") -> tuple[list[dict[str, Any]],
                                                                  str | None]:
    """One page of rows of table ordered by key, after the cursor: (rows, next_cursor).

    The page's keys are chosen first (a scan of the key and filter columns only), then
    only those rows are read whole: DuckDB stores columns apart, so this reads far less
    than sorting whole rows."""
    where = list(filters.where)
    params = list(filters.params)
    if after is not None:
        where.append(f"t.{quote_ident(key)} > ?")
        params.append(after)
    keys = [r[0] for r in cur.execute(
        f"SELECT t.{quote_ident(key)} FROM {quote_ident(table)} AS t "
        + (f"WHERE {' AND '.join(where)} " if where else "")
        + f"ORDER BY t.{quote_ident(key)} LIMIT {int(limit) + 1}", params).fetchall()]
    more = len(keys) > limit
    keys = keys[:limit]
    rows = rows_by_keys(cur, table, key, keys, columns=columns, filters=filters)
    return rows, (str(keys[-1]) if more and keys else None)


def rows_by_keys(cur: duckdb.DuckDBPyConnection, table: str, key: str, keys: Sequence[Any],
                 *, columns: str = "t.*", filters: Filters | None = None
                 ) -> list[dict[str, Any]]:
    """The rows of table whose key is in keys (and that pass filters), in the order of keys."""
    if not keys:
        return []
    where = [f"t.{quote_ident(key)} IN ({_placeholders(keys)})"]
    params = list(keys)
    if filters is not None:
        where += filters.where
        params += filters.params
    rows = rows_as_dicts(cur.execute(
        f"SELECT {columns} FROM {quote_ident(table)} AS t WHERE {' AND '.join(where)}", params))
    order = {k: i for i, k in enumerate(keys)}
    rows.sort(key=lambda r: order[r[key]])
    return rows


def by_id(cur: duckdb.DuckDBPyConnection, table: str, key: str,
          value: str) -> dict[str, Any] | None:
    """The row of table whose key is value, or None (a statement prepared once per
    connection: a point read of a whole count row, 0.94 -> 0.66 ms CPU at 100,000
    articles)."""
    sql = f"SELECT * FROM {quote_ident(table)} AS t WHERE t.{quote_ident(key)} = $value"
    rows = rows_as_dicts(run_prepared(cur, f"by_id_{table}", sql, {"value": value}))
    return rows[0] if rows else None


#: The citation of provenance columns, built by the schema's macro factdb_citation (the same
#: form as every named query's citations: outlet, date, the sentence and the marks in it).
_CITATION = ("factdb_citation(m.article_id, a.outlet, a.url, m.quote, m.char_start, "
             "m.char_end)")


#: The citation of one fact row, every argument a value, where the join of a list of rows
#: scans every sentence. The article's sentences are read first through their index
#: (migration 032) as a CTE named like the table, which the macro's subquery then reads (a
#: macro's table names resolve in its caller's query, as the answer builds' scope views
#: do): with the offsets beside the article in the scan's filter DuckDB scanned the table.
#: GET /v1/counts/ID's citation, CPU: 7.3 -> 3.6 ms at 20,000 articles, 12 -> 2.8 at 100,000;
#: prepared once per connection, 3.1 -> 2.2 ms (100,000 articles, 50 counts, median).
_ONE_CITATION = ("WITH sentences AS MATERIALIZED (SELECT s.article_id, s.char_start, "
                 "s.char_end FROM main.sentences AS s WHERE s.article_id = $article_id) "
                 "SELECT factdb_citation($article_id, "
                 "(SELECT a.outlet FROM articles AS a WHERE a.article_id = $article_id), "
                 "(SELECT a.url FROM articles AS a WHERE a.article_id = $article_id), "
                 "$quote, $char_start, $char_end)")


#: The stored citation of one fact (docs/adr/0012, amendment of 2026-12-06): every fact
#: row's citation is built at load in answers_article_facts, and a citation depends only on
#: the article, the quote and its offsets; the article's rows are read through the index
#: on article_id and the fact's span is kept by a CASE (plain conditions on the offsets
#: beside the article made DuckDB scan the table; a materialised CTE cost 0.1 ms more).
#: CPU at 100,000 articles, median of 50 counts: 2.2 to 2.4 ms (the citation macro over
#: the article's sentences) -> 0.5 (decoded).
_STORED_CITATION = ("SELECT x.citations FROM answers_article_facts AS x "
                    "WHERE x.article_id = $article_id AND CASE WHEN x.char_start = $char_start "
                    "THEN x.char_end = $char_end AND x.quote = $quote ELSE false END LIMIT 1")
_CITATIONS = msgspec.json.Decoder(list[dict[str, Any]])


def stored_citation(cur: duckdb.DuckDBPyConnection,
                    row: dict[str, Any]) -> dict[str, Any] | None:
    """The citation of one fact row as the load stored it (answers_article_facts), or None
    when the database has no built answer table or the row is not in it."""
    if "article_facts" not in answers.built(cur):
        return None
    found = run_prepared(cur, "stored_citation", _STORED_CITATION, {k: row[k] for k in (
        "article_id", "quote", "char_start", "char_end")}).fetchone()
    return _CITATIONS.decode(found[0])[0] if found else None


def with_citation(cur: duckdb.DuckDBPyConnection,
                  rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each fact row its citation: its article's outlet, url and date, its quote and
    offsets, and the sentence it lies in with the quote's offsets in it."""
    if not rows:
        return rows
    if len(rows) == 1:  # one row (a fact by id): its stored citation, else a point read
        row = rows[0]
        stored = stored_citation(cur, row)
        if stored is not None:
            row["citations"] = [stored]
            return rows
        found = run_prepared(cur, "one_citation", _ONE_CITATION, {k: row[k] for k in (
            "article_id", "quote", "char_start", "char_end")}).fetchone()
        row["citations"] = [found[0] if found else None]
        return rows
    spans = [{"i": i, "article_id": r["article_id"], "quote": r["quote"],
              "char_start": r["char_start"], "char_end": r["char_end"]}
             for i, r in enumerate(rows)]
    cited = dict(cur.execute(
        f"SELECT m.i, {_CITATION} "
        "FROM (SELECT unnest($spans, recursive := true)) AS m "
        "LEFT JOIN articles AS a ON a.article_id = m.article_id", {"spans": spans}).fetchall())
    for i, row in enumerate(rows):
        row["citations"] = [cited[i]]
    return rows


def names_of(cur: duckdb.DuckDBPyConnection, entity_ids: Sequence[str | None]) -> dict[str, str]:
    """Entity names by id."""
    ids = sorted({i for i in entity_ids if i is not None})
    if not ids:
        return {}
    return dict(cur.execute(f"SELECT entity_id, name FROM entities WHERE entity_id IN "
                            f"({_placeholders(ids)})", ids).fetchall())


def mention_citations(cur: duckdb.DuckDBPyConnection, table: str, key: str,
                      ids: Sequence[str], per_id: int) -> dict[str, list[dict[str, Any]]]:
    """Up to per_id citations of each id from a mentions table, ordered by article."""
    if not ids:
        return {}
    # the first per_id mentions of each id first, then their citations (the macro reads
    # each one's sentence: only for the mentions kept)
    rows = cur.execute(
        f"SELECT m.k, {_CITATION} FROM ("
        f"SELECT t.{quote_ident(key)} AS k, t.article_id, t.quote, t.char_start, t.char_end "
        f"FROM {quote_ident(table)} AS t WHERE t.{quote_ident(key)} IN ({_placeholders(ids)}) "
        f"QUALIFY row_number() OVER (PARTITION BY t.{quote_ident(key)} "
        "ORDER BY t.article_id, t.char_start) <= ?) AS m "
        "LEFT JOIN articles AS a ON a.article_id = m.article_id "
        "ORDER BY m.k, m.article_id, m.char_start", [*ids, per_id]).fetchall()
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for k, citation in rows:
        out[k].append(citation)
    return out
