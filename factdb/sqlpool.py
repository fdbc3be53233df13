"""User SQL in worker processes that can be killed: the server's guard against runaway queries.

A server (the API) does not run user SQL in its own process: a query that builds a huge
value, or spends a long time inside one function call, cannot be stopped there (DuckDB's
interrupt is only checked between vectors, and memory_limit does not cover every
allocation). `SqlPool` keeps a few worker processes (`python -m factdb.sqlpool`), each with
its own locked read-only connection (sqlrun.open_locked) and a capped data segment
(RLIMIT_DATA). For every query it:

- admits at most `workers + queue` queries at a time; the next one is refused at once
  (`busy`, 503) rather than holding a server thread;
- waits at most `queue_wait` seconds for an idle worker (`busy` otherwise);
- sends the text to the worker, which runs `sqlrun.execute` (the guard, the regenerated
  SQL, the interrupt at `timeout`);
- watches the worker: if its resident memory passes `rss_cap` it is killed (`resources`,
  422), and if no answer came `grace` seconds after the time limit it is killed (`timeout`,
  408). A killed worker is replaced in the background; the server never stops.

Frames on the pipes are a 4-byte length and a pickle; only the parent writes requests and
a worker's reply is read only from its own stdout (docs/adr/0011-request-limits.md).
"""

from __future__ import annotations

import os
import pickle
import queue
import resource
import select
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import IO, Any

from factdb.errors import QueryError, QueryFailed, SqlRejected
from factdb.sqlrun import SqlResult

__all__ = ["PoolLimits", "SqlPool"]

_HEADER = struct.Struct(">I")
#: Largest reply a worker sends (a pickled result); bigger results are refused (413).
MAX_REPLY_BYTES = 32 * 2**20
_PAGE = os.sysconf("SC_PAGE_SIZE")
#: CPU priority of a worker below the server's (os.nice increment).
WORKER_NICE = 10
#: How long the first queries wait for the first worker of a pool that has just started.
STARTUP_WAIT = 30.0


