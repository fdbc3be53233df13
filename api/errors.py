"""One error shape for the whole API: RFC 9457 problem details (application/problem+json).

Every exception becomes a problem here, in one table: HTTP errors raised by Litestar (404,
405, 400 validation, 413, 429), factdb's domain errors, and anything unexpected (500).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import duckdb
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap

from factdb.errors import FactdbError, QueryError, error_kinds

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "urn:factdb:problem:"
log = logging.getLogger("factdb.api")


@dataclass(frozen=True)
class ProblemKind:
    """How one kind of domain error is answered: HTTP status and problem type slug."""

    status: int
    slug: str


#: The one table: domain error kind -> HTTP status and problem type (urn:factdb:problem:<slug>).
DOMAIN_ERRORS: dict[str, ProblemKind] = {
    "unknown_query": ProblemKind(404, "unknown-query"),
    "unknown_change": ProblemKind(404, "unknown-change"),
    "query_param": ProblemKind(400, "bad-query-parameter"),
    "query_definition": ProblemKind(500, "query-definition"),
    "input": ProblemKind(400, "bad-input"),
    "schema": ProblemKind(503, "database-unavailable"),
    "database_busy": ProblemKind(503, "database-unavailable"),
    "publish": ProblemKind(400, "bad-request"),
    "unknown_table": ProblemKind(400, "bad-request"),
    "transpile": ProblemKind(400, "bad-request"),
    "ungrounded": ProblemKind(400, "bad-request"),
    "factdb": ProblemKind(400, "bad-request"),
    # user SQL: the status depends on the reason (below); the type is sql:<reason>
    "sql_rejected": ProblemKind(400, "sql"),
    "query_failed": ProblemKind(400, "sql"),
}

#: SQL errors whose reason sets another status than their kind's, and the problem type
#: reason to report (an interrupted query is reported as a failed 'query').
SQL_STATUS: dict[tuple[str, str], int] = {
    ("sql_rejected", "too_large"): 413,
    ("query_failed", "timeout"): 408,
    ("query_failed", "resources"): 422,
    ("query_failed", "forbidden"): 403,
    ("query_failed", "interrupted"): 503,
    ("query_failed", "busy"): 503,
    ("query_failed", "config"): 500,
}
SQL_REASON_SHOWN: dict[str, str] = {"interrupted": "query"}


def http_status(exc: FactdbError) -> int:
    """The HTTP status the API answers a domain error with."""
    if isinstance(exc, QueryError):
        return SQL_STATUS.get((exc.kind, exc.reason), DOMAIN_ERRORS[exc.kind].status)
    return DOMAIN_ERRORS.get(exc.kind, DOMAIN_ERRORS["factdb"]).status


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


def domain_error(request: Request[Any, Any, Any], exc: FactdbError) -> Response[Any]:
    status = http_status(exc)
    if isinstance(exc, QueryError):
        reason = SQL_REASON_SHOWN.get(exc.reason, exc.reason)
        return problem(request, status, exc.message, type_=f"{PROBLEM_BASE}sql:{reason}",
                       title=f"SQL {reason.replace('_', ' ')}")
    kind = DOMAIN_ERRORS.get(exc.kind, DOMAIN_ERRORS["factdb"])
    return problem(request, status, str(exc), type_=PROBLEM_BASE + kind.slug)


def unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem(request, 500, "internal error; the server log has the details",
                   type_=PROBLEM_BASE + "internal")


def interrupted(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """A named query or list stopped at FACTDB_API_QUERY_TIMEOUT (api/deps.Deadlines)."""
    log.warning("query time limit reached on %s %s", request.method, request.url.path)
    return problem(request, 408, "the request ran longer than the server's time limit and "
                   "was stopped; narrow it (filters, a smaller limit)",
                   type_=PROBLEM_BASE + "timeout")


def undecodable(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """A request body that cannot be decoded (invalid UTF-8, JSON nested past the decoder's
    depth) is the client's error: 400, with one short log line, not a traceback."""
    if isinstance(exc, RecursionError) and request.method in ("GET", "HEAD", "OPTIONS"):
        return unexpected(request, exc)  # no body was decoded: a real bug
    log.warning("undecodable request body on %s %s: %s", request.method, request.url.path,
                type(exc).__name__)
    detail = ("the request body is not valid UTF-8" if isinstance(exc, UnicodeDecodeError)
              else "the request body is nested too deeply")
    return problem(request, 400, detail, type_=PROBLEM_BASE + "bad-request-body")


def exception_handlers() -> ExceptionHandlersMap:
    """Every exception the API maps, in one place."""
    handlers: ExceptionHandlersMap = {
        HTTPException: http_exception,
        UnicodeDecodeError: undecodable,
        duckdb.InterruptException: interrupted,
        RecursionError: undecodable,
        Exception: unexpected,
    }
    for cls in error_kinds().values():
        handlers[cls] = domain_error
    return handlers
