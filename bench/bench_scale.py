"""Scale-out: the single-process load against the Dask load into a DuckLake catalog.

On one generated corpus (bench/gen_corpus.py) it times, each in its own fresh subprocess:

  single    factdb.load.load([corpus], Settings(db_path=fresh.duckdb))
  workers   factdb.scale.load([corpus], ..., catalog=fresh/, workers=W) on a Dask
            LocalCluster (W worker processes, one thread each), shards of --shard-chars

and prints both wall times, CPU seconds, the ratio single / workers, and whether the two
stores hold the same facts: every table's rows (run ids and timestamps left out) of the
single-process file against the catalog's last snapshot. The issue's figure is 10k articles
on 2 workers; on a shared 2-core machine use a few hundred (--n 500). Exits 0 either way.

``--second N`` then loads a second generated corpus of N articles (the next seed) into each
store, the cost of a batch over a stored corpus: its steps and each resolver's time,
and compares the two stores after both batches.

Usage: python bench/bench_scale.py [--n 500] [--workers 2] [--seed 0] [--corpus DIR]
                                   [--shard-chars 200000] [--second N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUN_COLUMNS = {"run_id", "superseded_run", "loaded_at", "started_at", "finished_at",
               "built_at", "command", "applied_at"}
RUN_TABLES = {"extraction_runs", "schema_migrations", "answer_builds"}


def _worker(mode: str, corpus: str, target: str, workers: int, shard_chars: int) -> None:
    import resource

    from factdb.settings import Settings

    began = time.perf_counter()
    if mode == "single":
        from factdb.load import load

        report = load([corpus], Settings(db_path=target))
    else:
        from factdb import scale

        report = scale.load([corpus], Settings(db_path=target + ".unused"), target,
                            workers=workers, shard_chars=shard_chars)
    seconds = time.perf_counter() - began
    ru = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": seconds, "added": report.added,
                      "problems": len(report.problems), "stages": report.stages,
                      "cpu_s": ru.ru_utime + ru.ru_stime + kids.ru_utime + kids.ru_stime,
                      "cpu_self_s": ru.ru_utime + ru.ru_stime,
                      "load": os.getloadavg()[0]}))


def _measure(mode: str, corpus: Path, target: Path, workers: int,
             shard_chars: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", mode, str(corpus), str(target), str(workers),
         str(shard_chars)], cwd=ROOT, check=True, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _facts(path: str) -> dict[str, list[str]]:
    from factdb import db

    con = db.connect(path, read_only=True)
    try:
        out = {}
        for table in db.list_tables(con):
            if table in RUN_TABLES:
                continue
            cols = [c for c, _ in db.table_columns(con, table) if c not in RUN_COLUMNS]
            names = ", ".join(db.quote_ident(c) for c in cols)
            out[table] = sorted(repr(tuple(r)) for r in con.execute(
                f"SELECT {names} FROM {db.quote_ident(table)}").fetchall())
        return out
    finally:
        con.close()


def _second(args: argparse.Namespace, second: Path, tmp: Path) -> None:
    """The second batch into both stores, each in a fresh subprocess."""
    single = _measure("single", second, tmp / "single.duckdb", 1, args.shard_chars)
    print(f"second batch, single process: {single['seconds']:7.1f} s wall, "
          f"{single['cpu_s']:7.1f} s CPU, {single['added']} articles")
    multi = _measure("workers", second, tmp / "catalog", args.workers, args.shard_chars)
    print(f"second batch, {args.workers} workers: {multi['seconds']:7.1f} s wall, "
          f"{multi['cpu_s']:7.1f} s CPU ({multi['cpu_self_s']:.1f} s of it the driver), "
          f"{multi['added']} articles; load average {multi['load']:.2f}")
    steps = {k: v for k, v in multi["stages"].items() if not k.startswith("resolver ")}
    print("  steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items()))
    print("  of which resolvers: " + ", ".join(
        f"{k[9:]} {v:.1f} s" for k, v in multi["stages"].items() if k.startswith("resolver ")))


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        _, _, mode, corpus, target, workers, shard_chars = sys.argv
        _worker(mode, corpus, target, int(workers), int(shard_chars))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", default=None, help="an existing corpus directory")
    ap.add_argument("--shard-chars", type=int, default=200_000,
                    help="characters of text per shard (default: about 100 articles)")
    ap.add_argument("--second", type=int, default=0, metavar="N",
                    help="then load a second corpus of N articles into both stores")
    args = ap.parse_args()
    from factdb import lake

    with tempfile.TemporaryDirectory(prefix="factdb-scale-") as tmp:
        corpus = Path(args.corpus) if args.corpus else Path(tmp) / "corpus"
        if not args.corpus:
            subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), str(args.n),
                            str(corpus), "--seed", str(args.seed)], check=True,
                           capture_output=True)
        second = Path(tmp) / "second"
        if args.second:
            subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"),
                            str(args.second), str(second), "--seed", str(args.seed + 1)],
                           check=True, capture_output=True)
        chars = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
        print(f"corpus: {corpus} ({chars / 1e6:.1f} MB of files); cores: {os.cpu_count()}; "
              f"load average {os.getloadavg()[0]:.2f}")
        single = _measure("single", corpus, Path(tmp) / "single.duckdb", 1, args.shard_chars)
        print(f"single process: {single['seconds']:7.1f} s wall, {single['cpu_s']:7.1f} s CPU, "
              f"{single['added']} articles; load average at the end {single['load']:.2f}")
        multi = _measure("workers", corpus, Path(tmp) / "catalog", args.workers,
                         args.shard_chars)
        print(f"{args.workers} workers:      {multi['seconds']:7.1f} s wall, "
              f"{multi['cpu_s']:7.1f} s CPU ({multi['cpu_self_s']:.1f} s of it the driver, "
              f"the rest the Dask processes), {multi['added']} articles; "
              f"load average at the end {multi['load']:.2f}")
        steps = {k: v for k, v in multi["stages"].items() if not k.startswith("resolver ")}
        print("  steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items()))
        print("  of which resolvers: " + ", ".join(
            f"{k[9:]} {v:.1f} s" for k, v in multi["stages"].items()
            if k.startswith("resolver ")))
        print(f"ratio single / {args.workers} workers: {single['seconds'] / multi['seconds']:.2f}")
        if args.second:
            _second(args, second, Path(tmp))
        one = _facts(str(Path(tmp) / "single.duckdb"))
        two = _facts(lake.serving_copy(Path(tmp) / "catalog"))
        differ = sorted(t for t in one.keys() | two.keys() if one.get(t) != two.get(t))
        rows = sum(len(v) for v in one.values())
        print(f"same facts: {'yes' if not differ else 'NO, tables differ: ' + ', '.join(differ)}"
              f" ({rows} rows in {len(one)} tables)")
        for table in differ:
            a, b = set(one.get(table, [])), set(two.get(table, []))
            print(f"  {table}: {len(a - b)} rows only in the single-process file, "
                  f"{len(b - a)} only in the catalog; e.g. {sorted(a - b)[:1]} / "
                  f"{sorted(b - a)[:1]}"[:600])
        data = sum(p.stat().st_size for p in (Path(tmp) / "catalog" / "data").rglob("*")
                   if p.is_file())
        cat = (Path(tmp) / "catalog" / lake.CATALOG_FILE).stat().st_size
        print(f"catalog: {data / 1e6:.2f} MB of Parquet data files, catalog file "
              f"{cat / 1e6:.2f} MB; single-process DuckDB file "
              f"{(Path(tmp) / 'single.duckdb').stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
