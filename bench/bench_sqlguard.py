"""Time the read-only SQL guard: validation (parse, check, regenerate) per query.

Goal: under 1 ms per query for a realistic mix. Prints mean, median and p99 in ms, for
uncached validation (every call parses) and for the cache the API relies on for repeats.
Wall time counts waiting for a CPU on a busy machine; thread CPU time does not.

    .venv/bin/python bench/bench_sqlguard.py [rounds]
"""

from __future__ import annotations

import statistics
import sys
import time

from factdb import sqlguard

MIX: list[tuple[str, str]] = [
    ("duckdb", "SELECT count(*) FROM articles"),
    ("duckdb", "SELECT * FROM claims WHERE article_id = 'a1b2c3' ORDER BY char_start"),
    ("duckdb", "SELECT e.name, e.entity_type, e.mention_count FROM entities e "
               "WHERE e.entity_type = 'PERSON' ORDER BY e.mention_count DESC LIMIT 20"),
    ("duckdb", "SELECT c.value, c.qualifier, c.unit, c.window_start, c.window_end, c.quote "
               "FROM counts c JOIN articles a USING (article_id) "
               "WHERE a.published_on >= DATE '2024-01-01' AND c.confidence > 0.6"),
    ("duckdb", "WITH m AS (SELECT entity_id, count(*) AS n, count(DISTINCT article_id) AS arts "
               "FROM entity_mentions GROUP BY entity_id) "
               "SELECT e.name, m.n, m.arts, row_number() OVER (PARTITION BY e.entity_type "
               "ORDER BY m.n DESC) AS rk FROM entities e JOIN m ON m.entity_id = e.entity_id "
               "QUALIFY rk <= 5 ORDER BY e.entity_type, rk"),
    ("duckdb", "SELECT date_trunc('week', d.value_start) AS wk, count(*) AS n, "
               "string_agg(DISTINCT d.quote, '; ') FROM dates d WHERE d.basis = 'explicit' "
               "GROUP BY ALL ORDER BY wk"),
    ("duckdb", "SELECT ev.label, ev.date_start, count(em.article_id) AS mentions "
               "FROM events ev LEFT JOIN event_mentions em ON em.event_id = ev.event_id "
               "GROUP BY ev.label, ev.date_start HAVING count(*) > 1 "
               "UNION ALL SELECT 'total', NULL, count(*) FROM event_mentions"),
    ("duckdb", "SELECT s.role, count(*) FILTER (WHERE s.char_end - s.char_start > 80) AS longs, "
               "avg(s.char_end - s.char_start) FROM sentences s GROUP BY s.role"),
    ("postgres", "SELECT speaker || ': ' || cue AS who, count(*)::int FROM claims "
                 "WHERE speaker ILIKE '%minister%' GROUP BY 1 ORDER BY 2 DESC LIMIT 5 OFFSET 0"),
    ("postgres", "SELECT to_char(published_on, 'YYYY-MM') AS month, count(*) FROM articles "
                 "GROUP BY 1 ORDER BY 1 FETCH FIRST 12 ROWS ONLY"),
    ("sqlite", "SELECT strftime('%Y', published_on) AS y, ifnull(outlet, '?'), count(*) "
               "FROM articles GROUP BY 1, 2 LIMIT 10, 20"),
    ("sqlite", "SELECT substr(quote, 1, 40), instr(quote, 'said') FROM claims "
               "WHERE is_direct_quote = 1"),
]


def run(rounds: int, cache: bool) -> tuple[list[float], list[float]]:
    """Wall and thread-CPU milliseconds of each validation."""
    tables = sqlguard.schema_tables()
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(rounds):
        for dialect, sql in MIX:
            w, c = time.perf_counter(), time.thread_time()
            sqlguard.validate(sql, dialect, tables, cache=cache)
            cpu.append((time.thread_time() - c) * 1000)
            wall.append((time.perf_counter() - w) * 1000)
    return wall, cpu


def report(label: str, times: list[float]) -> None:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    print(f"{label:<30} n={len(times):>6}  mean={statistics.fmean(times):.3f} ms  "
          f"median={statistics.median(times):.3f} ms  p99={p99:.3f} ms")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    start = time.perf_counter()
    sqlguard.allowed_function_classes()
    print(f"one-time allow-list build: {(time.perf_counter() - start) * 1000:.1f} ms")
    run(5, cache=False)  # warm up
    wall, cpu = run(rounds, cache=False)
    report("uncached, whole mix, wall", wall)
    report("uncached, whole mix, CPU", cpu)
    per = len(MIX)
    for dialect in ("duckdb", "postgres", "sqlite"):
        picked = [t for i, t in enumerate(cpu) if MIX[i % per][0] == dialect]
        report(f"uncached, {dialect}, CPU", picked)
    report("cached (repeats), wall", run(rounds, cache=True)[0])
    mean = statistics.fmean(cpu)
    print(f"goal < 1 ms per query (uncached mean CPU {mean:.3f} ms): "
          f"{'met' if mean < 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
