"""POST /v1/sql: one read-only SELECT through the SQL guard, rate-limited per client."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Callable
from functools import partial
from typing import Any, cast

import anyio
from litestar import MediaType, Request, Response, Router, post
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.params import JSONBody

from api.cache import VOLATILE_SQL, ResultCache
from api.jsonable import jsonable
from api.models import SqlRequest, SqlResponse
from api.params import Cursor, Settings
from api.settings import ApiSettings
from factdb.sqlpool import PoolLimits, SqlPool
from factdb.sqlrun import allowed_tables, execute

#: Threads that wait on the SQL workers: their own, never the ones other routes run on (a
#: flood of SQL then cannot stall /health or the named queries; ADR 0011).
_SQL_THREADS: dict[int, anyio.CapacityLimiter] = {}


def _limiter(size: int) -> anyio.CapacityLimiter:
    if size not in _SQL_THREADS:
        _SQL_THREADS[size] = anyio.CapacityLimiter(size)
    return _SQL_THREADS[size]


_POOL_LOCK = threading.Lock()


def sql_pool(state: State, settings: ApiSettings) -> SqlPool | None:
    """The app's SQL worker processes (ADR 0011), started on the first POST /v1/sql rather
    than with the server: a server that is never sent SQL does not hold their memory (about
    140 MiB each). The first statement waits for them to start (a second or two; it does
    not count against its time limit). None when settings.sql_workers is 0 (SQL in the
    server process, for tests only)."""
    pool: SqlPool | None = state.get("sql_pool")
    if pool is None and settings.sql_workers > 0:
        with _POOL_LOCK:
            pool = state.get("sql_pool")
            if pool is None:
                pool = state.sql_pool = SqlPool(settings.db_path, PoolLimits(
                    workers=settings.sql_workers, queue=settings.sql_queue,
                    rss_cap=settings.sql_worker_rss_bytes, threads=1))
    return pool


@post("/", operation_id="run_sql", status_code=200, tags=["sql"],
      summary="Run one read-only SELECT (duckdb, postgres or sqlite dialect)",
      description="The statement is parsed and checked (one SELECT over factdb's tables, "
                  "allow-listed functions), translated to DuckDB, and run under a time and "
                  "row limit, in a worker process with a memory cap. Refusals are 400 (403 if the "
                  "connection refuses), 408 on timeout, 413 when too large, 422 past the "
                  "memory cap, 429 past the per-client rate limit, 503 when every SQL "
                  "worker is busy.")
async def run_sql(request: Request[Any, Any, Any], data: JSONBody[SqlRequest], cur: Cursor,
                  settings: Settings,
                  sql_cache: NamedDependency[ResultCache[bytes]]) -> Response[SqlResponse]:
    key = (data.sql, data.dialect)
    body = sql_cache.get(key)
    if body is None:
        pool = sql_pool(request.app.state, settings)
        if pool is not None:  # a worker process that can be killed (ADR 0011)
            run = partial(pool.execute, data.sql, data.dialect,
                          max_rows=settings.sql_max_rows, timeout=settings.sql_timeout_s)
            size = pool.limits.workers + pool.limits.queue + 1
        else:
            state = request.app.state
            if "sql_tables" not in state:  # the served database cannot change: list once
                state.sql_tables = allowed_tables(cur)
            run = partial(execute, cur, data.sql, data.dialect,
                          max_rows=settings.sql_max_rows, timeout=settings.sql_timeout_s,
                          tables=state.sql_tables)
            size = 4
        result = await anyio.to_thread.run_sync(run, limiter=_limiter(size))
        body = SqlResponse(
            columns=result.columns, rows=[[jsonable(v) for v in row] for row in result.rows],
            truncated=result.truncated, sql_executed=result.sql_executed,
        ).model_dump_json().encode()
        if not VOLATILE_SQL.search(result.sql_executed):
            sql_cache.put(key, body)
    # the body is already JSON (kept encoded in the cache); it is sent as it is
    return cast("Response[SqlResponse]", Response(body, media_type=MediaType.JSON))


def client_identifier(trusted_proxies: tuple[str, ...]) -> Callable[[Request[Any, Any, Any]],
                                                                     str]:
    """Who a request counts against for a rate limit: the peer address, unless the peer is
    a trusted proxy; then the right-most X-Forwarded-For address that is not one. A header
    from any other peer is ignored, so a client cannot pick its own identity."""
    networks = [ipaddress.ip_network(p, strict=False) for p in trusted_proxies]

    def trusted(address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address.strip())
        except ValueError:
            return False
        return any(ip in n for n in networks)

    def identify(request: Request[Any, Any, Any]) -> str:
        client = request.scope.get("client")
        peer = str(client[0]) if client else "unknown"
        if not networks or not trusted(peer):
            return peer
        hops = [h.strip() for h in ",".join(
            request.headers.getall("x-forwarded-for", [])).split(",") if h.strip()]
        for hop in reversed(hops):
            if not trusted(hop):
                return hop
        return peer

    return identify


def sql_router(settings: ApiSettings) -> Router:
    """/v1/sql with its body-size cap and, unless turned off, its rate limit."""
    middleware = []
    if settings.sql_rate_limit_per_minute > 0:
        limit = RateLimitConfig(rate_limit=("minute", settings.sql_rate_limit_per_minute),
                                store="sql_rate_limit",
                                identifier_for_request=client_identifier(
                                    settings.trusted_proxies))
        middleware.append(limit.middleware)
    return Router(path="/v1/sql", route_handlers=[run_sql], middleware=middleware,
                  request_max_body_size=settings.max_body_bytes)
