"""Dependencies handed to route handlers: a DuckDB cursor per request, and the settings."""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections.abc import Generator, Iterator
from contextlib import contextmanager

import duckdb
from litestar.datastructures import State

from api.settings import ApiSettings


class Deadlines:
    """One thread that interrupts the cursors whose request ran past its time limit.

    A cursor is registered when its request starts and removed when it ends; a cursor
    still registered at its deadline is interrupted (DuckDB then raises InterruptException,
    answered 408). One thread and a heap: no thread per request.
    """

    def __init__(self) -> None:
        self._heap: list[tuple[float, int]] = []
        self._live: dict[int, duckdb.DuckDBPyConnection] = {}
        self._ids = itertools.count()
        self._cv = threading.Condition()
        threading.Thread(target=self._run, name="factdb-query-deadlines", daemon=True).start()

    def add(self, cur: duckdb.DuckDBPyConnection, seconds: float) -> int:
        token = next(self._ids)
        with self._cv:
            self._live[token] = cur
            entry = (time.monotonic() + seconds, token)
            heapq.heappush(self._heap, entry)
            if self._heap[0] is entry:  # the thread sleeps until an earlier deadline:
                self._cv.notify()  # wake it only for a new first one (not per request)
        return token

    def remove(self, token: int) -> None:
        with self._cv:
            self._live.pop(token, None)

    def _run(self) -> None:
        while True:
            with self._cv:
                while not self._heap:
                    self._cv.wait()
                deadline, token = self._heap[0]
                left = deadline - time.monotonic()
                if left > 0:
                    self._cv.wait(left)
                    continue
                heapq.heappop(self._heap)
                cur = self._live.get(token)
            if cur is not None:
                try:
                    cur.interrupt()
                except duckdb.Error:
                    pass
            cur = None  # hold no cursor while waiting


_deadlines: Deadlines | None = None
_deadlines_lock = threading.Lock()


def deadlines() -> Deadlines:
    global _deadlines
    with _deadlines_lock:
        if _deadlines is None:
            _deadlines = Deadlines()
        return _deadlines


#: idle cursors kept per connection for the next requests: a cursor keeps the statements
#: prepared on it (factdb.prepared.run_prepared), so a reused one reads an answer table
#: without parsing or planning again
MAX_IDLE_CURSORS = 16
_idle_lock = threading.Lock()


@contextmanager
def request_cursor(state: State) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the app's read-only connection, interrupted if the request runs past
    FACTDB_API_QUERY_TIMEOUT (named queries, lists), and handed to a later request when
    this one ends cleanly and well before its deadline (else closed: an interrupt may be
    on its way). Open it in the thread that runs the request's statements (DuckDB may
    wait on a lock to make one: not on the event loop)."""
    idle: list[duckdb.DuckDBPyConnection] | None = getattr(state, "idle_cursors", None)
    with _idle_lock:
        cur = idle.pop() if idle else None
    if cur is None:
        cur = state.db.cursor()
    timeout = state.settings.query_timeout_s
    token = deadlines().add(cur, timeout) if timeout > 0 else None
    started = time.monotonic()
    clean = False
    try:
        yield cur
        clean = True
    finally:
        if token is not None:
            deadlines().remove(token)
        keep = clean and (timeout <= 0 or time.monotonic() - started < timeout / 2)
        if keep and idle is not None:
            with _idle_lock:
                keep = len(idle) < MAX_IDLE_CURSORS
                if keep:
                    idle.append(cur)
        else:
            keep = False
        if not keep:
            cur.close()


def provide_cursor(state: State) -> Generator[duckdb.DuckDBPyConnection, None, None]:
    """The request's cursor (request_cursor) as a dependency of the route handlers."""
    with request_cursor(state) as cur:
        yield cur


def provide_settings(state: State) -> ApiSettings:
    settings: ApiSettings = state.settings
    return settings
