"""Dependencies handed to route handlers: a DuckDB cursor per request, and the settings."""

from __future__ import annotations

from collections.abc import Generator

import duckdb
from litestar.datastructures import State

from api.settings import ApiSettings


def provide_cursor(state: State) -> Generator[duckdb.DuckDBPyConnection, None, None]:
    """A cursor of the app's read-only connection, closed when the request is done."""
    cur: duckdb.DuckDBPyConnection = state.db.cursor()
    try:
        yield cur
    finally:
        cur.close()


def provide_settings(state: State) -> ApiSettings:
    settings: ApiSettings = state.settings
    return settings
