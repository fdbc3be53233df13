"""Latency and throughput of the JSON API on a (big) factdb database.

Starts uvicorn on 127.0.0.1 (a free port) serving DB, then, at 1 and 10 concurrent
clients (httpx, a bounded number of requests and seconds per scenario), measures:
  - GET /v1/queries/counts_around_event?event=...&unit=...   (a fixed named query)
  - GET /v1/counts?limit=50                                   (a list endpoint)
  - POST /v1/sql with the same SQL as counts_around_event    (ad-hoc SQL)
and prints p50/p99 latency, requests/s and errors side by side, once with the default
settings (GET responses and SQL results cached) and once with the caches off (every
request runs its SQL). Before that it times each named query in process, uncached, on a
locked read-only connection as the API opens it: NamedQuery.run (parse, plan, execute
and fetch the rows into Python), median and p99 of repeated runs, with the part spent
fetching rows, side by side with the goal (< 5 ms each). The rate limit of /v1/sql is off
for the run (FACTDB_API_SQL_RATE_LIMIT=0).

Usage: python bench/bench_api.py DB [--requests 500] [--seconds 15] [--clients 1,10]
           [--runs 30] [--modes cached,uncached|none] [--query-dir DIR]
Build DB with: python bench/make_big_db.py /tmp/big.duckdb --articles 100000
--modes none times the named queries only; --query-dir times the query files of another
directory (e.g. an older version of factdb/sql/queries) in place of the registry's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_abuse import free_port, tree_rss  # noqa: E402
from factdb.queries import NamedQuery, parse_query_file, registry  # noqa: E402
from factdb.sqlrun import open_locked  # noqa: E402

GOAL_QUERY_MS = 2.0
#: and within this factor of a primary-key lookup (issue 13)
GOAL_PK_FACTOR = 3.0
GOAL_P99_MS = 20.0
RANKS = {"median": "typical parameters (the median event, entity, speaker... by articles)",
         "top": "heaviest parameters (the best-attested event, entity, speaker...)"}


@dataclass
class Result:
    name: str
    clients: int
    mode: str = ""
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    first_error: str = ""

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def inline(sql: str, params: dict[str, str]) -> str:
    """The query with its $params replaced by SQL string literals (for POST /v1/sql)."""
    for name in sorted(params, key=len, reverse=True):
        sql = sql.replace(f"${name}", sql_literal(params[name]))
    return sql


def sample_params(db: str, rank: str = "top") -> dict[str, dict[str, str]]:
    """Parameters for each named query taken from the database: its best-attested things
    (rank "top", the heaviest answers) or the median ones by article count ("median", a
    typical request)."""
    con = open_locked(db)
    try:
        def one(sql: str) -> str:
            row = con.execute(sql).fetchone()
            return str(row[0]) if row and row[0] is not None else ""

        def pick(table: str) -> str:
            """OFFSET of the item of that rank in `table` ordered by attestation."""
            if rank == "top":
                return "0"
            return one(f"SELECT count(*) // 2 FROM {table}")

        event = one("SELECT event_id FROM events ORDER BY article_count DESC, event_id "
                    f"LIMIT 1 OFFSET {pick('events')}")
        label, event_type, day = (one(f"SELECT {c} FROM events WHERE event_id = "
                                      f"{sql_literal(event)}")
                                  for c in ("label", "event_type", "date_start"))
        unit = one("SELECT unit FROM counts WHERE anchor_event_id = "
                   f"{sql_literal(event)} GROUP BY unit ORDER BY count(*) DESC LIMIT 1")
        entity = one("SELECT name FROM entities ORDER BY article_count DESC, entity_id "
                     f"LIMIT 1 OFFSET {pick('entities')}")
        speaker = one("SELECT speaker_entity_id FROM claims WHERE speaker_entity_id IS NOT "
                      "NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET "
                      + pick("(SELECT DISTINCT speaker_entity_id FROM claims)"))
        disputed = one("SELECT anchor_event_id FROM disagreements d JOIN events e ON "
                       "e.event_id = d.anchor_event_id GROUP BY 1 ORDER BY "
                       "max(e.article_count) DESC, 1 LIMIT 1 OFFSET "
                       + pick("(SELECT DISTINCT anchor_event_id FROM disagreements)"))
        article = one("SELECT article_id FROM articles ORDER BY article_id LIMIT 1")
        count_id = one("SELECT count_id FROM counts ORDER BY count_id LIMIT 1")
        around = ({"type": "election"} if rank == "top" or not day else
                  {"type": event_type,
                   "from": one(f"SELECT DATE {sql_literal(day)} - 30"),
                   "to": one(f"SELECT DATE {sql_literal(day)} + 30")})
    finally:
        con.close()
    return {
        "counts_around_event": {"event": label, "unit": unit},
        "event_timeline": around,
        "entity_profile": {"entity": entity},
        "claims_by_entity": {"entity": speaker},
        "fact_citations": {"kind": "count", "id": count_id},
        "corroboration": {"kind": "claim", "min_articles": "2"},
        "disagreements": {"event": disputed or event},
        "article_facts": {"article": article},
    }


@dataclass
class QueryTiming:
    name: str
    median_ms: float
    p99_ms: float
    cpu_ms: float
    fetch_ms: float
    rows: int
    reference_ms: float = float("nan")


def _median_run(run: Any, runs: int) -> float:
    """Median wall time in ms of run() over `runs` calls (after 2 warm-up calls)."""
    for _ in range(2):
        run()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def time_floor(db: str, runs: int) -> float:
    """The floor: a primary-key lookup of one article (its id, outlet and URL), ms."""
    con = open_locked(db)
    try:
        cur = con.cursor()
        row = cur.execute("SELECT article_id FROM articles LIMIT 1").fetchone()
        key = row[0] if row else ""
        return _median_run(lambda: cur.execute(
            "SELECT article_id, outlet, url FROM articles WHERE article_id = ?",
            [key]).fetchall(), runs)
    finally:
        con.close()


def time_queries_in_process(db: str, params: dict[str, dict[str, str]], runs: int,
                            queries: dict[str, NamedQuery]) -> list[QueryTiming]:
    """Each named query run `runs` times (after 2 warm-up runs) with NamedQuery.run: wall
    time and this process's CPU time (which other work on the machine inflates less); the
    fetch share is timed on separate runs of the same statement (execute, then fetchall).
    Each query reads its answer table when the database has it filled (docs/adr/0012);
    reference_ms is the median of the full SQL (plain DuckDB) on the same connection."""
    con = open_locked(db)
    out = []
    try:
        for name, q in queries.items():
            values = params.get(name, {})
            cur = con.cursor()
            for _ in range(2):
                q.run(cur, values)
            times, cpus, fetches = [], [], []
            rows = 0
            bound = q.bind(values)
            for _ in range(runs):
                began, cpu = time.perf_counter(), time.process_time()
                _, result = q.run(cur, values)
                times.append(time.perf_counter() - began)
                cpus.append(time.process_time() - cpu)
                rows = len(result)
                res = q.execute(cur, bound)
                began = time.perf_counter()
                q.fetch(res)
                fetches.append(time.perf_counter() - began)
            reference = _median_run(lambda: q.run(cur, values, reference=True),  # noqa: B023
                                    max(3, runs // 3))
            cur.close()
            times.sort()
            out.append(QueryTiming(name, statistics.median(times) * 1000,
                                   times[min(len(times) - 1, int(0.99 * (len(times) - 1)))]
                                   * 1000, statistics.median(cpus) * 1000,
                                   statistics.median(fetches) * 1000, rows, reference))
    finally:
        con.close()
    return out


def start_server(db: str, port: int, cached: bool) -> subprocess.Popen[bytes]:
    off = {} if cached else {"FACTDB_API_CACHE_BYTES": "0", "FACTDB_API_SQL_CACHE_ENTRIES": "0"}
    env = {**os.environ, **off, "FACTDB_API_SQL_RATE_LIMIT": "0",
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    code = ("import uvicorn; from api.app import create_app; from api.settings import "
            f"ApiSettings; uvicorn.run(create_app(ApiSettings.from_env({db!r})), "
            f"host='127.0.0.1', port={port}, log_level='warning')")
    proc = subprocess.Popen([sys.executable, "-c", code], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start within 60 s")


async def load(base: str, name: str, method: str, path: str, body: Any, clients: int,
               requests: int, seconds: float) -> Result:
    result = Result(name, clients)
    sent = 0
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        for _ in range(3):  # warm up the route
            await client.request(method, path, json=body)

        async def worker() -> None:
            nonlocal sent
            while sent < requests and time.perf_counter() < deadline:
                sent += 1
                began = time.perf_counter()
                try:
                    r = await client.request(method, path, json=body)
                    ok = r.status_code == 200
                    if not ok and not result.first_error:
                        result.first_error = f"{r.status_code} {r.text[:200]}"
                except httpx.HTTPError as exc:
                    ok = False
                    result.first_error = result.first_error or repr(exc)
                if ok:
                    result.latencies.append(time.perf_counter() - began)
                else:
                    result.errors += 1

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        result.seconds = time.perf_counter() - began
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("--requests", type=int, default=500,
                        help="requests per scenario and client count")
    parser.add_argument("--seconds", type=float, default=15.0,
                        help="time cap per scenario and client count")
    parser.add_argument("--clients", default="1,10", help="concurrency levels")
    parser.add_argument("--runs", type=int, default=30, help="in-process runs per query")
    parser.add_argument("--modes", default="cached,uncached",
                        help="server configurations: cached (the default settings) and/or "
                             "uncached (response and SQL caches off); none: no HTTP runs")
    parser.add_argument("--publish-dir", type=Path,
                        help="a directory written by `factdb publish` from the same database: "
                             "Datasette serves it side by side")
    parser.add_argument("--query-dir", type=Path,
                        help="time the named queries of this directory instead")
    args = parser.parse_args()
    levels = [int(c) for c in args.clients.split(",")]
    modes = [m for m in args.modes.split(",") if m in ("cached", "uncached")]
    queries = registry() if args.query_dir is None else {
        q.name: q for q in map(parse_query_file, sorted(args.query_dir.glob("*.sql")))}

    params = sample_params(args.db)
    print(f"database: {args.db} (load average {os.getloadavg()[0]:.2f})")
    floor = time_floor(args.db, args.runs)
    limit = min(GOAL_QUERY_MS, GOAL_PK_FACTOR * floor)
    print(f"floor: primary-key lookup of one article {floor:.2f} ms (median)")
    for rank in ("median", "top"):
        ranked = params if rank == "top" else sample_params(args.db, rank)
        print(f"\nnamed queries in process, uncached, {RANKS[rank]} ({args.runs} runs each; "
              f"goal <= {GOAL_QUERY_MS:g} ms and <= {GOAL_PK_FACTOR:g}x the floor)")
        print(f"  {'query':<22} {'median':>9} {'p99':>9} {'cpu':>9} {'fetch':>9} "
              f"{'full SQL':>9} {'rows':>6}  {'goal':>4}  params")
        timings = time_queries_in_process(args.db, ranked, args.runs, queries)
        for t in timings:
            flag = "PASS" if t.median_ms <= limit else "FAIL"
            print(f"  {t.name:<22} {t.median_ms:6.2f} ms {t.p99_ms:6.2f} ms {t.cpu_ms:6.2f} ms "
                  f"{t.fetch_ms:6.2f} ms {t.reference_ms:6.2f} ms {t.rows:>6}  {flag}  "
                  f"{ranked.get(t.name, {})}")
        passed = sum(t.median_ms <= limit for t in timings)
        print(f"  {passed} of {len(timings)} within the goal (median wall time); cpu: "
              "median CPU time of this process; fetch: the part spent turning rows into "
              "Python values; full SQL: the reference query (plain DuckDB, no answer table)")
    if not modes:
        return

    http_runs(args, sample_params(args.db, "median"), levels, modes)


class RssSampler:
    """The peak resident memory of a server (and its children) while it is measured."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, tree_rss(self.pid))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def start_datasette(publish_dir: Path, port: int) -> subprocess.Popen[bytes]:
    """`datasette serve DIR` on the directory written by `factdb publish` (its SQLite copy,
    immutable with its inspect file, its metadata, settings and plugins)."""
    exe = Path(sys.executable).with_name("datasette")
    proc = subprocess.Popen([str(exe), "serve", str(publish_dir),  # its configuration
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_ready(proc, f"http://127.0.0.1:{port}/-/versions.json")
    return proc


def wait_ready(proc: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"{url} did not answer within 120 s")


def http_runs(args: argparse.Namespace, params: dict[str, dict[str, str]], levels: list[int],
              modes: list[str]) -> None:
    """factdb's API (caches on and off) and, side by side, Datasette on the SQLite copy,
    each measured with the same client at each number of clients, with the server's peak
    memory under load."""
    cae, article = params["counts_around_event"], params["article_facts"]
    count_id = params["fact_citations"]["id"]
    event_key = one_value(args.db, "SELECT event_key FROM (" + (
        registry()["counts_around_event"].answer_keys_sql or "SELECT NULL AS event_key")
        + ")", cae)
    scenarios = [
        ("counts_around_event", "GET",
         "/v1/queries/counts_around_event?" + str(httpx.QueryParams(cae)), None),
        ("article_facts", "GET", "/v1/queries/article_facts?" + str(httpx.QueryParams(article)),
         None),
        ("primary key /v1/counts/ID", "GET", f"/v1/counts/{count_id}", None),
        ("/health", "GET", "/health", None),
        ("POST /v1/sql (answer table)", "POST", "/v1/sql",
         {"sql": "SELECT * FROM answers_counts_around_event WHERE event_id = "
                 f"{sql_literal(event_key)} AND unit = {sql_literal(cae['unit'])}",
          "dialect": "duckdb"}),
    ]
    datasette = [
        ("ds answer table (same)", "GET", "/factdb/answers_counts_around_event.json?"
         + str(httpx.QueryParams({"event_id": event_key, "unit": cae["unit"],
                                  "_shape": "array"})), None),
        ("ds canned query (same)", "GET", "/factdb/counts_around_event.json?"
         + str(httpx.QueryParams({**cae, "_shape": "array"})), None),
        ("ds primary key", "GET", f"/factdb/counts/{count_id}.json?_shape=array", None),
        ("ds /-/versions.json", "GET", "/-/versions.json", None),
    ]
    results: list[Result] = []
    peaks: dict[str, int] = {}
    servers: list[tuple[str, list[Any]]] = [(m, scenarios) for m in modes]
    if args.publish_dir:
        servers.append(("datasette", datasette))
    for mode, runs in servers:
        port = free_port()
        server = (start_datasette(args.publish_dir, port) if mode == "datasette" else
                  start_server(args.db, port, cached=mode == "cached"))
        sampler = RssSampler(server.pid)
        try:
            base = f"http://127.0.0.1:{port}"
            for clients in levels:
                for name, method, path, body in runs:
                    r = asyncio.run(load(base, name, method, path, body, clients,
                                         args.requests, args.seconds))
                    r.mode = mode
                    results.append(r)
        finally:
            peaks[mode] = sampler.stop()
            server.terminate()
            server.wait(timeout=10)

    print(f"\nHTTP on 127.0.0.1, typical parameters (at most {args.requests} requests or "
          f"{args.seconds:g} s each; goal p99 <= {GOAL_P99_MS:g} ms at 10 clients uncached, "
          f"no errors; >= 3x Datasette's throughput on the same answer)")
    print(f"  {'server':<9} {'scenario':<27} {'clients':>7} {'ok':>6} {'errors':>6} "
          f"{'p50 ms':>8} {'p99 ms':>8} {'req/s':>8}")
    for r in results:
        print(f"  {r.mode:<9} {r.name:<27} {r.clients:>7} {len(r.latencies):>6} {r.errors:>6} "
              f"{r.pct(50):8.1f} {r.pct(99):8.1f} {r.rate:8.1f}")
    for r in results:
        if r.first_error:
            print(f"  first error of {r.name} at {r.clients} clients ({r.mode}): "
                  f"{r.first_error}")
    for mode, peak in peaks.items():
        print(f"  peak server memory ({mode}, with its workers): {peak / 2**20:.0f} MiB")

    def find(mode: str, clients: int, name: str) -> Result | None:
        return next((r for r in results if (r.mode, r.clients, r.name) == (mode, clients, name)),
                    None)

    for clients in levels:
        fixed = find("uncached", clients, "counts_around_event")
        for other in ("ds answer table (same)", "ds canned query (same)"):
            ds = find("datasette", clients, other)
            if fixed and ds and ds.rate:
                print(f"  uncached counts_around_event / {other} at {clients} clients: "
                      f"throughput {fixed.rate / ds.rate:.2f}x (goal >= 3)")
    if "uncached" in peaks and peaks.get("datasette"):
        print(f"  peak memory factdb uncached / Datasette: "
              f"{peaks['uncached'] / peaks['datasette']:.2f}x (goal <= 2)")


def one_value(db: str, sql: str, params: dict[str, str]) -> str:
    con = open_locked(db)
    try:
        row = con.execute(sql, params).fetchone()
        return str(row[0]) if row and row[0] is not None else ""
    finally:
        con.close()

if __name__ == "__main__":
    main()
