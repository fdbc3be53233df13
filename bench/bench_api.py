"""Latency and throughput of the JSON API on a (big) factdb database.

First it times each named query in process, uncached, on a locked read-only connection as
the API opens it: NamedQuery.run (plan, execute and fetch the rows into Python), median
and p99 of repeated runs, with the part spent fetching rows, side by side with the goal,
and the CPU time of the answer as the API serves it (its stored JSON kept as it is).

Then it serves DB with `factdb serve` twice at once, response and SQL caches off
(uncached) and on (the defaults), and with --publish-dir Datasette on the SQLite copy
beside them, and measures each scenario on each server one after the other (so all see
the same machine), at each number of clients (10 and 50 by default):
  - GET /v1/queries/counts_around_event and article_facts (typical parameters), against
    Datasette reading the same answer from its answer table (and running the canned query)
  - GET /v1/queries/<name> of the six other named queries (typical parameters), factdb only
  - a primary-key lookup (GET /v1/counts/ID; Datasette's row page)
  - the floor: /health, Datasette's /-/versions.json
  - POST /v1/sql reading the same answer table (last: it starts the SQL worker processes)
with a native load generator, wrk, when installed (`make bench-tools`), else a
multi-process socket client (bench/http_load.py). It prints p50/p99 latency, requests/s,
errors, each server's CPU time per request and peak resident memory (with its SQL
workers), and the ratios to Datasette. The rate limit of /v1/sql is off for the run.

Usage: python bench/bench_api.py DB [--publish-dir DIR] [--seconds 5] [--clients 10,50]
           [--client auto|wrk|python] [--runs 30] [--modes uncached,cached|none]
           [--query-dir DIR]
Build DB with: python bench/make_big_db.py /tmp/big.duckdb --articles 100000, and DIR
with: factdb publish --db /tmp/big.duckdb DIR.
--modes none times the named queries only; --query-dir times the query files of another
directory (e.g. an older version of factdb/sql/queries) in place of the registry's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_abuse import free_port  # noqa: E402
from bench.http_load import RssSampler, Run, measure, tree_rss, wrk_path  # noqa: E402
from factdb.queries import NamedQuery, parse_query_file, registry  # noqa: E402
from factdb.sqlrun import open_locked  # noqa: E402

GOAL_QUERY_MS = 2.0
#: and within this factor of a primary-key lookup (issue 13)
GOAL_PK_FACTOR = 3.0
GOAL_P99_MS = 20.0
RANKS = {"median": "typical parameters (the median event, entity, speaker... by articles)",
         "top": "heaviest parameters (the best-attested event, entity, speaker...)"}


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
    #: median CPU ms of the answer as the API serves it: execute, then fetch with the JSON
    #: columns kept as stored (raw_json=True), not decoded into Python values
    served_cpu_ms: float = float("nan")


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
    fetch share is timed on separate runs of the same statement (execute, then fetchall),
    and so is the answer as the API serves it (its JSON columns kept as stored text, CPU).
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
            times, cpus, fetches, served = [], [], [], []
            rows = 0
            bound = q.bind(values)
            for _ in range(runs):
                began, cpu = time.perf_counter(), time.process_time()
                _, result = q.run(cur, values)
                times.append(time.perf_counter() - began)
                cpus.append(time.process_time() - cpu)
                rows = len(result)
                cpu = time.process_time()
                q.fetch(q.execute(cur, values), raw_json=True)
                served.append(time.process_time() - cpu)
                res = q.execute(cur, bound)
                began = time.perf_counter()
                q.fetch(res)
                fetches.append(time.perf_counter() - began)
            try:  # the full SQL may run out of the connection's memory at this size
                reference = _median_run(lambda: q.run(cur, values, reference=True),  # noqa: B023
                                        max(3, runs // 3))
            except duckdb.Error:
                reference = float("nan")
            cur.close()
            times.sort()
            out.append(QueryTiming(name, statistics.median(times) * 1000,
                                   times[min(len(times) - 1, int(0.99 * (len(times) - 1)))]
                                   * 1000, statistics.median(cpus) * 1000,
                                   statistics.median(fetches) * 1000, rows, reference,
                                   statistics.median(served) * 1000))
    finally:
        con.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("--seconds", type=float, default=5.0,
                        help="seconds of load per scenario, server and client count")
    parser.add_argument("--clients", default="10,50", help="concurrency levels")
    parser.add_argument("--runs", type=int, default=30, help="in-process runs per query")
    parser.add_argument("--modes", default="cached,uncached",
                        help="server configurations: cached (the default settings) and/or "
                             "uncached (response and SQL caches off); none: no HTTP runs")
    parser.add_argument("--publish-dir", type=Path,
                        help="a directory written by `factdb publish` from the same database: "
                             "Datasette serves it side by side")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto",
                        help="HTTP load generator: wrk (native; `make bench-tools`), the "
                             "multi-process socket client, or auto (wrk when installed)")
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
        print(f"  {'query':<22} {'median':>9} {'p99':>9} {'cpu':>9} {'served':>9} "
              f"{'fetch':>9} {'full SQL':>9} {'rows':>6}  {'goal':>4}  params")
        timings = time_queries_in_process(args.db, ranked, args.runs, queries)
        for t in timings:
            flag = "PASS" if t.median_ms <= limit else "FAIL"
            print(f"  {t.name:<22} {t.median_ms:6.2f} ms {t.p99_ms:6.2f} ms {t.cpu_ms:6.2f} ms "
                  f"{t.served_cpu_ms:6.2f} ms {t.fetch_ms:6.2f} ms {t.reference_ms:6.2f} ms "
                  f"{t.rows:>6}  {flag}  "
                  f"{ranked.get(t.name, {})}")
        passed = sum(t.median_ms <= limit for t in timings)
        print(f"  {passed} of {len(timings)} within the goal (median wall time); cpu: "
              "median CPU time of this process (NamedQuery.run: every JSON value decoded into "
              "Python); served: median CPU time of the answer as the API serves it (execute, "
              "then fetch with the stored JSON kept as it is, raw_json); fetch: the part "
              "spent turning rows into Python values; full SQL: the reference query (plain "
              "DuckDB, no answer table)")
    if not modes:
        return

    http_runs(args, sample_params(args.db, "median"), levels, modes)


def start_factdb(db: str, port: int, cached: bool) -> subprocess.Popen[bytes]:
    """`factdb serve --no-datasette` (the real serve path: its uvicorn set-up and memory
    cap), caches on (the defaults) or off; the SQL rate limit off for the run."""
    off = {} if cached else {"FACTDB_API_CACHE_BYTES": "0", "FACTDB_API_SQL_CACHE_ENTRIES": "0"}
    env = {**os.environ, **off, "FACTDB_API_SQL_RATE_LIMIT": "0"}
    exe = Path(sys.executable).with_name("factdb")
    proc = subprocess.Popen([str(exe), "serve", "--db", db, "--no-datasette",
                             "--host", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_ready(proc, f"http://127.0.0.1:{port}/health")
    return proc


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


#: (scenario, factdb's request, Datasette's request for the same answer or the floor)
Scenario = tuple[str, tuple[str, str, Any] | None, tuple[str, str, Any] | None]


def http_scenarios(db: str, params: dict[str, dict[str, str]]) -> list[Scenario]:
    cae, article = params["counts_around_event"], params["article_facts"]
    count_id = params["fact_citations"]["id"]
    event_key = one_value(db, "SELECT event_key FROM (" + (
        registry()["counts_around_event"].answer_keys_sql or "SELECT NULL AS event_key")
        + ")", cae)
    answer = {"event_id": event_key, "unit": cae["unit"]}
    return [
        ("counts_around_event", ("GET", "/v1/queries/counts_around_event?"
                                 + str(httpx.QueryParams(cae)), None),
         ("GET", "/factdb/answers_counts_around_event.json?"
          + str(httpx.QueryParams({**answer, "_shape": "array"})), None)),
        ("counts_around_event (ds canned query)", None,
         ("GET", "/factdb/counts_around_event.json?"
          + str(httpx.QueryParams({**cae, "_shape": "array"})), None)),
        ("article_facts", ("GET", "/v1/queries/article_facts?"
                           + str(httpx.QueryParams(article)), None),
         ("GET", "/factdb/answers_article_facts.json?"
          + str(httpx.QueryParams({"article_id": article["article"], "_shape": "array"})),
          None)),
        # the other named queries, typical parameters, factdb only (their canned queries
        # on Datasette run the full SQL, seconds at this size: no comparison of answers)
        *[(name, ("GET", f"/v1/queries/{name}?" + str(httpx.QueryParams(params[name])),
                  None), None)
          for name in ("fact_citations", "event_timeline", "corroboration",
                       "claims_by_entity", "entity_profile", "disagreements")],
        ("primary key (a count)", ("GET", f"/v1/counts/{count_id}", None),
         ("GET", f"/factdb/counts/{count_id}.json?_shape=array", None)),
        ("floor (/health, /-/versions.json)", ("GET", "/health", None),
         ("GET", "/-/versions.json", None)),
        # last: the first statement starts the SQL worker processes (their memory)
        ("POST /v1/sql (answer table)", ("POST", "/v1/sql", json.dumps(
            {"sql": "SELECT * FROM answers_counts_around_event WHERE event_id = "
                    f"{sql_literal(event_key)} AND unit = {sql_literal(cae['unit'])}",
             "dialect": "duckdb"}).encode()), None),
    ]


def http_runs(args: argparse.Namespace, params: dict[str, dict[str, str]], levels: list[int],
              modes: list[str]) -> None:
    """factdb's API (caches off and on) and Datasette on the SQLite copy, all three serving
    at once and measured one after the other on each scenario (so each sees the same
    machine), with a native load generator (wrk) when installed, else the multi-process
    client (bench/http_load.py); each run's server CPU time per request and peak memory."""
    client = args.client if args.client != "auto" else ("wrk" if wrk_path() else "python")
    if client == "wrk" and not wrk_path():
        raise SystemExit("wrk is not installed (make bench-tools), or pass --client python")
    servers: dict[str, tuple[subprocess.Popen[bytes], RssSampler, str]] = {}
    names: list[str] = [m for m in ("uncached", "cached") if m in modes]
    if args.publish_dir:
        names.append("datasette")
    runs: list[Run] = []
    idle: dict[str, int] = {}
    load_before = os.getloadavg()[0]
    try:
        for name in names:
            port = free_port()
            proc = (start_datasette(args.publish_dir, port) if name == "datasette" else
                    start_factdb(args.db, port, cached=name == "cached"))
            time.sleep(1)
            idle[name] = tree_rss(proc.pid)
            servers[name] = (proc, RssSampler(proc.pid), f"http://127.0.0.1:{port}")
        scenarios = http_scenarios(args.db, params)
        # every GET first, at every level; POST /v1/sql last (it starts the SQL workers)
        order = [(c, s) for sql in (False, True) for c in levels for s in scenarios
                 if s[0].startswith("POST") == sql]
        for clients, (scenario, ours, theirs) in order:
            for name, (proc, sampler, base) in servers.items():
                request = theirs if name == "datasette" else ours
                if request is None:
                    continue
                method, path, body = request
                runs.append(measure(name, proc.pid, sampler, base, scenario, method, path,
                                    body, clients, args.seconds, client))
    finally:
        peaks = {}
        for name, (proc, sampler, _) in servers.items():
            peaks[name] = sampler.stop()
            proc.terminate()
            proc.wait(timeout=10)
    report_http(runs, peaks, idle, client, args.seconds, (load_before, os.getloadavg()[0]))


