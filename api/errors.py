"""One error shape for the whole API: RFC 9457 problem details (application/problem+json).

Every exception becomes a problem here, in one table: HTTP errors raised by Litestar (404,
405, 400 validation, 413, 429), factdb's domain errors, and anything unexpected (500).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap

from factdb.errors import FactdbError, InputError, SchemaError
from factdb.queries import QueryDefinitionError, QueryParamError, UnknownQuery
from factdb.sqlguard import QueryError

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "urn:factdb:problem:"
log = logging.getLogger("factdb.api")

#: Domain errors by class (most specific first): (HTTP status, problem type slug).
DOMAIN_ERRORS: tuple[tuple[type[FactdbError], int, str], ...] = (
    (UnknownQuery, 404, "unknown-query"),
    (QueryParamError, 400, "bad-query-parameter"),
    (QueryDefinitionError, 500, "query-definition"),
    (InputError, 400, "bad-input"),
    (SchemaError, 503, "database-unavailable"),
    (FactdbError, 400, "bad-request"),
)


def problem(request: Request[Any, Any, Any], status: int, detail: str, *,
            type_: str = "about:blank", title: str | None = None,
            extra: dict[str, Any] | None = None,
            headers: dict[str, str] | None = None) -> Response[dict[str, Any]]:
    """A problem details response."""
    body: dict[str, Any] = {
        "type": type_,
        "title": title or _phrase(status),
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    body.update(extra or {})
    return Response(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def http_exception(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    extra: dict[str, Any] = {}
    detail = exc.detail or _phrase(exc.status_code)
    if isinstance(exc, ValidationException):
        errors = exc.extra if isinstance(exc.extra, list) else []
        if errors:
            extra["errors"] = errors
        parts = [f"{e.get('key')}: {e.get('message')}" for e in errors if isinstance(e, dict)]
        if parts:
            detail = "invalid request: " + "; ".join(parts)
    headers = {k: v for k, v in (exc.headers or {}).items()}
    return problem(request, exc.status_code, detail, headers=headers or None, extra=extra)


def query_error(request: Request[Any, Any, Any], exc: QueryError) -> Response[Any]:
    return problem(request, exc.status, exc.message, type_=f"{PROBLEM_BASE}sql:{exc.kind}",
                   title=f"SQL {exc.kind.replace('_', ' ')}")


def domain_error(request: Request[Any, Any, Any], exc: FactdbError) -> Response[Any]:
    for cls, status, slug in DOMAIN_ERRORS:
        if isinstance(exc, cls):
            return problem(request, status, str(exc), type_=PROBLEM_BASE + slug)
    return problem(request, 400, str(exc), type_=PROBLEM_BASE + "bad-request")


def unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem(request, 500, "internal error; the server log has the details",
                   type_=PROBLEM_BASE + "internal")


def exception_handlers() -> ExceptionHandlersMap:
    """Every exception the API maps, in one place."""
    handlers: ExceptionHandlersMap = {
        HTTPException: http_exception,
        QueryError: query_error,
        FactdbError: domain_error,
        Exception: unexpected,
    }
    for cls, _, _ in DOMAIN_ERRORS:
        handlers[cls] = domain_error
    return handlers

