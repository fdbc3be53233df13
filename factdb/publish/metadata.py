"""Datasette metadata, generated from the catalog, docs/schema.md and the query registry.

Per table: its description and column descriptions (factdb.publish.schema_docs), a label
column (the first of title, name, label that the table has) so that foreign keys show
names, default facets (the FACET_COLUMNS it has), and its full-text search table. Per named
query: a canned query (the SQLite form of its SQL) with title, description and parameters,
and, when its rows have a date and a number, a datasette-vega chart of the number over time
(the canned query link opens with it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import duckdb

from factdb.publish.catalog import Table
from factdb.publish.labels import column_label, table_label
from factdb.publish.schema_docs import SchemaDocs
from factdb.publish.sqlite_copy import SEARCH_TABLE, CopyResult
from factdb.queries import NamedQuery

FACET_COLUMNS = ("outlet", "entity_type", "unit", "qualifier", "role", "event_type",
                 "granularity", "basis")
LABEL_COLUMNS = ("title", "name", "label")
#: The licence line of every page: the article texts (and so every quote and sentence) are
#: their publishers'; factdb's own part (the extracted facts, the schema, the code) is
#: Apache-2.0, as the package.
LICENSE = ("Article texts, quotes and sentences: © their publishers, shown for reference; "
           "the extracted facts and factdb itself: Apache-2.0")
LICENSE_URL = "https://www.apache.org/licenses/LICENSE-2.0"
_NUMBER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "FLOAT", "DOUBLE",
                 "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}
_SERIES_COLUMNS = ("period", "kind", "type", "event_type", "unit", "outlet")


@dataclass(frozen=True)
class About:
    """The database-level facts shown on every page."""

    name: str
    version: str
    run_id: str | None
    article_count: int
    source_url: str


def column_text(name: str, description: str | None) -> str:
    """A column's entry in the metadata: its label, then its description ("Label: what it
    is"); the plugin shows the label as the column header."""
    label = column_label(name)
    return f"{label}: {description}" if description else label


def table_metadata(table: Table, docs: SchemaDocs, copy: CopyResult) -> dict[str, Any]:
    out: dict[str, Any] = {"title": table_label(table.name)}
    doc = docs.table(table.name)
    if doc.description:
        out["description"] = doc.description
    out["columns"] = {c.name: column_text(c.name, docs.column(table.name, c.name))
                      for c in table.columns}
    label = next((c for c in LABEL_COLUMNS if table.column(c)), None)
    if label:
        out["label_column"] = label
    facets = [c for c in FACET_COLUMNS if table.column(c)]
    if facets:
        out["facets"] = facets
    if table.name in copy.fts:
        out["fts_table"] = f"{table.name}_fts"
        out["fts_pk"] = "rowid"
    return out


SEARCH_DESCRIPTION = (
    "Every sentence of every article, searchable (the search box finds sentences with all "
    "the words typed), with facets by outlet, publication date, role and the entities "
    "mentioned. The canned query search shows each match as a snippet with the "
    "words marked.")
SEARCH_COLUMN_DOCS = {
    "sentence_id": "The sentence (article_id:seq)",
    "article_id": "The article the sentence is in",
    "title": "Title of the article",
    "outlet": "Publisher of the article",
    "published_on": "Publication date of the article",
    "role": "Role of the sentence: headline, byline, dateline, body, caption or boilerplate",
    "seq": "Position of the sentence in the article, from 0",
    "char_start": "Offset of the sentence's first character in the article text",
    "char_end": "Offset one past its last character",
    "text": "The sentence, as in the article text",
    "entities": "Names of the entities mentioned in the sentence",
}
SEARCH_QUERY = "search"
#: The canned query of sentence search (named apart from the table, which it would hide):
#: snippets with the matched words between \x02 and \x03 (the citations plugin marks
#: them; no HTML in the data).
SEARCH_QUERY_SQL = f"""SELECT s.outlet, s.published_on, s.role,
       snippet({SEARCH_TABLE}_fts, 0, char(2), char(3), '…', 24) AS snippet,
       s.title, s.article_id, s.sentence_id, s.char_start, s.char_end, s.entities
FROM {SEARCH_TABLE}_fts AS f
JOIN {SEARCH_TABLE} AS s ON s.rowid = f.rowid
WHERE {SEARCH_TABLE}_fts MATCH fts_words(:q)
  AND (coalesce(:outlet, '') = '' OR s.outlet = :outlet)
  AND (coalesce(:role, '') = '' OR s.role = :role)
ORDER BY f.rank, s.sentence_id
LIMIT 200"""


