"""HTTP load for the API benches: a native load generator (wrk) when one is installed, else
a multi-process client on raw sockets; and the CPU time and resident memory of the servers
under test.

The client decides what a benchmark on a shared 2-core machine can show. An asyncio httpx
client spends about a millisecond of Python per request: at 10 clients it was the
bottleneck, and it ran in the benchmark's own process. `wrk` (Debian package `wrk`,
`make bench-tools`) is C on epoll and costs microseconds per request. Without it the
fallback sends pre-built HTTP/1.1 keep-alive requests from blocking sockets in a few
processes (threads inside each; a socket call releases the GIL), tens of microseconds per
request.

Throughput on a shared machine moves with the other work; the server's CPU time per
request (its process and children, from /proc, over the run) moves much less, so runs
print both, and ratios between servers measured side by side in the same run.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_TICK = os.sysconf("SC_CLK_TCK")
_PAGE = os.sysconf("SC_PAGE_SIZE")

#: wrk prints this line from its done() hook: requests, errors, duration us, p50 us, p99 us
_WRK_SCRIPT = """
{setup}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %.1f %.1f\\n", summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout, summary.duration,
    latency:percentile(50), latency:percentile(99)))
end
"""
_RESULT = re.compile(r"^RESULT (\d+) (\d+) (\d+) ([0-9.]+) ([0-9.]+)$", re.MULTILINE)


@dataclass
class Run:
    """One scenario at one number of clients against one server."""
    server: str
    name: str
    clients: int
    ok: int = 0
    errors: int = 0
    seconds: float = 0.0
    p50_ms: float = float("nan")
    p99_ms: float = float("nan")
    cpu_s: float = 0.0  # the server's CPU time (with its children) during the run
    rss_peak: int = 0   # the server's peak resident memory (with its children) during it
    first_error: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_request(self) -> float:
        done = self.ok + self.errors
        return self.cpu_s * 1000 / done if done else float("nan")


def tree_pids(pid: int) -> list[int]:
    pids = [pid]
    try:
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        pass
    return pids


def tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its children so far."""
    total = 0
    for p in tree_pids(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, ValueError, IndexError):
            pass
    return total / _TICK


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and its children (the SQL workers)."""
    total = 0
    for p in tree_pids(pid):
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * _PAGE
        except (OSError, ValueError, IndexError):
            pass
    return total


class RssSampler:
    """The peak resident memory of a server (with its children), sampled every 50 ms; the
    peak since the last reset() and over the whole life."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.window = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            rss = tree_rss(self.pid)
            self.peak, self.window = max(self.peak, rss), max(self.window, rss)

    def reset(self) -> None:
        self.window = tree_rss(self.pid)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def wrk_path() -> str | None:
    return shutil.which("wrk")


def run_wrk(base: str, method: str, path: str, body: bytes | None, clients: int,
            seconds: float) -> tuple[int, int, float, float, float, str]:
    """(ok, errors, seconds, p50 ms, p99 ms, first error) of one wrk run."""
    setup = ""
    if method != "GET" or body is not None:
        setup = (f'wrk.method = "{method}"\n'
                 'wrk.headers["Content-Type"] = "application/json"\n'
                 f"wrk.body = {_lua_string(body or b'')}\n")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(_WRK_SCRIPT.format(setup=setup))
        script = fh.name
    try:
        out = subprocess.run(
            [wrk_path() or "wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s",
             "--timeout", "10s", "-s", script, base + path],
            capture_output=True, text=True, timeout=seconds + 60, check=False)
    finally:
        os.unlink(script)
    m = _RESULT.search(out.stdout)
    if not m:
        return 0, 1, seconds, float("nan"), float("nan"), (out.stderr or out.stdout)[:200]
    total, errors, micros, p50, p99 = (float(g) for g in m.groups())
    ok = int(total - errors)
    note = "" if not errors else _wrk_errors(out.stdout)
    return ok, int(errors), micros / 1e6, p50 / 1000, p99 / 1000, note


