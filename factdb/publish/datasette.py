"""`factdb publish`: a SQLite copy with generated Datasette metadata, and the Datasette app.

A publish directory holds:

* ``<name>.db``: the SQLite copy (factdb.publish.sqlite_copy);
* ``metadata.yml``: generated metadata (factdb.publish.metadata) with the canned queries;
* ``settings.json``: Datasette settings (time limits, no facet suggestions);
* ``plugins/factdb_functions.py``: the SQLite functions the canned queries use;
* ``plugins/factdb_citations.py``: citations rendered as a person reads them, column labels
  (factdb.publish.citations_html);
* ``inspect-data.json``: table counts and file hash, so Datasette starts without counting.

``datasette serve DIR`` serves it as is; the API mounts ``asgi_app(DIR)`` at /datasette/.
Every file is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import yaml

from factdb import __version__, db
from factdb.errors import PublishError, TranspileError
from factdb.publish import citations_html, schema_docs, sqlite_functions
from factdb.publish import metadata as meta
from factdb.publish.catalog import Table, implied_foreign_keys, read_tables
from factdb.publish.files import file_sha256, write_text_atomic
from factdb.publish.parquet import latest_run
from factdb.publish.sqlite_copy import copy_database
from factdb.publish.transpile import SchemaInfo, to_sqlite
from factdb.queries import NamedQuery, registry

SCHEMA_DOC = db.SCHEMA_DOC
PLUGIN_NAME = "factdb_functions"
CITATIONS_PLUGIN = "factdb_citations"

#: Datasette settings: read-only browsing that stays fast on large tables.
DATASETTE_SETTINGS: dict[str, Any] = {
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 500,
    "facet_suggest_time_limit_ms": 50,
    "suggest_facets": False,
    "max_returned_rows": 5000,
    "default_page_size": 50,
    "allow_download": True,
    "default_cache_ttl": 3600,
}


@dataclass
class PublishReport:
    db_path: Path
    metadata_path: Path
    tables: dict[str, int] = field(default_factory=dict)
    queries: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        rows = sum(self.tables.values())
        lines = [f"published {self.db_path} ({len(self.tables)} tables, {rows} rows, "
                 f"{len(self.queries)} canned queries)", f"metadata: {self.metadata_path}"]
        lines += [f"  warning: {w}" for w in self.warnings]
        return "\n".join(lines)


def schema_info(tables: list[Table]) -> SchemaInfo:
    kinds: dict[str, set[str]] = {}
    for t in tables:
        for c in t.columns:
            kinds.setdefault(c.name, set()).add(c.kind)
    return SchemaInfo(
        table_columns={t.name: t.column_names for t in tables},
        json_columns=frozenset(n for n, k in kinds.items() if k == {"json"}),
        date_columns=frozenset(n for n, k in kinds.items() if k == {"date"}),
    )


def sqlite_query(query: NamedQuery, info: SchemaInfo) -> str:
    """The SQLite form of a named query, as the canned query runs it."""
    return to_sqlite(query.sql, info, {p.name: p.default for p in query.params
                                       if p.default is not None})


def _check_runs(sqlite_db: Path, sql: str, params: list[str]) -> None:
    conn = sqlite3.connect(f"file:{sqlite_db}?mode=ro", uri=True)
    try:
        sqlite_functions.register(conn)
        conn.execute("EXPLAIN " + sql, {p: "" for p in params})
    finally:
        conn.close()


def canned_queries(con: duckdb.DuckDBPyConnection, sqlite_db: Path, tables: list[Table],
                   queries: Mapping[str, NamedQuery],
                   warnings: list[str]) -> dict[str, dict[str, Any]]:
    """Every named query that has a SQLite form that SQLite accepts; the others are warned."""
    info = schema_info(tables)
    out = {}
    for name, query in sorted(queries.items()):
        try:
            sql = sqlite_query(query, info)
            _check_runs(sqlite_db, sql, [p.name for p in query.params])
        except (TranspileError, sqlite3.Error) as exc:
            warnings.append(f"query '{name}' is not published: {exc}")
            continue
        try:
            columns: list[tuple[str, str]] | None = meta.result_columns(con, query)
        except duckdb.Error:
            columns = None
        out[name] = meta.canned_query(query, sql, columns)
    return out


def build(db_path: str | Path, out_dir: str | Path, name: str = "factdb", *,
          queries: Mapping[str, NamedQuery] | None = None,
          source_url: str | None = None) -> PublishReport:
    """Write the publish directory; returns what was written and any warnings."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise PublishError(f"{out}: exists and is not a directory")
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{name}.db"
    tmp = out / f".{name}.db.tmp-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    report = PublishReport(target, out / "metadata.yml")
    con = db.connect(db_path, read_only=True)
    try:
        tables = read_tables(con)
        copy = copy_database(con, tables, implied_foreign_keys(tables), tmp)
        report.tables, report.warnings = copy.row_counts, list(copy.warnings)
        canned = canned_queries(con, tmp, tables,
                                registry() if queries is None else queries, report.warnings)
        report.queries = sorted(canned)
        docs = schema_docs.load(SCHEMA_DOC, db.SCHEMA_DIR.glob("*.sql"))
        about = meta.About(name=name, version=__version__, run_id=latest_run(con),
                           article_count=copy.row_counts.get("articles", 0),
                           source_url=source_url or f"/{name}/extraction_runs")
        document = meta.build(about, tables, docs, copy, canned)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        con.close()
    write_text_atomic(report.metadata_path,
                "# Generated by `factdb publish`: do not edit (it is rewritten).\n"
                + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100))
    write_text_atomic(out / "settings.json", json.dumps(DATASETTE_SETTINGS, indent=2) + "\n")
    plugins = out / "plugins"
    plugins.mkdir(exist_ok=True)
    for plugin_name, module in ((PLUGIN_NAME, sqlite_functions),
                                (CITATIONS_PLUGIN, citations_html)):
        write_text_atomic(plugins / f"{plugin_name}.py",
                          Path(module.__file__ or "").read_text(encoding="utf-8"))
    inspect = {name: {"hash": file_sha256(target), "size": target.stat().st_size,
                      "file": target.name,
                      "tables": {t: {"count": n} for t, n in copy.row_counts.items()}}}
    write_text_atomic(out / "inspect-data.json", json.dumps(inspect, indent=2) + "\n")
    return report


