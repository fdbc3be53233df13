"""The named fact queries: the registry, and one documented GET route per query."""

from __future__ import annotations

import inspect
from typing import Annotated, Any, cast

import duckdb
import msgspec
from litestar import Controller, MediaType, Request, Response, Router, get
from litestar.concurrency import sync_to_thread
from litestar.datastructures import State
from litestar.handlers import HTTPRouteHandler
from litestar.params import PathParameter, QueryParameter

from api.cache import SingleFlight
from api.controllers.export import SUFFIX, query_parquet
from api.deps import request_cursor
from api.jsonable import json_rows, jsonable
from api.models import QueryInfo, QueryParamInfo, QueryResult
from api.params import Cursor
from api.settings import ApiSettings
from factdb.changes import answer_since
from factdb.errors import UnknownQuery
from factdb.queries import NamedQuery, registry
from factdb.queries import get as get_query
from factdb.resolve.answers import built

QUERIES_PATH = "/v1/queries"
#: one run per named query and parameter values at a time: concurrent requests for an
#: answer not yet cached wait for the run under way (docs/api.md, Caching)
_FLIGHTS: SingleFlight[bytes] = SingleFlight()
_ENCODER = msgspec.json.Encoder()


def query_info(q: NamedQuery) -> QueryInfo:
    return QueryInfo(
        name=q.name, title=q.title, description=q.description,
        params=[QueryParamInfo(name=p.name, description=p.description, required=p.required,
                               default=p.default) for p in q.params],
        path=f"{QUERIES_PATH}/{q.name}")


def run_query(cur: duckdb.DuckDBPyConnection, q: NamedQuery, values: dict[str, Any],
              max_rows: int, answers_built: frozenset[str] | None = None) -> bytes:
    """Run a named query (its answer table when filled) and serialise its answer: the JSON
    body of a QueryResult, rows cut at max_rows (only max_rows + 1 rows are fetched). The
    answer table's JSON columns go into the body as they are stored (serialised once, at
    build: docs/adr/0012); the other values go through jsonable."""
    bound = q.bind(values)
    target = q.execute(cur, values, built=answers_built)
    kinds = q.kinds(target)
    columns, rows = q.fetch(target, max_rows + 1, raw_json=True)
    truncated = len(rows) > max_rows
    return _ENCODER.encode({
        "query": q.name, "params": {k: str(v) for k, v in bound.items()}, "columns": columns,
        "rows": json_rows(columns, kinds, rows[:max_rows]), "truncated": truncated})


def answer(state: State, q: NamedQuery, values: dict[str, Any], since: str | None) -> bytes:
    """The JSON body of a named query's answer (run in a worker thread): a cursor of its
    own under the query time limit (api.deps.request_cursor), one run per query and
    parameter values at a time (single-flight)."""
    with request_cursor(state) as cur:
        if since is not None:  # only the rows citing facts added or changed since a run
            return _ENCODER.encode(jsonable(answer_since(cur, q, values, since)))
        if "answers_built" not in state:  # the served database cannot change: read once
            state.answers_built = built(cur)
        key = (id(state), q.name, tuple(sorted(q.bind(values).items())))
        settings: ApiSettings = state.settings
        return _FLIGHTS.run(key, lambda: run_query(cur, q, values, settings.query_max_rows,
                                                   state.answers_built))


def query_route(q: NamedQuery, cache: bool = True) -> HTTPRouteHandler:
    """GET /v1/queries/<name> with the query's params as described query-string params
    (cache: whether its answers go to the response cache; off when the cache is)."""
    names = {f"p{i}": p.name for i, p in enumerate(q.params)}

    async def handler(request: Request[Any, Any, Any], since: str | None = None,
                      **kwargs: Any) -> Response[QueryResult]:
        q.check_names(k for k in request.query_params if k != "since")
        values = {names[k]: v for k, v in kwargs.items() if v is not None}
        # one hop to a thread for the cursor, the statements and the encoding together
        body = await sync_to_thread(answer, request.app.state, q, values, since)
        # the body is already JSON, sent as it is (its schema is QueryResult's)
        return cast("Response[QueryResult]", Response(body, media_type=MediaType.JSON))

    params = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                          annotation=Request),
    ]
    since: Any = Annotated[str | None, QueryParameter(
        description="Id of an extraction run: only the rows that cite facts added or changed "
                    "after it, each with those facts' citations (docs/changes.md)")]
    params.append(inspect.Parameter("since", inspect.Parameter.KEYWORD_ONLY, default=None,
                                    annotation=since))
    annotations: dict[str, Any] = {"request": Request, "since": since,
                                   "return": Response[QueryResult]}
    for key, p in zip(names, q.params, strict=True):
        ann: Any = Annotated[str, QueryParameter(name=p.name, description=p.description,
                                                 required=p.required)]
        default: Any = inspect.Parameter.empty if p.required else p.default
        params.append(inspect.Parameter(key, inspect.Parameter.KEYWORD_ONLY, default=default,
                                        annotation=ann))
        annotations[key] = ann
    handler.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        params, return_annotation=Response[QueryResult])
    handler.__annotations__ = annotations
    handler.__name__ = f"query_{q.name}"
    handler.__doc__ = q.description
    return get(f"{QUERIES_PATH}/{q.name}", operation_id=f"query_{q.name}", cache=cache,
               summary=q.title, description=q.description, tags=["queries"])(handler)


class QueryController(Controller):
    path = QUERIES_PATH
    tags = ["queries"]

    @get("/", operation_id="list_queries", summary="The named fact queries and their params")
    async def list_queries(self) -> list[QueryInfo]:
        return [query_info(q) for q in registry().values()]

    @get("/{name:str}", operation_id="export_query_parquet", sync_to_thread=True, cache=True,
         tags=["export"], summary="Download the rows of a named query as a Parquet file "
                                  "(zstd): /v1/queries/<name>.parquet?<params>",
         response_description="The rows as Parquet (application/vnd.apache.parquet)")
    def export_query(self, request: Request[Any, Any, Any], cur: Cursor,
                     name: Annotated[str, PathParameter(
                         description="<name>.parquet, for a named query (GET /v1/queries "
                                     "lists them); its params go in the query string")]
                     ) -> Response[bytes]:
        # the named queries' own routes match their bare names first; any other name
        # is a download or unknown (404)
        q = get_query(name.removesuffix(SUFFIX))
        if not name.endswith(SUFFIX):
            raise UnknownQuery(f"no query named '{name}'")
        return query_parquet(cur, q, dict(request.query_params))


def queries_router(cache: bool = True) -> Router:
    """The registry listing plus one route per named query (cache: see query_route)."""
    return Router(path="/", route_handlers=[QueryController]
                  + [query_route(q, cache) for q in registry().values()])