def search_metadata() -> tuple[dict[str, Any], dict[str, Any]]:
    """The metadata of the search_sentences table and its canned query."""
    table = {"title": table_label(SEARCH_TABLE), "description": SEARCH_DESCRIPTION,
             "columns": {c: column_text(c, d) for c, d in SEARCH_COLUMN_DOCS.items()},
             "label_column": "text",
             "facets": ["outlet", "published_on", "role", {"array": "entities"}],
             "fts_table": f"{SEARCH_TABLE}_fts", "fts_pk": "rowid"}
    query = {"sql": SEARCH_QUERY_SQL, "title": "Search sentences",
             "description": "Sentences with all the words of q (whole words, any case), best "
                            "matches first, each as a snippet with the words marked; outlet "
                            "and role narrow the search (at most 200 rows).",
             "params": ["q", "outlet", "role"], "hide_sql": True}
    return table, query


def query_description(query: NamedQuery) -> str:
    text = query.description
    if query.params:
        params = "; ".join(f"{p.name}: {p.description}" for p in query.params)
        text += f" Parameters: {params}."
    return text


def chart_fragment(columns: Sequence[tuple[str, str]]) -> str | None:
    """A datasette-vega chart (as a URL fragment) of a number over time, if the rows allow."""
    dates = [n for n, t in columns if t == "DATE"]
    numbers = [n for n, t in columns if t in _NUMBER_TYPES]
    if not dates or not numbers:
        return None
    x = next((d for d in dates if "start" in d), dates[0])
    y = next((n for n in numbers if not n.endswith(("_count", "_id"))), numbers[0])
    state = {"mark": "circle", "x_column": x, "x_type": "temporal", "y_column": y,
             "y_type": "quantitative"}
    series = next((n for n in _SERIES_COLUMNS if n in dict(columns)
                   and dict(columns)[n] == "VARCHAR"), None)
    if series:
        state["color_column"] = series
    return urlencode({f"g.{k}": v for k, v in state.items()})


def result_columns(con: duckdb.DuckDBPyConnection, query: NamedQuery) -> list[tuple[str, str]]:
    """Names and DuckDB types of a query's columns (planned, not run)."""
    values = {p.name: p.default if p.default is not None else "" for p in query.params}
    cur = con.execute(f"SELECT * FROM ({query.sql}) AS q LIMIT 0", values)
    return [(d[0], str(d[1])) for d in cur.description or []]


def canned_query(query: NamedQuery, sqlite_sql: str,
                 columns: Sequence[tuple[str, str]] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"sql": sqlite_sql, "title": query.title,
                           "description": query_description(query), "hide_sql": True}
    if query.params:
        out["params"] = [p.name for p in query.params]
    fragment = chart_fragment(columns) if columns else None
    if fragment:
        out["fragment"] = fragment
    return out


def build(about: About, tables: Sequence[Table], docs: SchemaDocs, copy: CopyResult,
          canned: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """The whole metadata document for Datasette."""
    run = f", run {about.run_id}" if about.run_id else ""
    tables_metadata = {t.name: table_metadata(t, docs, copy) for t in tables}
    queries = dict(canned)
    if SEARCH_TABLE in copy.fts:
        tables_metadata[SEARCH_TABLE], queries[SEARCH_QUERY] = search_metadata()
    return {
        "title": about.name,
        "description": (
            f"Facts extracted from {about.article_count} news articles: entities, dates, "
            "counts, claims and events, each with the exact quote and character offsets it "
            "was read from. Article texts belong to their publishers."),
        "source": f"factdb {about.version}{run}",
        "source_url": about.source_url,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "databases": {
            about.name: {
                "tables": tables_metadata,
                "queries": queries,
            },
        },
    }
