"""Precision and recall of date extraction against the fixtures in tests/fixtures/dates/.

A predicted row matches an expected one when their quotes overlap in the text and their
values (value_start, value_end) are equal; each row matches at most once. Among matched
pairs the agreement of granularity, basis and the optional attributes (relation, role,
span_days, anchor_phrase) is reported too.

    .venv/bin/python -m tests.scoring.dates          # per-case and overall figures
    .venv/bin/python -m tests.scoring.dates -v       # also every miss and false alarm
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from factdb.extract.context import ArticleContext
from factdb.ingest.readers import read_source
from tests.scoring.context import FIXTURES, ROOT, make_context

CASES_DIR = FIXTURES / "dates"
#: Expected-row keys compared only on matched pairs (attribute agreement).
ATTRIBUTES = ("granularity", "basis", "relation", "role", "span_days", "anchor_phrase")


@dataclass
class Expected:
    quote: str
    start: int
    end: int
    value_start: date | None
    value_end: date | None
    attributes: dict[str, Any]


@dataclass
class Case:
    name: str
    text: str
    title: str | None
    published: date | None
    expected: list[Expected]

    def context(self) -> ArticleContext:
        return make_context(self.text, self.published, title=self.title)


@dataclass
class Score:
    matched: int = 0
    predicted: int = 0
    expected: int = 0
    attribute_checks: int = 0
    attribute_agreements: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attribute_agreement(self) -> float:
        return (self.attribute_agreements / self.attribute_checks
                if self.attribute_checks else 1.0)

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.expected += other.expected
        self.attribute_checks += other.attribute_checks
        self.attribute_agreements += other.attribute_agreements
        self.misses += other.misses
        self.false_alarms += other.false_alarms
        self.disagreements += other.disagreements

    def line(self, label: str) -> str:
        return (f"{label:<28} P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"({self.matched} matched, {self.predicted} predicted, {self.expected} "
                f"expected; attributes agree {self.attribute_agreement:.3f})")


def _locate(text: str, quote: str, occurrence: int, case: str) -> tuple[int, int]:
    pos = -1
    for _ in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos == -1:
            raise ValueError(f"{case}: quote {quote!r} (occurrence {occurrence}) not in text")
    return pos, pos + len(quote)


def load_case(path: Path) -> Case:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    title = spec.get("title")
    if "source" in spec:
        (doc,) = read_source(ROOT / spec["source"], 10**7)
        text, title = doc.text, title or doc.title
    else:
        text = spec["text"].strip()
    expected = []
    for row in spec["expected"]:
        start, end = _locate(text, row["quote"], row.get("occurrence", 1), path.name)
        attributes = {k: row[k] for k in ATTRIBUTES if k in row}
        expected.append(Expected(row["quote"], start, end, row["start"], row["end"],
                                 attributes))
    return Case(path.stem, text, title, spec.get("published"), expected)


def load_cases(directory: Path = CASES_DIR) -> list[Case]:
    return [load_case(p) for p in sorted(directory.glob("*.yaml"))]


def score_case(case: Case, rows: list[dict[str, Any]]) -> Score:
    """Match predicted rows to expected ones (overlapping quote, equal values)."""
    s = Score(predicted=len(rows), expected=len(case.expected))
    used: set[int] = set()
    for exp in case.expected:
        hit = None
        for i, row in enumerate(rows):
            if i in used:
                continue
            overlaps = row["char_start"] < exp.end and exp.start < row["char_end"]
            if overlaps and (row["value_start"], row["value_end"]) == (exp.value_start,
                                                                       exp.value_end):
                hit = i
                break
        if hit is None:
            s.misses.append(f"{case.name}: missed {exp.quote!r} "
                            f"{exp.value_start}..{exp.value_end}")
            continue
        used.add(hit)
        s.matched += 1
        row = rows[hit]
        for key, want in exp.attributes.items():
            got = row.get("value_" + key if key in ("start", "end") else key)
            s.attribute_checks += 1
            if got == want:
                s.attribute_agreements += 1
            else:
                s.disagreements.append(f"{case.name}: {exp.quote!r} {key} {got!r} != {want!r}")
    for i, row in enumerate(rows):
        if i not in used:
            s.false_alarms.append(f"{case.name}: extra {row['quote']!r} "
                                  f"{row['value_start']}..{row['value_end']}")
    return s


def evaluate(extract: Callable[[ArticleContext], dict[str, list[dict[str, Any]]]],
             cases: Iterable[Case]) -> tuple[Score, dict[str, Score]]:
    total = Score()
    per_case = {}
    for case in cases:
        s = score_case(case, extract(case.context())["dates"])
        per_case[case.name] = s
        total.add(s)
    return total, per_case


def main(argv: list[str]) -> int:
    from factdb.extract.dates import extract

    cases = load_cases()
    total, per_case = evaluate(extract, cases)
    for name, s in per_case.items():
        print(s.line(name))
    print(total.line("ALL"))
    contexts = [c.context() for c in cases]
    words = sum(len(c.text.split()) for c in contexts)
    per_pass = float("inf")
    for _ in range(5):  # the best of five runs of ten passes: the machine may be busy
        began = time.perf_counter()
        for _ in range(10):
            for ctx in contexts:
                extract(ctx)
        per_pass = min(per_pass, (time.perf_counter() - began) / 10)
    print(f"speed: {per_pass * 1000:.2f} ms for {words} words "
          f"({per_pass * 1e6 / words:.2f} ms per 1,000 words)")
    if "-v" in argv:
        for line in total.misses + total.false_alarms + total.disagreements:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
