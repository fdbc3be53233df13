"""Precision and recall of count extraction against the fixtures in tests/fixtures/counts/.

A fixture is a YAML file: ``text`` and ``published`` (or ``source``, a seed file loaded as the
loader loads it) and ``counts``, the expected rows. Each expected row gives the quote and the
fields below in short names; a field left out is expected to be NULL. A predicted row is
correct when an expected row has the same quote and every field is equal (whole values).

Run it to print the figures: ``.venv/bin/python -m tests.scoring.counts``.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "counts"

#: fixture key -> count row column
FIELDS = {
    "value": "value", "low": "value_low", "high": "value_high", "qualifier": "qualifier",
    "unit": "unit", "event": "event_type", "place": "place", "relation": "window_relation",
    "start": "window_start", "end": "window_end", "span": "window_span_days",
    "anchor": "window_anchor_phrase",
}


@dataclass
class Score:
    expected: int = 0
    predicted: int = 0
    correct: int = 0
    quote_matched: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.predicted += other.predicted
        self.correct += other.correct
        self.quote_matched += other.quote_matched
        self.misses += other.misses
        self.extras += other.extras
        self.wrong += other.wrong

    def report(self) -> str:
        lines = [f"counts: precision {self.precision:.3f} ({self.correct}/{self.predicted}), "
                 f"recall {self.recall:.3f} ({self.correct}/{self.expected}), "
                 f"quotes found {self.quote_matched}/{self.expected}"]
        lines += [f"  missed  {m}" for m in self.misses]
        lines += [f"  wrong   {w}" for w in self.wrong]
        lines += [f"  extra   {e}" for e in self.extras]
        return "\n".join(lines)


def _norm(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(float(value), 6)
    return value


def expected_rows(fixture: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for item in fixture.get("counts") or []:
        unknown = set(item) - set(FIELDS) - {"quote"}
        if unknown:
            raise ValueError(f"unknown fixture keys {sorted(unknown)}")
        out.append({"quote": item["quote"],
                    **{col: _norm(item.get(key)) for key, col in FIELDS.items()}})
    return out


def score(name: str, predicted: list[dict[str, Any]],
          expected: list[dict[str, Any]]) -> Score:
    s = Score(expected=len(expected), predicted=len(predicted))
    left = list(expected)
    for row in predicted:
        got = {"quote": row["quote"], **{c: _norm(row.get(c)) for c in FIELDS.values()}}
        match = next((e for e in left if e["quote"] == got["quote"]), None)
        if match is None:
            s.extras.append(f"{name}: {got}")
            continue
        left.remove(match)
        s.quote_matched += 1
        diff = {c: (got[c], match[c]) for c in FIELDS.values() if got[c] != match[c]}
        if diff:
            s.wrong.append(f"{name}: {got['quote']!r} got/expected {diff}")
        else:
            s.correct += 1
    s.misses += [f"{name}: {e}" for e in left]
    return s


def fixtures() -> list[tuple[str, dict[str, Any]]]:
    return [(p.stem, yaml.safe_load(p.read_text(encoding="utf-8")))
            for p in sorted(FIXTURES.glob("*.yaml"))]


def predict_text(fixture: dict[str, Any]) -> list[dict[str, Any]]:
    from factdb.extract import counts
    from tests.scoring.context import make_context

    ctx = make_context(fixture["text"], published=fixture.get("published"),
                       title=fixture.get("title"), with_doc=True)
    return counts.extract(ctx)["counts"]


def predict_sources(sources: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Count rows of seed files, loaded by the real loader (counts extractor only)."""
    from factdb import db
    from factdb.extract import counts
    from factdb.load import load
    from factdb.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "counts.duckdb"
        load([str(ROOT / s) for s in sources], Settings(db_path=str(path)),
             extractors=[counts.extract], resolvers=[])
        con = db.connect(path, read_only=True)
        try:
            cur = con.execute("SELECT a.source_uri, c.* FROM counts c JOIN articles a "
                              "USING (article_id) ORDER BY a.source_uri, c.char_start")
            names = [d[0] for d in cur.description]
            rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        finally:
            con.close()
    out: dict[str, list[dict[str, Any]]] = {s: [] for s in sources}
    for row in rows:
        for s in sources:
            if Path(row["source_uri"]).name == Path(s).name:
                out[s].append(row)
    return out


def evaluate() -> Score:
    total = Score()
    items = fixtures()
    sources = [f["source"] for _, f in items if "source" in f]
    by_source = predict_sources(sources) if sources else {}
    for name, fixture in items:
        predicted = by_source[fixture["source"]] if "source" in fixture else \
            predict_text(fixture)
        total.add(score(name, predicted, expected_rows(fixture)))
    return total


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(evaluate().report())
