"""Score claim extraction against the fixtures in tests/fixtures/claims/.

A claim matches an expected one when (speaker, cue, is_direct_quote) are equal; among
matches with the same key, equal contents are paired first. Precision and recall are
over those matches; for matched claims the other expected fields (content,
original_source, and hedge / speaker_kind / relay_speaker where a fixture gives them)
are scored as accuracies.

Run it to print the figures: ``.venv/bin/python -m tests.scoring.claims``.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claims"
KEY = ("speaker", "cue", "is_direct_quote")
FIELDS = ("content", "original_source", "hedge", "speaker_kind", "relay_speaker")


@dataclass
class Fixture:
    name: str
    text: str
    outlet: str | None
    expected: list[dict[str, Any]]


@dataclass
class Score:
    matched: int = 0
    extracted: int = 0
    expected: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def accuracy(self, name: str) -> float:
        right, total = self.fields[name]
        return right / total if total else 1.0

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.extracted += other.extracted
        self.expected += other.expected
        for k, (r, t) in other.fields.items():
            self.fields[k][0] += r
            self.fields[k][1] += t
        self.missed += other.missed
        self.spurious += other.spurious
        self.wrong += other.wrong

    def report(self) -> str:
        lines = [f"claims: precision {self.precision:.3f} ({self.matched}/{self.extracted}), "
                 f"recall {self.recall:.3f} ({self.matched}/{self.expected}) "
                 f"on (speaker, cue, is_direct_quote)"]
        for name in FIELDS:
            r, t = self.fields[name]
            lines.append(f"  {name:<16} accuracy {self.accuracy(name):.3f} ({r}/{t}) "
                         "of matched claims")
        lines += [f"  missed   {m}" for m in self.missed]
        lines += [f"  spurious {s}" for s in self.spurious]
        lines += [f"  wrong    {w}" for w in self.wrong]
        return "\n".join(lines)


def load_fixtures(directory: Path = FIXTURES) -> list[Fixture]:
    out = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out.append(Fixture(path.stem, data["text"], data.get("outlet"), data["claims"]))
    return out


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row.get(k) for k in KEY)


def score_rows(name: str, rows: list[dict[str, Any]],
               expected: list[dict[str, Any]]) -> Score:
    score = Score(extracted=len(rows), expected=len(expected))
    pool: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        pool[_key(r)].append(r)
    pairs = []
    leftovers = []
    for exp in expected:
        cands = pool.get(_key(exp), [])
        same = [r for r in cands if r.get("content") == exp.get("content")]
        if same:
            cands.remove(same[0])
            pairs.append((exp, same[0]))
        else:
            leftovers.append(exp)
    for exp in leftovers:
        cands = pool.get(_key(exp), [])
        if cands:
            pairs.append((exp, cands.pop(0)))
        else:
            score.missed.append(f"{name}: {_key(exp)}")
    for rest in pool.values():
        score.spurious += [f"{name}: {_key(r)} content={r.get('content')!r}" for r in rest]
    score.matched = len(pairs)
    for exp, got in pairs:
        for f in FIELDS:
            if f not in exp and f not in ("content", "original_source"):
                continue
            want = exp.get(f, False if f == "hedge" else None)
            ok = got.get(f) == want
            score.fields[f][0] += int(ok)
            score.fields[f][1] += 1
            if not ok:
                score.wrong.append(f"{name}: {_key(exp)} {f}: got {got.get(f)!r}, "
                                   f"expected {want!r}")
    return score


def extract_fixture(fx: Fixture) -> tuple[str, list[dict[str, Any]]]:
    """The claim rows the extractor gives for a fixture's text (and the text)."""
    from factdb.extract import claims
    from tests.scoring.context import make_context

    ctx = make_context(fx.text, with_doc=True, outlet=fx.outlet)
    return ctx.text, claims.extract(ctx)["claims"]


def score_all(fixtures: list[Fixture] | None = None) -> Score:
    total = Score()
    for fx in fixtures if fixtures is not None else load_fixtures():
        _, rows = extract_fixture(fx)
        total.add(score_rows(fx.name, rows, fx.expected))
    return total


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    print(score_all().report())
