"""The real-text corpora, each scored into flat figures keyed `corpus.kind.figure`.

Used by bench/extraction_quality.py (the report) and tests/test_gold_floor.py (the floor).
A corpus whose data is absent (a clone without ../shared) is reported as skipped.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.scoring import benchmarks, gold
from tests.scoring.context import SHARED

Figures = dict[str, float | None]
BENCHMARKS = SHARED / "benchmarks"


def gold_corpus(name: str) -> Callable[[bool], tuple[Figures | None, list[str]]]:
    def run(verbose: bool) -> tuple[Figures | None, list[str]]:
        why = gold.available(name)
        if why:
            return None, [f"skipped: {why}"]
        report = gold.evaluate(name)
        return report.figures(), report.lines(verbose)[1:]

    return run


def benchmark(name: str) -> Callable[[bool], tuple[Figures | None, list[str]]]:
    def run(verbose: bool) -> tuple[Figures | None, list[str]]:
        if not BENCHMARKS.is_dir():
            return None, [f"skipped: {BENCHMARKS} is absent (it comes with the project's "
                          "shared folder)"]
        with tempfile.TemporaryDirectory() as tmp:
            if name == "newsquant":
                result = benchmarks.newsquant(BENCHMARKS / "newsquant" / "newsquant-dev.json",
                                              Path(tmp), verbose=verbose)
            else:
                result = benchmarks.aquaint(BENCHMARKS / "tempeval3-aquaint", Path(tmp),
                                            verbose=verbose)
        return benchmarks.figures(result), ["  " + line for line in
                                            benchmarks.report_lines(name, result, verbose)]

    return run


CORPORA: dict[str, Callable[[bool], tuple[Figures | None, list[str]]]] = {
    "seeds": gold_corpus("seeds"),
    "realnews": gold_corpus("realnews"),
    "newsquant": benchmark("newsquant"),
    "aquaint": benchmark("aquaint"),
}
