"""Incremental resolution (issue 16 item 3): a batch over a stored corpus, side by side.

Loads a generated corpus of N articles (bench/gen_corpus.py) into a DuckDB file, then loads
a second generated batch of M articles (the next seed) into two copies of that file, in one
process, alternating, --reps times each:

  incremental   the resolvers with the state the first load kept (entity_recovery_forms,
                entity_units, entity_blocks, fact_group_inputs)
  whole         the same with that state deleted first: every resolver over the whole corpus

and prints each resolver's CPU seconds (time.process_time, the minimum over the repetitions)
for both, the corpus recovery's own CPU and how many articles it scanned, how many units
(one article's mentions of one thing) the entity resolver's part held, how many facts the
fact-group resolver grouped again, how many stored event mentions the batch gave another
event id, how many stored local events changed event co-members and stored articles their
story (the articles one shares an event with), how many keys each answer table rebuilt
(incremental run), and whether the two stores hold the same rows in every table (run ids
and timestamps left out), and the parts of event coreference the batch touches
(factdb.resolve.event_parts), found over the whole corpus and from the stored corpus's
parts kept (the incremental parts: how many local events to cluster again, CPU
seconds). Then the closure of the entity resolver's blocks (docs/scale.md, "Incremental
resolution"): how many components the units form when joined by the keys
their rules read, with and without the rules that read other units of the same article;
and the parts of event coreference of the last store.

Usage: python bench/bench_incremental.py [--n 300 | --first DIR] [--m 100[,M2...]]
                                        [--later] [--second DIR] [--seed 0] [--reps 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_scale import _facts  # noqa: E402  (every table's rows, run ids aside)


def _generate(n: int, out: Path, seed: int, later: bool = False) -> None:
    """Generate n articles; later: published in the 30 days after the stored corpus's."""
    from bench.gen_corpus import DAYS, FIRST_DAY

    after = ["--first-day", str(FIRST_DAY + timedelta(days=DAYS + 1)), "--days", "30"]
    subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), str(n), str(out),
                    "--seed", str(seed)] + (after if later else []), check=True,
                   capture_output=True)


def _batch(path: Path, batch: Path, whole: bool) -> dict[str, Any]:
    """Load the batch into the store at path; each resolver's CPU seconds."""
    from factdb import db, stages
    from factdb.load import load
    from factdb.resolve import entities, entity_blocks, entity_recovery, fact_groups
    from factdb.settings import Settings

    if whole:
        con = db.connect(path)
        for table in ("entity_recovery_forms", "entity_units", "entity_blocks",
                      "fact_group_inputs"):
            con.execute(f"DELETE FROM {table}")
        con.close()
    con = db.connect(path, read_only=True)
    stored = dict(con.execute("SELECT mention_id, event_id FROM event_mentions").fetchall())
    events_then = _events(con)
    con.close()
    seconds: dict[str, float] = {}
    scanned: list[int] = []
    resolved: list[int] = []
    grouped: list[int] = []

    def timed(name: str, fn: Any) -> Any:
        def call(*args: Any) -> Any:
            began = time.process_time()
            out = fn(*args)
            seconds[name] = seconds.get(name, 0.0) + time.process_time() - began
            return out
        return call

    find = entity_recovery._articles_to_scan

    def spy(con: Any, run: Any, forms: dict[str, str]) -> Any:
        todo = find(con, run, forms)
        row = con.execute("SELECT count(*) FROM articles").fetchone()
        scanned.append(int(row[0]) if todo is None else len(todo))
        return todo

    close = entity_blocks.closure

    def spy_units(con: Any, articles: set[str], seeds: set[str],
                  rows: Any) -> set[str]:
        units = close(con, articles, seeds, rows)
        resolved.append(len(units))
        return units

    group = fact_groups._group

    def spy_groups(con: Any, counts: list[Any], dates: list[Any]) -> Any:
        grouped.append(len(counts) + len(dates))
        return group(con, counts, dates)

    recover = entities.recover_in_corpus
    fact_groups._group = spy_groups  # type: ignore[assignment]
    store, blocks_of = entity_blocks.store, entities.blocks_of
    entity_blocks.store = timed("(entity state)", store)  # type: ignore[assignment]
    entities.blocks_of = timed("(entity state)", blocks_of)  # type: ignore[assignment]
    entity_blocks.closure = spy_units  # type: ignore[assignment]
    entity_recovery._articles_to_scan = spy  # type: ignore[assignment]
    entities.recover_in_corpus = timed("(recovery)", recover)  # type: ignore[assignment]
    try:
        settings = Settings(db_path=str(path))
        resolvers = [timed(r.__module__.rsplit(".", 1)[-1], r) for r in stages.resolvers(settings)]
        load([str(batch)], settings, resolvers=resolvers)
    finally:
        entity_recovery._articles_to_scan = find  # type: ignore[assignment]
        entity_blocks.closure = close  # type: ignore[assignment]
        entity_blocks.store = store  # type: ignore[assignment]
        entities.blocks_of = blocks_of  # type: ignore[assignment]
        entities.recover_in_corpus = recover  # type: ignore[assignment]
        fact_groups._group = group  # type: ignore[assignment]
    con = db.connect(path, read_only=True)
    row = con.execute("SELECT count(DISTINCT coalesce(local_key, mention_id)) "
                      "FROM entity_mentions").fetchone()
    facts = con.execute("SELECT count(*) FROM fact_group_inputs").fetchone()
    now = dict(con.execute("SELECT mention_id, event_id FROM event_mentions").fetchall())
    rebuilt = con.execute("""
        SELECT query, keys_rebuilt FROM answer_builds
        WHERE mode = 'incremental' AND run_id = (SELECT run_id FROM answer_builds
                                                 ORDER BY built_at DESC LIMIT 1)
        ORDER BY query""").fetchall()
    sizes = con.execute("SELECT (SELECT count(*) FROM articles), "
                        "(SELECT count(*) FROM events)").fetchone()
    events_now = _events(con)
    con.close()
    units = int(row[0]) if row else 0
    return {"seconds": seconds, "scanned": scanned[0] if scanned else 0,
            "units": (resolved[0] if resolved else units, units),
            "facts": (grouped[0] if grouped else 0, int(facts[0]) if facts else 0),
            "moved": (sum(1 for m, e in stored.items() if m in now and now[m] != e),
                      len(stored)),
            "rebuilt": rebuilt, "sizes": sizes, "reach": _reach(events_then, events_now)}


