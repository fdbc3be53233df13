"""Every benchmark, one after the other, with the defaults their goals are stated for.

    .venv/bin/python bench/run_all.py [--quick]

1. extraction quality: precision and recall on the fixtures (bench/extraction_quality.py);
2. SQL guard: validation time per query (bench/bench_sqlguard.py);
3. loader: factdb load against plain spaCy on 2,000 generated articles (bench/bench_loader.py);
4. API: a 100,000-article database (bench/make_big_db.py, built once and kept in
   $FACTDB_BENCH_DIR, default /tmp/factdb-bench), then bench/bench_api.py.

--quick uses 200 articles for the loader and 10,000 for the API database: a smoke run,
not a measurement of the goals. Each step prints its own figures; a failing step is
reported and the others still run. Exit status 1 if any step failed to run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def step(title: str, argv: list[str]) -> bool:
    print(f"\n=== {title}: {' '.join(argv)}", flush=True)
    began = time.perf_counter()
    code = subprocess.call([sys.executable, *argv], cwd=BENCH.parent)
    print(f"=== {title}: exit {code} after {time.perf_counter() - began:.0f}s", flush=True)
    return code == 0


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    work = Path(os.environ.get("FACTDB_BENCH_DIR", "/tmp/factdb-bench"))
    work.mkdir(parents=True, exist_ok=True)
    articles = 10_000 if quick else 100_000
    big = work / f"big-{articles}.duckdb"
    ok = [
        step("extraction quality", ["bench/extraction_quality.py"]),
        step("SQL guard", ["bench/bench_sqlguard.py"]),
        step("loader", ["bench/bench_loader.py", "--n", "200" if quick else "2000"]),
    ]
    if not big.exists():
        ok.append(step("API database", ["bench/make_big_db.py", str(big),
                                        "--articles", str(articles)]))
    ok.append(step("API", ["bench/bench_api.py", str(big)]))
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
