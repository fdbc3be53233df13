"""Publishing: Parquet export, the SQLite copy with Datasette metadata, and the Datasette app."""

from __future__ import annotations

from factdb.errors import PublishError, UnknownTable
from factdb.publish.datasette import PublishReport, asgi_app, build, publish
from factdb.publish.parquet import export_parquet, query_parquet_bytes, table_parquet_bytes

__all__ = ["PublishError", "PublishReport", "UnknownTable", "asgi_app", "build",
           "export_parquet", "publish", "query_parquet_bytes", "table_parquet_bytes"]