def _wrk_errors(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines()
             if "Non-2xx" in ln or "Socket errors" in ln]
    return "; ".join(lines)[:200]


def _lua_string(data: bytes) -> str:
    return '"' + "".join(c if c.isalnum() or c in " ,.:;_-=()*<>'" else f"\\{ord(c)}"
                         for c in data.decode()) + '"'


# --- the fallback: a multi-process client on raw sockets -----------------------------------

def _request_bytes(host: str, port: int, method: str, path: str, body: bytes | None) -> bytes:
    head = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: keep-alive",
            "Accept: */*"]
    if body is not None:
        head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + (body or b"")


def _one(sock: socket.socket, request: bytes, buf: bytearray) -> int:
    """Send one request and read its whole response; returns the status code."""
    sock.sendall(request)
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buf += chunk
    end = buf.index(b"\r\n\r\n") + 4
    head = bytes(buf[:end]).decode("latin-1")
    status = int(head.split(" ", 2)[1])
    m = re.search(r"(?im)^content-length:\s*(\d+)", head)
    if m is None:
        raise ConnectionError("no Content-Length (chunked answers are not read)")
    need = end + int(m.group(1))
    while len(buf) < need:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed")
        buf += chunk
    del buf[:need]
    return status


def _client_process(host: str, port: int, request: bytes, threads: int, start: float,
                    stop: float, out: Any) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def loop() -> None:
        mine: list[float] = []
        sock = socket.create_connection((host, port))
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buf = bytearray()
        while time.time() < start:
            time.sleep(0.001)
        while time.time() < stop:
            began = time.perf_counter()
            try:
                status = _one(sock, request, buf)
            except OSError as exc:
                with lock:
                    errors.append(repr(exc))
                sock.close()
                sock = socket.create_connection((host, port))
                buf.clear()
                continue
            if status == 200:
                mine.append(time.perf_counter() - began)
            else:
                with lock:
                    errors.append(f"status {status}")
        sock.close()
        with lock:
            latencies.extend(mine)

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    out.send((latencies, errors))
    out.close()


def run_python(base: str, method: str, path: str, body: bytes | None, clients: int,
               seconds: float, processes: int = 2) -> tuple[int, int, float, float, float, str]:
    """The fallback client: `clients` keep-alive connections spread over `processes`
    processes (threads inside each), each sending one request at a time."""
    host, port = base.removeprefix("http://").split(":")
    request = _request_bytes(host, int(port), method, path, body)
    processes = max(1, min(processes, clients))
    start = time.time() + 0.5
    stop = start + seconds
    ctx = mp.get_context("fork")
    pipes, procs = [], []
    for i in range(processes):
        share = clients // processes + (1 if i < clients % processes else 0)
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_client_process,
                           args=(host, int(port), request, share, start, stop, send))
        proc.start()
        pipes.append(recv)
        procs.append(proc)
    latencies: list[float] = []
    errors: list[str] = []
    for recv in pipes:
        lat, err = recv.recv()
        latencies += lat
        errors += err
    for proc in procs:
        proc.join()
    latencies.sort()

    def pct(p: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(round(p / 100 * (len(latencies) - 1))))
                         ] * 1000

    return len(latencies), len(errors), seconds, pct(50), pct(99), errors[0] if errors else ""


def measure(server: str, pid: int, sampler: RssSampler, base: str, name: str, method: str,
            path: str, body: bytes | None, clients: int, seconds: float,
            client: str) -> Run:
    """One run: warm-up requests, then the load, with the server's CPU time and peak
    memory over it."""
    warm = run_python if client == "python" else run_wrk
    warm(base, method, path, body, 1, 1)
    sampler.reset()
    cpu = tree_cpu(pid)
    ok, errors, secs, p50, p99, note = (run_wrk if client == "wrk" else run_python)(
        base, method, path, body, clients, seconds)
    run = Run(server, name, clients, ok, errors, secs, p50, p99, tree_cpu(pid) - cpu,
              max(sampler.window, tree_rss(pid)), note)
    return run
