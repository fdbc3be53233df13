"""Settings of the HTTP API, read from the environment (FACTDB_*) with documented defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass

from factdb.settings import DEFAULT_DB

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw not in (None, "") else default


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    return float(raw) if raw not in (None, "") else default


@dataclass(frozen=True)
class ApiSettings:
    """What the API serves and its limits.

    Environment variables: FACTDB_DB, FACTDB_API_CORS_ORIGINS (comma-separated, "*" for
    any), FACTDB_API_SQL_RATE_LIMIT (POST /v1/sql requests per minute per client; 0 turns
    the limit off), FACTDB_API_SQL_MAX_ROWS, FACTDB_API_SQL_TIMEOUT (seconds),
    FACTDB_API_MAX_BODY_BYTES, FACTDB_API_QUERY_MAX_ROWS, FACTDB_API_CACHE_BYTES (memory
    for cached GET responses; 0 turns the cache off), FACTDB_API_SQL_CACHE_ENTRIES (cached
    /v1/sql results; 0 off), FACTDB_API_DB_THREADS (DuckDB threads per query),
    FACTDB_PUBLISH_DIR (the directory `factdb publish` wrote, served by Datasette under
    /datasette/).

    Request limits (docs/adr/0011-request-limits.md): FACTDB_API_SQL_WORKERS (processes
    that run POST /v1/sql; 0 runs it in the server process, for tests only),
    FACTDB_API_SQL_QUEUE (queries that may wait for a worker; more are refused with 503),
    FACTDB_API_SQL_WORKER_RSS_MB (a worker whose resident memory passes this is killed:
    422), FACTDB_API_MEMORY_CAP_MB (data memory the server process may add after start-up;
    0 off), FACTDB_API_QUERY_TIMEOUT (seconds for a named query or list; 408 past it),
    FACTDB_API_TRUSTED_PROXIES (comma-separated addresses or networks whose
    X-Forwarded-For names the client for the rate limit; empty: the peer address is the
    client).
    """

    db_path: str = DEFAULT_DB
    cors_origins: tuple[str, ...] = ("*",)
    sql_rate_limit_per_minute: int = 60
    sql_max_rows: int = 1000
    sql_timeout_s: float = 2.0
    max_body_bytes: int = 64 * 1024
    query_max_rows: int = 10_000
    cache_bytes: int = 64 * 1024 * 1024
    sql_cache_entries: int = 256
    db_threads: int = 2
    publish_dir: str | None = None
    sql_workers: int = 2
    sql_queue: int = 4
    sql_worker_rss_bytes: int = 320 * 2**20
    memory_cap_bytes: int = 1024 * 2**20
    query_timeout_s: float = 5.0
    trusted_proxies: tuple[str, ...] = ()

    @classmethod
    def from_env(cls, db_path: str | None = None) -> ApiSettings:
        env = os.environ
        origins = tuple(o.strip() for o in env.get("FACTDB_API_CORS_ORIGINS", "*").split(",")
                        if o.strip())
        return cls(
            db_path=db_path or env.get("FACTDB_DB") or DEFAULT_DB,
            cors_origins=origins or ("*",),
            sql_rate_limit_per_minute=_int("FACTDB_API_SQL_RATE_LIMIT", 60),
            sql_max_rows=_int("FACTDB_API_SQL_MAX_ROWS", 1000),
            sql_timeout_s=_float("FACTDB_API_SQL_TIMEOUT", 2.0),
            max_body_bytes=_int("FACTDB_API_MAX_BODY_BYTES", 64 * 1024),
            query_max_rows=_int("FACTDB_API_QUERY_MAX_ROWS", 10_000),
            cache_bytes=_int("FACTDB_API_CACHE_BYTES", 64 * 1024 * 1024),
            sql_cache_entries=_int("FACTDB_API_SQL_CACHE_ENTRIES", 256),
            db_threads=_int("FACTDB_API_DB_THREADS", 2),
            publish_dir=env.get("FACTDB_PUBLISH_DIR") or None,
            sql_workers=_int("FACTDB_API_SQL_WORKERS", 2),
            sql_queue=_int("FACTDB_API_SQL_QUEUE", 4),
            sql_worker_rss_bytes=_int("FACTDB_API_SQL_WORKER_RSS_MB", 320) * 2**20,
            memory_cap_bytes=_int("FACTDB_API_MEMORY_CAP_MB", 1024) * 2**20,
            query_timeout_s=_float("FACTDB_API_QUERY_TIMEOUT", 5.0),
            trusted_proxies=tuple(p.strip() for p in env.get(
                "FACTDB_API_TRUSTED_PROXIES", "").split(",") if p.strip()),
        )
