"""Extraction quality, per corpus and per fact kind, in one report.

    .venv/bin/python bench/extraction_quality.py [-v] [--json OUT] [--only CORPUS ...]

Corpora (each scored by a module of tests/scoring/):
- fixtures:   the project's own texts in tests/fixtures/ (written by us: too clean to steer by)
- seeds:      the five seed articles in seeds/, against tests/gold/seeds/ (and the fixed query
              counts_around_event(event=visit, unit=attack), row by row)
- realnews:   ../shared/realnews (41 articles from 41 outlets), against tests/gold/realnews/
- newsquant:  NewsQuant dev half (../shared/benchmarks/newsquant), scored as CQE does
- aquaint:    TempEval-3 AQUAINT dev half (../shared/benchmarks/tempeval3-aquaint), TimeML DATEs

It prints precision, recall and F1 for every fact kind, and writes every figure to a JSON
file (`--json`, default bench/results/extraction_quality.json) keyed `corpus.kind.figure`;
tests/test_gold_floor.py holds the real-text figures to tests/gold/floor.json. -v also prints
every miss and false alarm. Corpora under ../shared are skipped, with a message, when it is
absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factdb import db  # noqa: E402
from factdb.load import load  # noqa: E402
from factdb.settings import Settings  # noqa: E402
from tests.scoring import claims as claim_scoring  # noqa: E402
from tests.scoring import counts as count_scoring  # noqa: E402
from tests.scoring import dates as date_scoring  # noqa: E402
from tests.scoring import entities as entity_scoring  # noqa: E402
from tests.scoring import events as event_scoring  # noqa: E402
from tests.scoring import real_text  # noqa: E402

Figures = dict[str, float | None]


def _pr(kind: str, p: float, r: float) -> Figures:
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{kind}.precision": p, f"{kind}.recall": r, f"{kind}.f1": f1}


def fixtures(verbose: bool) -> Figures:
    """The own fixtures, with the scorers the unit tests assert with."""
    from factdb.extract import entities
    from factdb.extract.dates import extract as extract_dates
    from factdb.resolve import entities as aliases

    out: Figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        chosen = [f for f in entity_scoring.all_fixtures() if f.name != "seeds"]
        paths = {f.name: entity_scoring.write_articles(f, Path(tmp) / "texts") for f in chosen}
        path = Path(tmp) / "entities.duckdb"
        load([str(p) for ps in paths.values() for p in ps.values()],
             Settings(db_path=str(path)), extractors=[entities.extract],
             resolvers=[aliases.resolve])
        con = db.connect(path, read_only=True)
        try:
            score = entity_scoring.score_entities(
                [(f, entity_scoring.predicted_for(con, paths[f.name])) for f in chosen])
        finally:
            con.close()
    print(f"  entities   {score.summary()}")
    out |= _pr("entities", score.precision, score.recall)
    if verbose:
        print(*("    " + p for p in score.problems), sep="\n")

    cases = date_scoring.load_cases()
    total, _ = date_scoring.evaluate(extract_dates, cases)
    print("  " + total.line(f"dates ({len(cases)} fixtures)"))
    out |= _pr("dates", total.precision, total.recall)
    if verbose:
        print(*("    " + x for x in total.misses + total.false_alarms + total.disagreements),
              sep="\n")

    counts = count_scoring.evaluate()
    print("  counts     " + counts.report().replace("\n", "\n  "))
    out |= _pr("counts", counts.precision, counts.recall)
    claims = claim_scoring.score_all()
    print("  claims     " + claims.report().replace("\n", "\n  "))
    out |= _pr("claims", claims.precision, claims.recall)
    events, per = event_scoring.evaluate()
    print(f"  events ({len(per)} stories) {events.report()}")
    out |= _pr("events", events.precision, events.recall)
    if verbose:
        print(*("    " + p for p in events.problems), sep="\n")
    return out


CORPORA: dict[str, Callable[[bool], tuple[Figures | None, list[str]]]] = {
    "fixtures": lambda verbose: (fixtures(verbose), []),
    **real_text.CORPORA,
}


def measure(names: list[str], verbose: bool = False) -> dict[str, float | None]:
    figures: dict[str, float | None] = {}
    for name in names:
        began = time.perf_counter()
        print(f"{name}:", flush=True)
        got, lines = CORPORA[name](verbose)
        print(*lines, sep="\n")
        print(f"  ({time.perf_counter() - began:.1f}s)", flush=True)
        for key, value in (got or {}).items():
            figures[f"{name}.{key}"] = value
    return figures


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "results" /
                        "extraction_quality.json")
    parser.add_argument("--only", nargs="+", choices=sorted(CORPORA), default=list(CORPORA))
    args = parser.parse_args(argv)
    figures = measure(args.only, args.verbose)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
