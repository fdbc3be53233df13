"""The server under attack: p99 of /health and a fixed named query with and without abuse.

Starts `factdb serve` on 127.0.0.1 (a free port) over DB with Datasette (publishing DB
into a temporary directory when --publish is not given), then:

1. baseline: one client measures GET /health and GET /v1/queries/<fixed query> for
   --seconds seconds (a bounded number of requests) and prints p50/p99;
2. attack: the same client again, while --attackers threads fire the hostile cases of
   issue 14 in a loop (a 700-byte s||s concatenation bomb, a long levenshtein, a six-way
   join, a backtracking regex / huge printf / pragma_database_list through Datasette,
   invalid UTF-8 and 5,000-deep JSON bodies, a spoofed X-Forwarded-For);
   it records the longest attack request, the status codes seen, and samples the
   resident memory of the server and its SQL workers (/proc) every 50 ms.

Prints p99 under attack against p99 without, the peak RSS (server + workers) against the
cap, the longest request against the SQL time limit + 1 s, and any 5xx, with a verdict
per goal: RSS < --rss-cap-mb (default 1024), no request past the time limit + 1 s, p99 of
/health and the fixed query < 100 ms (docs/adr/0011-request-limits.md).

Usage: python bench/bench_abuse.py DB [--publish DIR] [--seconds 10] [--attackers 8]
           [--query NAME] [--rss-cap-mb 1024]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SQL_TIMEOUT = 2.0
_LEVELS = "".join(f", l{i} AS (SELECT {'||'.join(['s'] * 16)} AS s FROM l{i - 1})"
                  for i in range(1, 5))
ATTACKS: list[tuple[str, str, str, Any]] = [
    ("concat bomb", "POST", "/v1/sql", {"sql": "WITH l0 AS (SELECT string_agg(text, '') AS s "
                                               "FROM articles)" + _LEVELS
                                               + " SELECT length(s) FROM l4"}),
    ("levenshtein", "POST", "/v1/sql", {"sql": "SELECT levenshtein(a.text || a.text || a.text, "
                                               "b.text || b.text || b.text) "
                                               "FROM articles a, articles b"}),
    ("six-way join", "POST", "/v1/sql", {"sql": "SELECT count(*) FROM sentences a " + " ".join(
        f"JOIN sentences {b} ON {a}.role = {b}.role"
        for a, b in zip("abcde", "bcdef", strict=True))}),
    ("datasette regex", "GET", "/datasette/factdb.json",
     {"sql": "SELECT regexp_matches(replace(hex(zeroblob(14)), '0', 'a') || 'b', '(a+)+$')"}),
    ("datasette printf", "GET", "/datasette/factdb.json",
     {"sql": "SELECT length(printf('%.*c', 900000000, 'x'))"}),
    ("datasette path", "GET", "/datasette/factdb.json",
     {"sql": "SELECT * FROM pragma_database_list()"}),
    ("invalid utf-8", "RAW", "/v1/sql", b'{"sql": "SELECT 1\xff"}'),
    ("deep json", "RAW", "/v1/sql", b"[" * 5000 + b"]" * 5000),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and its children (the SQL workers)."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for p in pids:
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * os.sysconf(
                "SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            pass
    return total


def start(db: str, publish: str, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, FACTDB_API_SQL_RATE_LIMIT="0",
               FACTDB_API_SQL_TIMEOUT=str(SQL_TIMEOUT), FACTDB_API_CACHE_BYTES="0",
               FACTDB_API_SQL_CACHE_ENTRIES="0")
    proc = subprocess.Popen([sys.executable, "-m", "factdb.cli", "serve", "--db", db,
                             "--host", "127.0.0.1", "--port", str(port),
                             "--datasette", publish], env=env, cwd=ROOT)
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                time.sleep(2)  # the SQL workers start in the background
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start within 60 s")


def measure(base: str, paths: list[str], seconds: float, limit: int = 5000
            ) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {p: [] for p in paths}
    with httpx.Client(base_url=base, timeout=30) as client:
        end = time.monotonic() + seconds
        n = 0
        while time.monotonic() < end and n < limit:
            for p in paths:
                t = time.perf_counter()
                client.get(p)
                times[p].append((time.perf_counter() - t) * 1000)
            n += 1
    return times


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def attack(base: str, stop: threading.Event, results: list[tuple[str, int, float]],
           offset: int) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        i = offset
        while not stop.is_set():
            name, method, path, body = ATTACKS[i % len(ATTACKS)]
            i += 1
            t = time.perf_counter()
            try:
                if method == "POST":
                    r = client.post(path, json=body,
                                    headers={"X-Forwarded-For": f"203.0.113.{i % 250}"})
                elif method == "GET":
                    r = client.get(path, params=body)
                else:
                    r = client.post(path, content=body,
                                    headers={"content-type": "application/json"})
                status = r.status_code
            except httpx.HTTPError:
                status = 0
            results.append((name, status, time.perf_counter() - t))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("--publish", default=None)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--attackers", type=int, default=8)
    parser.add_argument("--query", default="corroboration")
    parser.add_argument("--rss-cap-mb", type=int, default=1024)
    parser.add_argument("--only", default=None,
                        help="comma-separated attack names (default: all)")
    args = parser.parse_args()
    if args.only:
        keep = {n.strip() for n in args.only.split(",")}
        ATTACKS[:] = [a for a in ATTACKS if a[0] in keep]

    publish = args.publish
    if publish is None:
        from factdb.publish import build

        publish = tempfile.mkdtemp(prefix="factdb-abuse-")
        build(args.db, publish)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(args.db, publish, port)
    paths = ["/health", f"/v1/queries/{args.query}"]
    try:
        quiet = measure(base, paths, args.seconds)
        stop = threading.Event()
        results: list[tuple[str, int, float]] = []
        peak = [tree_rss(server.pid)]

        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], tree_rss(server.pid))
                time.sleep(0.05)

        threads = [threading.Thread(target=attack, args=(base, stop, results, k), daemon=True)
                   for k in range(args.attackers)]
        threads.append(threading.Thread(target=sample, daemon=True))
        for t in threads:
            t.start()
        time.sleep(1)  # the attack is under way before the client measures
        loud = measure(base, paths, args.seconds)
        stop.set()
        for t in threads:
            t.join(SQL_TIMEOUT + 30)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()

    print(f"bench_abuse: {args.db}, {args.attackers} attackers, {args.seconds:g} s per phase, "
          f"SQL time limit {SQL_TIMEOUT:g} s")
    print(f"{'request':<34} {'n':>6} {'p50 ms':>8} {'p99 ms':>8}   {'n':>6} {'p50 ms':>8} "
          f"{'p99 ms':>8}  (quiet | under attack)")
    worst = 0.0
    for p in paths:
        q, a = quiet[p], loud[p]
        worst = max(worst, pct(a, 99))
        print(f"{p:<34} {len(q):>6} {statistics.median(q):>8.1f} {pct(q, 99):>8.1f}   "
              f"{len(a):>6} {statistics.median(a) if a else float('nan'):>8.1f} "
              f"{pct(a, 99):>8.1f}")
    by_case: dict[str, Counter[int]] = {}
    longest = 0.0
    for name, status, took in results:
        by_case.setdefault(name, Counter())[status] += 1
        longest = max(longest, took)
    print("attack requests (status: count, longest s):")
    for name, _m, _p, _b in ATTACKS:
        took = max((t for n, _s, t in results if n == name), default=0.0)
        codes = ", ".join(f"{s}: {c}" for s, c in sorted(by_case.get(name, Counter()).items()))
        print(f"  {name:<18} {codes:<40} {took:6.2f}")
    server_errors = sum(c for counts in by_case.values() for s, c in counts.items()
                        if s >= 500 and s != 503)
    peak_mb = peak[0] / 2**20
    print(f"peak RSS, server + SQL workers: {peak_mb:.0f} MiB (cap {args.rss_cap_mb} MiB): "
          f"{'ok' if peak_mb < args.rss_cap_mb else 'OVER'}")
    print(f"longest attack request: {longest:.2f} s (limit {SQL_TIMEOUT + 1:g} s): "
          f"{'ok' if longest <= SQL_TIMEOUT + 1 else 'OVER'}")
    print(f"p99 under attack, worst of /health and the query: {worst:.1f} ms (goal < 100): "
          f"{'ok' if worst < 100 else 'OVER'}")
    print(f"5xx answers other than 503 (busy): {server_errors}")


if __name__ == "__main__":
    main()
