"""The error answers in the OpenAPI document: every status a route may answer, as a problem.

Litestar documents a route's success and its 400 validation answer only, as
application/json. The server also answers 404 (an unknown id or query), 408 (a time limit),
413/422/429/403 (the limits of POST /v1/sql) and 503 (busy, or no database), always as
RFC 9457 problem details (api/errors.py). `document_problems` adds them to the document the
app serves, so that generated requests (tests/hostile/test_openapi_generated.py) find every
answer documented (docs/adr/0011-request-limits.md).
"""

from __future__ import annotations

from http import HTTPStatus
from pathlib import Path

from litestar import Router
from litestar.datastructures import CacheControlHeader
from litestar.openapi.plugins import (
    JsonRenderPlugin,
    OpenAPIRenderPlugin,
    RedocRenderPlugin,
    YamlRenderPlugin,
)
from litestar.openapi.spec import (
    OpenAPI,
    OpenAPIResponse,
    Operation,
    Reference,
    Schema,
)
from litestar.openapi.spec.enums import OpenAPIType
from litestar.openapi.spec.media_type import OpenAPIMediaType
from litestar.static_files import create_static_files_router

from api.errors import PROBLEM_MEDIA_TYPE

PROBLEM_SCHEMA = "Problem"

#: Statuses of every operation that reads the database.
COMMON = (400, 408, 503)
#: More statuses, by path prefix.
BY_PATH = {
    "/v1/sql": (403, 413, 422, 429),
    "/v1/queries/": (404,),
}


def _problem_schema() -> Schema:
    text, integer = Schema(type=OpenAPIType.STRING), Schema(type=OpenAPIType.INTEGER)
    return Schema(
        type=OpenAPIType.OBJECT, required=["type", "title", "status", "detail", "instance"],
        description="RFC 9457 problem details",
        properties={"type": text, "title": text, "status": integer, "detail": text,
                    "instance": text,
                    "errors": Schema(type=OpenAPIType.ARRAY,
                                     items=Schema(type=OpenAPIType.OBJECT))})


def _statuses(path: str, operation: Operation) -> list[int]:
    out = set(COMMON)
    if "{" in path:
        out.add(404)
    for prefix, extra in BY_PATH.items():
        if path == prefix or path.startswith(prefix):
            out.update(extra)
    return sorted(out)


def document_problems(doc: OpenAPI) -> OpenAPI:
    """Adds the problem answers to every operation of `doc` (in place) and returns it."""
    if doc.components.schemas is None:
        doc.components.schemas = {}
    doc.components.schemas[PROBLEM_SCHEMA] = _problem_schema()
    content = {PROBLEM_MEDIA_TYPE: OpenAPIMediaType(
        schema=Reference(ref=f"#/components/schemas/{PROBLEM_SCHEMA}"))}
    for path, item in (doc.paths or {}).items():
        for method in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
            operation = getattr(item, method, None)
            if operation is None:
                continue
            responses = operation.responses if operation.responses is not None else {}
            for status in _statuses(path, operation):
                responses[str(status)] = OpenAPIResponse(
                    description=HTTPStatus(status).phrase + " (problem details)",
                    content=content)
            operation.responses = responses
    return doc


#: Where the vendored assets of the API reference page are served (api/static/openapi/).
ASSETS_PATH = "/schema-assets"
ASSETS_DIR = Path(__file__).resolve().parent / "static" / "openapi"


def render_plugins() -> list[OpenAPIRenderPlugin]:
    """The API reference at /schema (Redoc, also at /schema/redoc) and the document at
    /schema/openapi.json (and .yaml): Redoc's script is served by factdb itself, with no
    web fonts and no favicon from the internet, so the page renders offline."""
    redoc = RedocRenderPlugin(path=["/", "/redoc"], js_url=f"{ASSETS_PATH}/redoc.standalone.js",
                              google_fonts=False, favicon="")
    return [redoc, JsonRenderPlugin(), YamlRenderPlugin()]


def assets_router() -> Router:
    """Serves api/static/openapi/ at ASSETS_PATH (cached for a day)."""
    return create_static_files_router(path=ASSETS_PATH, directories=[ASSETS_DIR],
                                      include_in_schema=False, cache_control=CacheControlHeader(
                                          max_age=86400), name="openapi_assets")