@dataclass(frozen=True)
class PoolLimits:
    workers: int = 2
    queue: int = 4
    queue_wait: float = 1.0
    rss_cap: int = 320 * 2**20
    grace: float = 0.5
    threads: int = 1


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _write(stream: IO[bytes], obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exact(stream: IO[bytes], n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("pipe closed")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


class _Worker:
    """One worker process and its pipes."""

    def __init__(self, db_path: str, limits: PoolLimits) -> None:
        memory_limit = f"{max(64, limits.rss_cap // 2**20 // 2)}MiB"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "factdb.sqlpool", db_path, memory_limit,
             str(limits.threads), str(limits.rss_cap)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            close_fds=True, start_new_session=True)
        self.limits = limits

    def wait_ready(self, seconds: float) -> bool:
        try:
            return bool(self._reply(time.monotonic() + seconds, watch=False) == "ready")
        except Exception:
            self.kill()
            return False

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream:
                try:
                    stream.close()
                except OSError:
                    pass

    def _reply(self, deadline: float, watch: bool = True) -> Any:
        """The next frame from the worker; 'timeout'/'resources' strings when it was killed."""
        out = self.proc.stdout
        assert out is not None
        fd = out.fileno()
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.kill()
                return "killed:timeout"
            ready, _, _ = select.select([fd], [], [], min(left, 0.05))
            if ready:
                size = _HEADER.unpack(_read_exact(out, _HEADER.size))[0]
                if size > MAX_REPLY_BYTES + 4096:
                    self.kill()
                    return "killed:too_large"
                return pickle.loads(_read_exact(out, size))
            if watch and _rss(self.proc.pid) > self.limits.rss_cap:
                self.kill()
                return "killed:resources"
            if self.proc.poll() is not None:
                return "killed:resources"  # died: the kernel or its own limit stopped it

    def run(self, request: tuple[str, str, int, float]) -> Any:
        assert self.proc.stdin is not None
        _write(self.proc.stdin, request)
        return self._reply(time.monotonic() + request[3] + self.limits.grace)


class SqlPool:
    """A fixed set of SQL worker processes over one database file (see the module doc)."""

    def __init__(self, db_path: str, limits: PoolLimits | None = None) -> None:
        self.db_path = str(db_path)
        self.limits = limits or PoolLimits()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._admit = threading.BoundedSemaphore(self.limits.workers + self.limits.queue)
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._started = threading.Event()  # set once the first worker is ready
        #: queries answered by a worker, and workers killed (memory or time) since start
        self.served = 0
        self.killed = 0
        for _ in range(self.limits.workers):
            self._spawn()

    def _spawn(self) -> None:
        def start() -> None:
            for _attempt in range(3):
                if self._closed:
                    return
                worker = _Worker(self.db_path, self.limits)
                with self._lock:
                    self._all.add(worker)
                if worker.wait_ready(60):
                    self._idle.put(worker)
                    self._started.set()
                    return
                with self._lock:
                    self._all.discard(worker)
                time.sleep(1)

        threading.Thread(target=start, name="factdb-sql-spawn", daemon=True).start()

    def wait_idle(self, seconds: float) -> bool:
        """Wait until every worker has started and is idle (True), or seconds passed."""
        deadline = time.monotonic() + seconds
        while self._idle.qsize() < self.limits.workers:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def pids(self) -> list[int]:
        with self._lock:
            return [w.proc.pid for w in self._all if w.proc.poll() is None]

    def execute(self, sql: str, dialect: str = "duckdb", max_rows: int = 1000,
                timeout: float = 2.0) -> SqlResult:
        """Runs one user query in a worker; raises SqlRejected or QueryFailed like
        sqlrun.execute, and QueryFailed('busy') when every slot is taken."""
        began = time.monotonic()
        if not self._admit.acquire(blocking=False):
            raise QueryFailed("busy", "too many SQL queries are running; retry in a moment")
        try:
            if not self._started.is_set():  # just started: the workers are importing
                self._started.wait(STARTUP_WAIT)
                began = time.monotonic()
            try:  # the wait for a worker counts against the query's own time limit
                worker = self._idle.get(timeout=min(self.limits.queue_wait, timeout * 0.5))
            except queue.Empty:
                raise QueryFailed("busy", "every SQL worker is busy; retry in a moment"
                                  ) from None
            left = max(timeout - (time.monotonic() - began), 0.05)
            reply: Any = "killed:resources"
            try:
                reply = worker.run((sql, dialect, max_rows, left))
            except (OSError, EOFError, pickle.UnpicklingError, struct.error):
                reply = "killed:resources"  # the worker died mid-answer
            finally:
                if isinstance(reply, tuple) and worker.proc.poll() is None:
                    self.served += 1
                    self._idle.put(worker)
                else:  # killed, dead, or interrupted mid-frame: replace it
                    self.killed += 1
                    worker.kill()
                    with self._lock:
                        self._all.discard(worker)
                    self._spawn()
        finally:
            self._admit.release()
        return _result(reply, timeout)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()


def _result(reply: Any, timeout: float) -> SqlResult:
    if reply == "killed:timeout":
        raise QueryFailed("timeout", f"the query ran longer than {timeout:g} s and was stopped")
    if reply == "killed:too_large":
        raise SqlRejected("too_large", "the result is too large; select fewer rows or columns")
    if isinstance(reply, str):
        raise QueryFailed("resources", "the query needed more memory than a query may use "
                                       "and was stopped; aggregate or filter more")
    tag, *rest = reply
    if tag == "ok":
        return SqlResult(*rest)
    kind, reason, message = rest
    cls: type[QueryError] = SqlRejected if kind == SqlRejected.kind else QueryFailed
    raise cls(reason, message)


# --- the worker process ---------------------------------------------------------------------

def _serve(db_path: str, memory_limit: str, threads: int, rss_cap: int) -> None:
    import factdb.sqlguard  # noqa: F401  (sqlglot, before the data cap is measured)
    from factdb.sqlrun import _data_in_use, allowed_tables, execute, open_locked

    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames on the reply pipe
    os.nice(WORKER_NICE)  # a runaway query yields the CPU to the server's own requests
    con = open_locked(db_path, memory_limit=memory_limit, threads=threads)
    tables = allowed_tables(con)
    in_use = _data_in_use()
    if in_use:  # allocations past the cap fail (MemoryError / DuckDB OOM) before the kill
        _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        resource.setrlimit(resource.RLIMIT_DATA, (min(in_use + rss_cap, hard), hard))
    _write(out, "ready")
    while True:
        try:
            size = _HEADER.unpack(_read_exact(inp, _HEADER.size))[0]
            sql, dialect, max_rows, timeout = pickle.loads(_read_exact(inp, size))
        except EOFError:
            return
        try:
            result = execute(con, sql, dialect, max_rows=max_rows, timeout=timeout,
                             tables=tables)
            reply: tuple[Any, ...] = ("ok", result.columns, result.rows, result.truncated,
                                      result.sql_executed)
            data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
            if len(data) > MAX_REPLY_BYTES:
                reply = ("err", SqlRejected.kind, "too_large",
                         f"the result is over {MAX_REPLY_BYTES // 2**20} MiB; select fewer "
                         "rows or columns")
        except QueryError as exc:
            reply = ("err", exc.kind, exc.reason, exc.message)
        except MemoryError:
            reply = ("err", QueryFailed.kind, "resources", "the query needs more memory than "
                     "allowed; aggregate or filter more")
        except Exception as exc:  # a bug, not the user's: reported as a failed query
            reply = ("err", QueryFailed.kind, "query", f"the query failed: {type(exc).__name__}")
        try:
            _write(out, reply)
        except MemoryError:
            _write(out, ("err", QueryFailed.kind, "resources", "the result needs more memory "
                         "than allowed"))


if __name__ == "__main__":
    _serve(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