def _events(con: Any) -> dict[str, tuple[str, str]]:
    """local key -> (article, event) of every local event of the store."""
    return {k: (a, e) for k, a, e in con.execute(
        "SELECT DISTINCT local_key, article_id, event_id FROM event_mentions").fetchall()}


def _reach(then: dict[str, tuple[str, str]], now: dict[str, tuple[str, str]]
           ) -> tuple[int, int, int, int, int]:
    """What a batch changed in the stored events: (stored local events whose stored
    co-members changed, stored articles holding one, stored articles whose story changed,
    stored local events, stored articles). A story: the articles an article shares an
    event with (of at most the event resolver's MAX_BLOCK articles), among stored ones."""
    from factdb.resolve.events import MAX_BLOCK

    def groups(state: dict[str, tuple[str, str]]) -> tuple[dict[str, frozenset[str]],
                                                           dict[str, frozenset[str]]]:
        members: dict[str, set[str]] = defaultdict(set)
        articles: dict[str, set[str]] = defaultdict(set)
        for key, (article, event) in state.items():
            if key in then:
                members[event].add(key)
                articles[event].add(article)
        story: dict[str, set[str]] = defaultdict(set)
        for arts in articles.values():
            if 1 < len(arts) <= MAX_BLOCK:
                for a in arts:
                    story[a] |= arts - {a}
        return ({k: frozenset(members[e]) for k, (_, e) in state.items() if k in then},
                {a: frozenset(v) for a, v in story.items()})

    (m0, s0), (m1, s1) = groups(then), groups(now)
    moved = [k for k in then if m0[k] != m1.get(k)]
    stored = {a for a, _ in then.values()}
    return (len(moved), len({then[k][0] for k in moved}),
            sum(1 for a in stored if s0.get(a, frozenset()) != s1.get(a, frozenset())),
            len(then), len(stored))


def _components(members: dict[str, list[Any]], items: list[Any], cap: int | None = None
                ) -> tuple[int, int]:
    """(components, largest) of items joined by the blocks ``members`` (key -> items);
    blocks above ``cap`` join nothing (the event resolver ignores them)."""
    from factdb.resolve.unionfind import UnionFind

    uf: UnionFind[Any] = UnionFind(items)
    for block in members.values():
        if cap is not None and len(block) > cap:
            continue
        for other in block[1:]:
            uf.union(block[0], other)
    sizes = Counter(uf.find(i) for i in items)
    return len(sizes), max(sizes.values(), default=0)


