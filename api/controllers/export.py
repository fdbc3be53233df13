"""Parquet downloads: GET /v1/export/<table>.parquet and GET /v1/queries/<name>.parquet.

Files are written by factdb's one Parquet writer (factdb.publish.parquet), in memory: the
API's connection is locked against file access.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

import duckdb
from litestar import Controller, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import PathParameter

from api.params import Cursor
from factdb import db
from factdb.queries import NamedQuery

PARQUET_MEDIA_TYPE = "application/vnd.apache.parquet"
SUFFIX = ".parquet"


def download(data: bytes, filename: str) -> Response[bytes]:
    return Response(data, media_type=PARQUET_MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def query_parquet(cur: duckdb.DuckDBPyConnection, q: NamedQuery,
                  values: Mapping[str, str]) -> Response[bytes]:
    """The rows of a named query as a Parquet download. Raises QueryParamError."""
    # imported on first use: pyarrow and the publish package are tens of MiB of the
    # server's memory that only downloads need
    from factdb.publish.parquet import named_query_parquet_bytes

    return download(named_query_parquet_bytes(cur, q, values), q.name + SUFFIX)


class ExportController(Controller):
    path = "/v1/export"
    tags = ["export"]

    @get("/{filename:str}", operation_id="export_table_parquet", sync_to_thread=True,
         cache=True, summary="Download one table as a Parquet file (zstd): "
                             "/v1/export/<table>.parquet",
         response_description="The table as Parquet (application/vnd.apache.parquet)")
    def table(self, cur: Cursor, filename: Annotated[str, PathParameter(
            description="<table>.parquet, for a table of the database (articles, sentences, "
                        "entities, entity_mentions, events, counts, dates, claims, ...)")]
              ) -> Response[bytes]:
        table = filename.removesuffix(SUFFIX)
        if not filename.endswith(SUFFIX) or table not in db.list_tables(cur):
            raise NotFoundException(f"no table file named '{filename}'; ask for "
                                    "<table>.parquet")
        from factdb.publish.parquet import table_parquet_bytes  # on first use (above)

        return download(table_parquet_bytes(cur, table), filename)