def publish(db_path: str | Path, out_dir: str | Path, name: str = "factdb") -> Path:
    """Write out_dir/<name>.db and out_dir/metadata.yml (and Datasette's settings); the .db path."""
    return build(db_path, out_dir, name).db_path


def _register_plugin() -> None:
    import datasette.handle_exception as default_handler
    from datasette.plugins import pm

    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(sqlite_functions, name=PLUGIN_NAME)
    if pm.get_plugin(CITATIONS_PLUGIN) is None:
        pm.register(citations_html, name=CITATIONS_PLUGIN)
    # a refused statement is the caller's error: one log line (sqlite_functions'
    # handle_exception hook), not a full-page traceback with every local variable
    default_handler.rich = None


def _prefixed(document: dict[str, Any], base_url: str) -> dict[str, Any]:
    """Relative links of the metadata (source_url) under the app's base URL."""
    out = dict(document)
    url = out.get("source_url")
    if isinstance(url, str) and url.startswith("/") and not url.startswith("//"):
        out["source_url"] = base_url.rstrip("/") + url
    return out


def datasette(publish_dir: str | Path, base_url: str = "/") -> Any:
    """The Datasette instance over a publish directory (immutable, read-only)."""
    from datasette.app import Datasette

    directory = Path(publish_dir)
    files = sorted(directory.glob("*.db"))
    if not files:
        raise PublishError(f"{directory}: no published database; run `factdb publish "
                           f"{directory}`")
    metadata_path = directory / "metadata.yml"
    document = (yaml.safe_load(metadata_path.read_text(encoding="utf-8"))
                if metadata_path.is_file() else {})
    settings = dict(DATASETTE_SETTINGS)
    settings_path = directory / "settings.json"
    if settings_path.is_file():
        settings.update(json.loads(settings_path.read_text(encoding="utf-8")))
    settings["base_url"] = base_url if base_url.endswith("/") else base_url + "/"
    inspect_path = directory / "inspect-data.json"
    inspect = (json.loads(inspect_path.read_text(encoding="utf-8"))
               if inspect_path.is_file() else None)
    _register_plugin()
    return Datasette(immutables=[str(f) for f in files], metadata=_prefixed(document, base_url),
                     settings=settings, inspect_data=inspect)


def asgi_app(publish_dir: Path, base_url: str = "/datasette/") -> Any:
    """The Datasette ASGI app over a publish directory, for mounting at base_url."""
    return datasette(publish_dir, base_url).app()