def _closures(path: Path) -> None:
    from factdb import db
    from factdb.lang.names import initials
    from factdb.resolve import entities, events

    con = db.connect(path, read_only=True)
    try:
        units = entities.read_units(con)
        local = events._local_events(con)
    finally:
        con.close()
    index = list(range(len(units)))
    for label, words, article in (("whole name keys and initials", False, False),
                                  ("+ first and last name words", True, False),
                                  ("+ units of the same article", True, True)):
        blocks: dict[str, list[int]] = defaultdict(list)
        for i, u in enumerate(units):
            for surface, key in u.keys.items():
                if key:
                    blocks["key:" + key].append(i)
                    if words:
                        blocks["word:" + key.split()[0]].append(i)
                        blocks["word:" + key.split()[-1]].append(i)
                if len(surface.split()) > 1:
                    for letters in set(initials(surface)):
                        blocks["initials:" + letters].append(i)
            if article:
                blocks["article:" + u.article_id].append(i)
        n, largest = _components(blocks, index)
        print(f"  entities, {len(units)} units, {label}: {n} components, largest {largest} "
              f"({largest / max(len(units), 1):.0%})")
    con = db.connect(path, read_only=True)
    try:
        rows = con.execute("""
            SELECT local_key, block FROM entity_blocks WHERE block IN (
                SELECT block FROM entity_blocks GROUP BY block HAVING bool_or(looks))
            """).fetchall()
        kept = [str(r[0]) for r in con.execute("SELECT local_key FROM entity_units").fetchall()]
    finally:
        con.close()
    looked: dict[str, list[str]] = defaultdict(list)
    for unit, block in rows:
        looked[block].append(unit)
    n, largest = _components(looked, kept)
    print(f"  entities, {len(kept)} units, keys some unit looks up (entity_blocks): {n} "
          f"components, largest {largest} ({largest / max(len(kept), 1):.0%})")
    _event_parts(path, local, None)


def _event_parts(path: Path, local: dict[str, Any], base: Path | None) -> None:
    """The parts of event coreference (factdb.resolve.event_parts): how many, the largest,
    and the share of the local events in the parts that hold a local event of the batch
    (the articles of ``path`` not in ``base``); CPU seconds of the parts and of the
    resolver's clustering, side by side. A part above 5 % of the local events takes in
    every local event of its articles (coarser, still exact, found in linear time)."""
    from factdb import db
    from factdb.resolve import event_parts, events

    began = time.process_time()
    parts = event_parts.parts(local, absorb=len(local) // 20)
    spent = time.process_time() - began
    began = time.process_time()
    events.cluster(local)
    whole = time.process_time() - began
    sizes = Counter(parts.values())
    largest = max(sizes.values(), default=0)
    line = (f"  events, {len(local)} local events, interaction graph: {len(sizes)} parts, "
            f"largest {largest} ({largest / max(len(local), 1):.0%})")
    if base is not None:
        con = db.connect(base, read_only=True)
        try:
            stored = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}
        finally:
            con.close()
        touched = {parts[k] for k, ev in local.items() if ev.article_id not in stored}
        held = sum(sizes[r] for r in touched)
        line += (f"; the batch's parts hold {held} ({held / max(len(local), 1):.0%}) in "
                 f"{len({ev.article_id for k, ev in local.items() if parts[k] in touched})} "
                 f"articles")
    print(line + f" ({spent:.2f} s CPU; clustering {whole:.2f} s)")
    if base is not None:
        _kept_parts(base, local)


