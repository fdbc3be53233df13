"""POST /v1/sql: one read-only SELECT through the SQL guard, rate-limited per client."""

from __future__ import annotations

from typing import cast

from litestar import MediaType, Response, Router, post
from litestar.di import NamedDependency
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.params import JSONBody

from api.cache import VOLATILE_SQL, ResultCache
from api.jsonable import jsonable
from api.models import SqlRequest, SqlResponse
from api.params import Cursor, Settings
from api.settings import ApiSettings
from factdb.sqlrun import execute


@post("/", operation_id="run_sql", status_code=200, sync_to_thread=True, tags=["sql"],
      summary="Run one read-only SELECT (duckdb, postgres or sqlite dialect)",
      description="The statement is parsed and checked (one SELECT over factdb's tables, "
                  "allow-listed functions), translated to DuckDB, and run under a time and "
                  "row limit. Refusals are 400 (403 if the connection refuses), 408 on "
                  "timeout, 413 when too large, 429 past the per-client rate limit.")
def run_sql(data: JSONBody[SqlRequest], cur: Cursor, settings: Settings,
            sql_cache: NamedDependency[ResultCache[bytes]]) -> Response[SqlResponse]:
    key = (data.sql, data.dialect)
    body = sql_cache.get(key)
    if body is None:
        result = execute(cur, data.sql, data.dialect, max_rows=settings.sql_max_rows,
                         timeout=settings.sql_timeout_s)
        body = SqlResponse(
            columns=result.columns, rows=[[jsonable(v) for v in row] for row in result.rows],
            truncated=result.truncated, sql_executed=result.sql_executed,
        ).model_dump_json().encode()
        if not VOLATILE_SQL.search(result.sql_executed):
            sql_cache.put(key, body)
    # the body is already JSON (kept encoded in the cache); it is sent as it is
    return cast("Response[SqlResponse]", Response(body, media_type=MediaType.JSON))


def sql_router(settings: ApiSettings) -> Router:
    """/v1/sql with its body-size cap and, unless turned off, its rate limit."""
    middleware = []
    if settings.sql_rate_limit_per_minute > 0:
        limit = RateLimitConfig(rate_limit=("minute", settings.sql_rate_limit_per_minute),
                                store="sql_rate_limit")
        middleware.append(limit.middleware)
    return Router(path="/v1/sql", route_handlers=[run_sql], middleware=middleware,
                  request_max_body_size=settings.max_body_bytes)
