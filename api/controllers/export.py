"""Parquet downloads: GET /v1/export/<table>.parquet and GET /v1/queries/<name>.parquet.

Files are written through Arrow in memory: the API's connection is locked against file
access, so DuckDB's COPY cannot be used here.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Annotated

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from litestar import Controller, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import PathParameter

from api.params import Cursor
from factdb.db import quote_ident
from factdb.queries import NamedQuery, QueryParamError
from factdb.sqlrun import allowed_tables

PARQUET_MEDIA_TYPE = "application/vnd.apache.parquet"
SUFFIX = ".parquet"


def parquet_bytes(table: pa.Table) -> bytes:
    """An Arrow table as a Parquet file (zstd)."""
    out = io.BytesIO()
    pq.write_table(table, out, compression="zstd")
    return out.getvalue()


def download(data: bytes, filename: str) -> Response[bytes]:
    return Response(data, media_type=PARQUET_MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def query_parquet(cur: duckdb.DuckDBPyConnection, q: NamedQuery,
                  values: Mapping[str, str]) -> Response[bytes]:
    """The rows of a named query as a Parquet download. Raises QueryParamError."""
    unknown = sorted(set(values) - {p.name for p in q.params})
    if unknown:
        raise QueryParamError(f"query '{q.name}' has no parameter(s) {unknown}; it takes "
                              f"{sorted(p.name for p in q.params) or 'none'}")
    try:
        data = cur.sql(q.sql, params=q.bind(values)).to_arrow_table()
    except (duckdb.ConversionException, duckdb.InvalidInputException) as exc:
        raise QueryParamError(f"query '{q.name}': bad parameter value: "
                              f"{str(exc).splitlines()[0]}") from exc
    return download(parquet_bytes(data), q.name + SUFFIX)


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
        if not filename.endswith(SUFFIX) or table not in allowed_tables(cur):
            raise NotFoundException(f"no table file named '{filename}'; ask for "
                                    "<table>.parquet")
        data = cur.sql(f"SELECT * FROM {quote_ident(table)}").to_arrow_table()
        return download(parquet_bytes(data), filename)
