"""Loader speed: the full factdb loader against a plain spaCy pass over the same texts.

On one generated corpus (bench/gen_corpus.py), each measurement runs in its own fresh
subprocess so that memory, caches and loaded models do not carry over:

  spacy-default  spacy.load(model) with its default pipeline, list(nlp.pipe(texts, 64))
  spacy-factdb   the same with factdb's pipeline (factdb.nlp.load_model: every component, the
                 attribute ruler and lemmatizer sped up with identical output)
  loader         factdb.load.load([corpus], Settings(db_path=fresh)) with the registered
                 extractors and resolvers, timed per stage

The spaCy passes time model loading plus nlp.pipe; their texts are read first with
factdb.ingest.readers.read_source (untimed), so they are the very texts the loader sees.
The loader's wall time covers everything a user waits for: reading, segmenting, model
loading, spaCy, extractors, resolvers and the database transaction. ``import spacy`` is
done before the clock starts in every worker. The goal: loader <= 1.25 x plain spaCy
(default pipeline) on >= 2,000 articles. Exits 0 whether or not the goal is met.

Usage: python bench/bench_loader.py [--n 2000] [--seed 0] [--corpus DIR] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOAL = 1.25
WORKERS = ("spacy-default", "spacy-factdb", "loader")
LABELS = {"spacy-default": "plain spaCy, default pipeline",
          "spacy-factdb": "plain spaCy, factdb pipeline (all components)",
          "loader": "factdb loader (full)"}


# --- measurement inside a worker process --------------------------------------------------

def _usage() -> dict[str, float]:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu_s": ru.ru_utime + ru.ru_stime, "peak_rss_mb": ru.ru_maxrss / 1024}


def _read_texts(corpus: Path) -> list[str]:
    from factdb.ingest.readers import discover, read_source
    from factdb.settings import Settings

    files, _ = discover([str(corpus)])
    limit = Settings().max_file_bytes
    return [doc.text for path in files for doc in read_source(path, limit)]


def worker_spacy(corpus: Path, which: str, batch_size: int) -> dict[str, Any]:
    import spacy

    from factdb.nlp import installed_model, load_model
    from factdb.settings import Settings

    texts = _read_texts(corpus)
    models = Settings().spacy_models
    name = installed_model(models)
    cpu0 = _usage()["cpu_s"]
    t0 = time.perf_counter()
    nlp = spacy.load(name) if which == "default" else load_model(models)
    t1 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    t2 = time.perf_counter()
    usage = _usage()
    return {"articles": len(texts), "tokens": sum(len(d) for d in docs), "model": name,
            "model_version": nlp.meta.get("version"), "pipeline": nlp.pipe_names,
            "model_load_s": t1 - t0, "pipe_s": t2 - t1, "wall_s": t2 - t0,
            "cpu_s": usage["cpu_s"] - cpu0, "peak_rss_mb": usage["peak_rss_mb"]}


class Stages:
    """Exclusive wall and CPU time per named stage: entering a stage pauses the one around
    it. CPU time (the process's, all threads) is the figure to trust on a busy machine."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()
        self._stack: list[list[Any]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        now, cpu = time.perf_counter(), time.process_time()
        if self._stack:
            outer = self._stack[-1]
            self.seconds[outer[0]] += now - outer[1]
            self.cpu[outer[0]] += cpu - outer[2]
        self._stack.append([name, now, cpu])
        try:
            yield
        finally:
            end, cpu_end = time.perf_counter(), time.process_time()
            inner, since, cpu_since = self._stack.pop()
            self.seconds[inner] += end - since
            self.cpu[inner] += cpu_end - cpu_since
            self.calls[inner] += 1
            if self._stack:
                self._stack[-1][1:] = [end, cpu_end]

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return fn(*args, **kwargs)

        return timed

    def wrap_iter(self, name: str, items: Iterable[Any]) -> Iterator[Any]:
        it = iter(items)
        while True:
            with self.stage(name):
                try:
                    item = next(it)
                except StopIteration:
                    return
            yield item


def _callable_name(fn: Callable[..., Any]) -> str:
    module = getattr(fn, "__module__", "") or ""
    return f"{module.removeprefix('factdb.')}.{getattr(fn, '__qualname__', repr(fn))}"


def instrument(stages: Stages) -> None:
    """Time the loader's stages by wrapping factdb.load's functions (this process only)."""
    import factdb.db
    import factdb.load as fl

    def patch(module: Any, attr: str, stage: str) -> None:
        setattr(module, attr, stages.wrap(stage, getattr(module, attr)))

    patch(fl, "read_all", "read files")
    patch(fl, "segment", "segment")
    patch(fl, "_resolve_publication_dates", "publication dates")
    patch(fl, "_extract", "build article rows")
    patch(fl, "load_model", "spaCy model load")
    patch(fl, "_write", "db transaction (other)")
    patch(factdb.db, "connect", "db connect+migrate")
    patch(factdb.db, "insert_rows", "db insert_rows")
    patch(factdb.db, "row_counts", "db row counts")
    annotate = fl.annotate  # type: ignore[attr-defined]

    def timed_annotate(nlp: Any, texts: Iterable[str], *a: Any, **k: Any) -> Iterator[Any]:
        return stages.wrap_iter("spaCy pipe", annotate(nlp, texts, *a, **k))

    default_extractors, default_resolvers = fl.default_extractors, fl.default_resolvers

    def extractors(settings: Any) -> list[Callable[..., Any]]:
        return [stages.wrap("extractor " + _callable_name(f), f)
                for f in default_extractors(settings)]

    def resolvers(settings: Any) -> list[Callable[..., Any]]:
        return [stages.wrap("resolver " + _callable_name(f), f)
                for f in default_resolvers(settings)]

    setattr(fl, "annotate", timed_annotate)  # noqa: B010
    setattr(fl, "default_extractors", extractors)  # noqa: B010
    setattr(fl, "default_resolvers", resolvers)  # noqa: B010


def named_extractors(spec: str) -> list[Callable[..., Any]]:
    """Extractors named 'module[:function]', comma-separated; function defaults to extract,
    and 'module:factory()' calls a factory that returns the extractor."""
    import importlib

    found = []
    for item in filter(None, (p.strip() for p in spec.split(","))):
        module, _, attr = item.partition(":")
        fn = getattr(importlib.import_module(module), (attr or "extract").removesuffix("()"))
        found.append(fn() if attr.endswith("()") else fn)
    return found


def worker_loader(corpus: Path, db_path: Path, profile: Path | None,
                  extractor_spec: str | None) -> dict[str, Any]:
    import spacy  # noqa: F401  (imported before the clock, as in the spaCy workers)

    from factdb import stages as registry
    from factdb.load import load
    from factdb.settings import Settings

    settings = Settings(db_path=str(db_path))
    stages = Stages()
    chosen = None if extractor_spec is None else named_extractors(extractor_spec)
    extractors = [_callable_name(f) for f in
                  (registry.extractors(settings) if chosen is None else chosen)]
    resolvers = [_callable_name(f) for f in registry.resolvers(settings)]
    if chosen is not None:
        chosen = [stages.wrap("extractor " + _callable_name(f), f) for f in chosen]
    instrument(stages)
    cpu0 = _usage()["cpu_s"]
    t0 = time.perf_counter()
    if profile is not None:
        import cProfile

        with cProfile.Profile() as prof:
            report = load([str(corpus)], settings, extractors=chosen)
        prof.dump_stats(str(profile))
    else:
        report = load([str(corpus)], settings, extractors=chosen)
    wall = time.perf_counter() - t0
    usage = _usage()
    stage_s = dict(stages.seconds)
    stage_s["(outside stages)"] = max(wall - sum(stage_s.values()), 0.0)
    stage_cpu = dict(stages.cpu)
    stage_cpu["(outside stages)"] = max(usage["cpu_s"] - cpu0 - sum(stage_cpu.values()), 0.0)
    return {"articles": report.added, "files": report.files, "problems": report.problems,
            "wall_s": wall, "cpu_s": usage["cpu_s"] - cpu0, "peak_rss_mb": usage["peak_rss_mb"],
            "new_rows": report.new_rows, "stages": stage_s, "stages_cpu": stage_cpu,
            "calls": dict(stages.calls),
            "extractors": extractors, "resolvers": resolvers, "profiled": profile is not None,
            "extractors_from": "registry" if chosen is None else "--extractors"}


# --- orchestration ------------------------------------------------------------------------

def run_worker(kind: str, corpus: Path, args: argparse.Namespace,
               workdir: Path, attempt: int) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind,
           "--corpus", str(corpus), "--batch-size", str(args.batch_size)]
    if kind == "loader":
        cmd += ["--db", str(workdir / f"bench-{attempt}.duckdb")]
        if args.profile:
            cmd += ["--profile", str(args.profile)]
        if args.extractors is not None:
            cmd += ["--extractors", args.extractors]
    load_avg = os.getloadavg()[0]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"worker {kind} failed (exit {done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["load_avg_before"] = load_avg
    return result


def _row(label: str, r: dict[str, Any]) -> str:
    rate = r["articles"] / r["wall_s"] if r["wall_s"] else 0.0
    return (f"  {label:<42} {r['wall_s']:>8.2f} {r['cpu_s']:>8.2f} {rate:>8.1f} "
            f"{r['peak_rss_mb']:>9.0f} {r['load_avg_before']:>6.2f}")


def report(results: dict[str, list[dict[str, Any]]], n_files: int, args: argparse.Namespace,
           gen_s: float | None) -> None:
    best = {k: min(v, key=lambda r: r["wall_s"]) for k, v in results.items()}
    base, slim, loader = best["spacy-default"], best["spacy-factdb"], best["loader"]
    print(f"factdb loader benchmark: {loader['articles']} articles in {n_files} files "
          f"(seed {args.seed}" + (f", generated in {gen_s:.1f}s" if gen_s is not None else "")
          + f"), {os.cpu_count()} CPUs")
    print(f"spaCy model {base['model']} {base['model_version']}, batch size {args.batch_size}; "
          f"{base['tokens']:,} tokens")
    print(f"  default pipeline: {', '.join(base['pipeline'])}")
    print(f"  factdb pipeline:  {', '.join(slim['pipeline'])}")
    if args.repeat > 1:
        print(f"best of {args.repeat} interleaved runs (wall time)")
    print()
    print(f"  {'':<42} {'wall s':>8} {'cpu s':>8} {'art/s':>8} {'peak MB':>9} {'load':>6}")
    for kind in WORKERS:
        print(_row(LABELS[kind], best[kind]))
    for kind in ("spacy-default", "spacy-factdb"):
        r = best[kind]
        print(f"    {kind}: model load {r['model_load_s']:.2f}s + pipe {r['pipe_s']:.2f}s")
    print("  ('load' = 1-minute load average just before the worker started; other work on")
    print("   the machine inflates wall time, cpu s is less sensitive to it)")
    print()
    ratio = loader["wall_s"] / base["wall_s"]
    verdict = "PASS" if ratio <= GOAL else "FAIL"
    print(f"ratio loader / plain spaCy (default pipeline), wall: {ratio:.2f}  "
          f"goal <= {GOAL}: {verdict}")
    print(f"  same ratio on cpu time:                          "
          f"{loader['cpu_s'] / base['cpu_s']:.2f}")
    print(f"  loader / plain spaCy pipe only (no model load):  "
          f"{loader['wall_s'] / base['pipe_s']:.2f}")
    print(f"  loader / plain spaCy with factdb's pipeline:     "
          f"{loader['wall_s'] / slim['wall_s']:.2f}")
    if not loader["extractors"]:
        print("  NOTE: the loader ran no extractors, hence no spaCy at all (factdb.load skips")
        print("  annotation then): these loader figures are for ingestion only.")
    elif loader["extractors_from"] != "registry":
        print("  NOTE: extractors chosen with --extractors, not factdb's registry.")
    print()
    print("loader stages (exclusive seconds; "
          + ("cProfile on, times inflated" if loader["profiled"] else "timers add ~1 us/call")
          + ")")
    total, total_cpu = loader["wall_s"], loader["cpu_s"]
    cpu = loader.get("stages_cpu", {})
    print(f"  {'':<52} {'wall s':>8} {'':>6} {'cpu s':>8} {'':>6}")
    for name, secs in sorted(loader["stages"].items(), key=lambda kv: -cpu.get(kv[0], kv[1])):
        calls = loader["calls"].get(name)
        used = cpu.get(name, 0.0)
        print(f"  {name:<52} {secs:>8.2f} {100 * secs / total:>5.1f}% {used:>8.2f} "
              f"{100 * used / total_cpu:>5.1f}%" + (f"  ({calls} calls)" if calls else ""))
    print(f"  extractors ({loader['extractors_from']}): "
          f"{', '.join(loader['extractors']) or '(none)'}")
    print(f"  resolvers registered:  {', '.join(loader['resolvers']) or '(none)'}")
    print()
    print("rows added per table")
    for table, n in loader["new_rows"].items():
        print(f"  {table:<20} {n:>9,}  ({n / max(loader['articles'], 1):.1f} per article)")
    if loader["problems"]:
        print(f"problems: {len(loader['problems'])}, first: {loader['problems'][0]}")
    if args.profile:
        print(f"\ncProfile stats of the loader written to {args.profile} "
              f"(python -m pstats {args.profile})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="articles to generate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, help="use this corpus instead of generating one")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each measurement R times, interleaved; report the best")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--profile", type=Path, help="run the loader under cProfile, dump here")
    parser.add_argument("--json", type=Path, help="also write all raw results here")
    parser.add_argument("--extractors", metavar="MOD[:FN],...",
                        help="run these extractors instead of the registry's (a preview; "
                             "resolvers still come from the registry)")
    parser.add_argument("--worker", choices=WORKERS, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        if args.worker == "loader":
            result = worker_loader(args.corpus, args.db, args.profile, args.extractors)
        else:
            result = worker_spacy(args.corpus, args.worker.removeprefix("spacy-"),
                                  args.batch_size)
        print(json.dumps(result))
        return 0

    sys.path.insert(0, str(ROOT))
    from bench.gen_corpus import generate

    with tempfile.TemporaryDirectory(prefix="factdb-bench-") as tmp:
        workdir = Path(tmp)
        gen_s = None
        if args.corpus is None:
            t0 = time.perf_counter()
            n_files = len(generate(args.n, workdir / "corpus", args.seed))
            gen_s = time.perf_counter() - t0
            corpus = workdir / "corpus"
        else:
            corpus = args.corpus
            n_files = sum(1 for p in corpus.rglob("*") if p.is_file())
        results: dict[str, list[dict[str, Any]]] = {k: [] for k in WORKERS}
        for attempt in range(args.repeat):
            for kind in WORKERS:
                print(f"[{attempt + 1}/{args.repeat}] {kind} ...", file=sys.stderr, flush=True)
                results[kind].append(run_worker(kind, corpus, args, workdir, attempt))
        report(results, n_files, args, gen_s)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