def report_http(runs: list[Run], peaks: dict[str, int], idle: dict[str, int], client: str,
                seconds: float, load: tuple[float, float]) -> None:
    mib = 2**20
    print(f"\nHTTP on 127.0.0.1, typical parameters, {seconds:g} s per run, client: "
          f"{'wrk (native)' if client == 'wrk' else 'multi-process sockets (bench/http_load.py)'}"
          f"; load average {load[0]:.1f} before, {load[1]:.1f} after (2 cores shared: "
          "wall times inflated, read the ratios and the CPU per request)")
    print(f"goals at 10 clients uncached: p99 <= {GOAL_P99_MS:g} ms, no errors; >= 3x "
          "Datasette's throughput on the same answer; peak memory <= 2x Datasette's")
    print(f"  {'server':<9} {'scenario':<37} {'clients':>7} {'ok':>7} {'errors':>6} "
          f"{'p50 ms':>7} {'p99 ms':>7} {'req/s':>7} {'cpu ms/req':>10} {'peak MiB':>8}")
    for r in runs:
        print(f"  {r.server:<9} {r.name:<37} {r.clients:>7} {r.ok:>7} {r.errors:>6} "
              f"{r.p50_ms:7.1f} {r.p99_ms:7.1f} {r.rate:7.0f} {r.cpu_ms_per_request:10.2f} "
              f"{r.rss_peak / mib:8.0f}")
    for r in runs:
        if r.first_error:
            print(f"  first error of {r.name} at {r.clients} clients ({r.server}): "
                  f"{r.first_error}")

    def find(server: str, clients: int, name: str) -> Run | None:
        return next((r for r in runs if (r.server, r.clients, r.name) == (server, clients,
                                                                            name)), None)

    for clients in sorted({r.clients for r in runs}):
        for name in ("counts_around_event", "article_facts", "primary key (a count)",
                     "floor (/health, /-/versions.json)"):
            ours, ds = find("uncached", clients, name), find("datasette", clients, name)
            if ours and ds and ds.rate and ours.cpu_s:
                print(f"  {name} at {clients} clients, factdb uncached / Datasette: "
                      f"throughput {ours.rate / ds.rate:.2f}x, server CPU per request "
                      f"{ds.cpu_ms_per_request / ours.cpu_ms_per_request:.2f}x less")
    for name, peak in peaks.items():
        named = [r.rss_peak for r in runs if r.server == name and not r.name.startswith("POST")]
        print(f"  memory {name}: {idle[name] / mib:.0f} MiB idle, peak "
              f"{max(named, default=0) / mib:.0f} MiB under the GET loads, "
              f"{peak / mib:.0f} MiB overall (with the SQL workers, once /v1/sql ran)")
    get_peak = max((r.rss_peak for r in runs if r.server == "uncached"
                    and not r.name.startswith("POST")), default=0)
    ds_peak = peaks.get("datasette", 0)
    if get_peak and ds_peak:
        print(f"  peak memory factdb uncached (GET loads) / Datasette: {get_peak / ds_peak:.2f}x "
              f"(goal <= 2); with the SQL workers {peaks['uncached'] / ds_peak:.2f}x")


def one_value(db: str, sql: str, params: dict[str, str]) -> str:
    con = open_locked(db)
    try:
        row = con.execute(sql, params).fetchone()
        return str(row[0]) if row and row[0] is not None else ""
    finally:
        con.close()

if __name__ == "__main__":
    main()