def _kept_parts(base: Path, local: dict[str, Any]) -> None:
    """The incremental parts (event_parts.parts with the stored corpus's parts kept): the
    local events to cluster again and the CPU seconds, beside the whole run's."""
    from factdb import db
    from factdb.resolve import event_parts, events

    con = db.connect(base, read_only=True)
    try:
        last = events._local_events(con)
    finally:
        con.close()
    kept = event_parts.parts(last, absorb=len(last) // 20)
    began = time.process_time()
    dirty = event_parts.dirty_keys(last, local, kept)
    found = event_parts.parts(local, absorb=len(local) // 20, kept=kept, dirty=dirty)
    again = event_parts.touched(found, dirty)
    region = {k: ev for k, ev in local.items() if found[k] in again}
    spent = time.process_time() - began
    oversized = event_parts.oversized(event_parts.blocks_of(local))
    began = time.process_time()
    events.cluster(region, None, oversized)
    clustered = time.process_time() - began
    print(f"  events, the stored corpus's parts kept: {len(dirty)} local events new or "
          f"changed, {len(region)} ({len(region) / max(len(local), 1):.0%}) to cluster "
          f"again; CPU {spent:.2f} s (changes and parts) + {clustered:.2f} s (clustering)")


def _report(root: Path, base: Path, batch: Path, label: str, reps: int) -> None:
    from factdb.resolve import entity_blocks

    """Load ``batch`` into copies of ``base`` with and without the kept state, side by
    side, and print each resolver's CPU seconds and what the entity resolver read."""
    runs: dict[str, list[dict[str, Any]]] = {"incremental": [], "whole": []}
    for _ in range(reps):
        for mode in runs:
            target = root / f"{mode}.duckdb"
            shutil.copy(base, target)
            runs[mode].append(_batch(target, batch, mode == "whole"))
    print(f"{label}, CPU seconds per resolver (min of {reps}): incremental / whole")
    names = list(runs["whole"][0]["seconds"])
    for name in names:
        best = {m: min(r["seconds"].get(name, 0.0) for r in runs[m]) for m in runs}
        print(f"  {name:18s} {best['incremental']:6.2f} / {best['whole']:6.2f}")
    total = {m: min(sum(v for k, v in r["seconds"].items() if not k.startswith("("))
                    for r in runs[m]) for m in runs}
    print(f"  {'all resolvers':18s} {total['incremental']:6.2f} / {total['whole']:6.2f}")
    print(f"  corpus recovery scanned {runs['incremental'][0]['scanned']} / "
          f"{runs['whole'][0]['scanned']} articles")
    for mode in runs:
        done, units = runs[mode][0]["units"]
        print(f"  {mode}: the entity resolver's part held {done} of {units} units "
              f"({done / max(units, 1):.0%}; above {entity_blocks.WHOLE_SHARE:.0%} it "
              f"resolves every unit)")
    for mode in runs:
        done, facts = runs[mode][0]["facts"]
        print(f"  {mode}: the fact-group resolver grouped again {done} of {facts} facts "
              f"({done / max(facts, 1):.0%})")
    moved, stored = runs["incremental"][0]["moved"]
    print(f"  stored event mentions given another event id: {moved} of {stored} "
          f"({moved / max(stored, 1):.0%})")
    moved, holding, stories, local, stored = runs["incremental"][0]["reach"]
    print(f"  stored local events whose stored co-members changed: {moved} of {local}, in "
          f"{holding} of {stored} stored articles; stored articles whose story changed: "
          f"{stories}")
    articles, n_events = runs["incremental"][0]["sizes"]
    print(f"  answer-table keys rebuilt ({articles} articles, {n_events} events): " +
          ", ".join(f"{q} {n}" for q, n in runs["incremental"][0]["rebuilt"]))
    from factdb import db
    from factdb.resolve import events

    con = db.connect(root / "whole.duckdb", read_only=True)
    try:
        local = events._local_events(con)
    finally:
        con.close()
    _event_parts(root / "whole.duckdb", local, base)
    got, expected = _facts(str(root / "incremental.duckdb")), _facts(str(root / "whole.duckdb"))
    differ = sorted(t for t in expected.keys() | got.keys() if got.get(t) != expected.get(t))
    print(f"same rows in every table: {'yes' if not differ else 'NO: ' + ', '.join(differ)}")
    for table in differ[:3]:
        a, b = set(got.get(table, [])), set(expected.get(table, []))
        print(f"  {table}: {len(a - b)} rows only incremental, e.g. {sorted(a - b)[:2]}; "
              f"{len(b - a)} only whole, e.g. {sorted(b - a)[:2]}")
    if os.environ.get("FACTDB_BENCH_KEEP"):
        for mode in ("incremental", "whole"):
            shutil.copy(root / f"{mode}.duckdb", Path(os.environ["FACTDB_BENCH_KEEP"]) /
                        f"{mode}.duckdb")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--m", default="100", help="batch sizes, comma-separated (e.g. 20,200)")
    ap.add_argument("--second", action="append", default=[],
                    help="also a folder of articles as a batch (repeatable)")
    ap.add_argument("--first", help="a folder of articles as the stored corpus (instead of "
                    "--n generated ones)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--later", action="store_true",
                    help="generated batches published in the 30 days after the stored corpus "
                    "(a feed loaded in publication order; else the same 900 days)")
    ap.add_argument("--reps", type=int, default=2)
    args = ap.parse_args()
    from factdb.load import load
    from factdb.settings import Settings

    with tempfile.TemporaryDirectory(prefix="factdb-incremental-") as tmp:
        root = Path(tmp)
        first = Path(args.first) if args.first else root / "first"
        if not args.first:
            _generate(args.n, first, args.seed)
        base = root / "base.duckdb"
        began = time.process_time()
        report = load([str(first)], Settings(db_path=str(base)))
        args.n = report.added if args.first else args.n
        print(f"first load: {args.n} articles, {time.process_time() - began:.1f} s CPU")
        for m in (int(x) for x in args.m.split(",") if x):
            _generate(m, root / f"second{m}", args.seed + 1, args.later)
            _report(root, base, root / f"second{m}", f"batch of {m}" +
                    (" published later" if args.later else "") + f" over {args.n} stored",
                    args.reps)
        for folder in args.second:
            _report(root, base, Path(folder), f"batch {folder} over {args.n} stored",
                    args.reps)
        print("closure of the entity blocks, parts of event coreference (last store):")
        _closures(root / "whole.duckdb")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
