"""The Litestar application: create_app() serves one factdb database read-only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
from litestar import Litestar, Request, asgi
from litestar.config.cors import CORSConfig
from litestar.config.response_cache import ResponseCacheConfig
from litestar.di import Provide
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Tag
from litestar.types import Receive, Scope, Send

from api.cache import LruStore, ResultCache
from api.controllers.articles import ArticleController
from api.controllers.changes import ChangesController
from api.controllers.entities import EntityController, EventController
from api.controllers.export import ExportController
from api.controllers.facts import ClaimController, CountController, DateController
from api.controllers.health import health
from api.controllers.queries import queries_router
from api.controllers.search import SearchController
from api.controllers.sql import client_identifier, sql_router
from api.deps import provide_cursor, provide_settings
from api.errors import exception_handlers
from api.openapi import assets_router, document_problems, render_plugins
from api.pages import pages_router
from api.settings import ApiSettings
from factdb import __version__
from factdb.sqlrun import open_locked

DATASETTE_PATH = "/datasette"
DESCRIPTION = """\
Read-only JSON API over a factdb database: articles, and the facts extracted from them
(entities, dates, counts, claims, events), each with its citations: the article, outlet,
URL, exact quote and character offsets (articles.text[char_start:char_end] == quote).

Lists use keyset pagination: `limit` (default 50, at most 500) and `after` (the previous
page's `next_cursor`). Errors are RFC 9457 problem details (application/problem+json).
"""


#: Datasette query-string keys that only page or shape a result; any other key (sql,
#: _where, _search, a filter, a canned query's parameter) makes the caller's own SQL.
_PAGING_KEYS = frozenset({"_size", "_next", "_sort", "_sort_desc", "_shape", "_labels",
                          "_nocount", "_nofacet", "_facet", "_col", "_nocol", "_json",
                          "_trace", "_hide_sql", "_show_sql", "_extra", "_stream", "_dl"})


def _runs_sql(request: Request[Any, Any, Any]) -> bool:
    """Does a Datasette request run SQL of the caller's? Those count against the same
    per-client rate limit as POST /v1/sql; plain browsing does not."""
    return any(k not in _PAGING_KEYS for k in request.query_params)


def datasette_mount(publish_dir: Path, settings: ApiSettings) -> Any:
    """Datasette over a `factdb publish` directory, mounted at /datasette/, behind the
    rate limit of user SQL (ADR 0011)."""
    from factdb.publish.datasette import asgi_app

    inner = asgi_app(publish_dir, base_url=DATASETTE_PATH + "/")
    middleware = []
    if settings.sql_rate_limit_per_minute > 0:
        middleware.append(RateLimitConfig(
            rate_limit=("minute", settings.sql_rate_limit_per_minute),
            store="datasette_rate_limit", check_throttle_handler=_runs_sql,
            identifier_for_request=client_identifier(settings.trusted_proxies)).middleware)

    @asgi(path=DATASETTE_PATH, is_mount=True, copy_scope=True, middleware=middleware)
    async def datasette(scope: Scope, receive: Receive, send: Send) -> None:
        await inner(scope, receive, send)

    return datasette


def create_app(settings: ApiSettings | None = None) -> Litestar:
    """The API over settings.db_path, opened read-only (and locked) for the app's lifetime."""
    settings = settings or ApiSettings.from_env()
    con = open_locked(settings.db_path, threads=settings.db_threads)
    sql_cache: ResultCache[bytes] = ResultCache(settings.sql_cache_entries)

    def close_db(app: Litestar) -> None:
        pool = app.state.pop("sql_pool", None) if "sql_pool" in app.state else None
        if pool is not None:
            pool.close()
        for cur in app.state.get("idle_cursors", []):
            cur.close()
        con.close()

    handlers: list[Any] = [ArticleController, EntityController, EventController,
                           CountController, DateController, ClaimController, ExportController,
                           queries_router(cache=settings.cache_bytes > 0),
                           sql_router(settings), health, SearchController,
                           pages_router(), assets_router(), ChangesController]
    if settings.publish_dir:
        handlers.append(datasette_mount(Path(settings.publish_dir), settings))
    app = Litestar(
        route_handlers=handlers,
        dependencies={"cur": Provide(provide_cursor),
                      "settings": Provide(provide_settings, sync_to_thread=False),
                      "sql_cache": Provide(lambda: sql_cache, sync_to_thread=False)},
        stores={"api_responses": LruStore(settings.cache_bytes)},
        response_cache_config=ResponseCacheConfig(
            default_expiration=None, store="api_responses",
            cache_response_filter=lambda _, status: settings.cache_bytes > 0 and status < 400),
        signature_namespace={"DuckDBPyConnection": duckdb.DuckDBPyConnection},
        exception_handlers=exception_handlers(),
        cors_config=CORSConfig(allow_origins=list(settings.cors_origins),
                               allow_methods=["GET", "POST", "OPTIONS"],
                               allow_headers=["Content-Type"], max_age=600),
        openapi_config=OpenAPIConfig(
            title="factdb API", version=__version__, path="/schema", description=DESCRIPTION,
            render_plugins=render_plugins(),
            tags=[Tag(name="articles"), Tag(name="entities"), Tag(name="events"),
                  Tag(name="facts"), Tag(name="search"), Tag(name="queries"),
                  Tag(name="export"),
                  Tag(name="sql"), Tag(name="health")]),
        on_shutdown=[close_db],
    )
    document_problems(app.openapi_schema)  # the error answers, in the served document
    app.state.db = con
    app.state.idle_cursors = []  # api.deps.request_cursor hands them on
    app.state.settings = settings
    app.state.sql_cache = sql_cache
    return app
