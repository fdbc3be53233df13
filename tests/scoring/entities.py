"""Scoring entity resolution against fixtures (tests/fixtures/entities/*.yaml).

A fixture gives article texts (or seed files) and the expected entities: canonical name,
type, the surface forms (aliases) that must all be one entity, and the articles that name
it. Optional ``mentions`` pin single mentions ("Bailey" in "Bailey, who is not related")
to an entity.

Scores (B-cubed over the (entity, alias) items of all fixtures scored together):
- precision: of the items a predicted entity holds, the share that belong to the same
  expected entity (false merges lower it);
- recall: of an expected entity's aliases, the share found in its predicted entity
  (missed merges and missed names lower it);
- type accuracy: expected entities whose predicted entity has the expected type;
- coverage: expected entities whose predicted entity has mentions in exactly the listed
  articles;
- pinned: pinned mentions that belong to the expected entity.

The bench script imports ``load_fixture``, ``write_articles``, ``predicted_for`` and
``score_entities`` from here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "entities"


@dataclass
class GoldEntity:
    name: str
    type: str
    aliases: list[str]
    articles: list[str]


@dataclass
class PinnedMention:
    article: str
    context: str
    quote: str
    entity: str


@dataclass
class Fixture:
    name: str
    subject: str
    texts: dict[str, str]
    files: dict[str, Path]
    entities: list[GoldEntity]
    mentions: list[PinnedMention] = field(default_factory=list)


def load_fixture(path: Path) -> Fixture:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entities = [GoldEntity(e["name"], e["type"], list(e["aliases"]), list(e["articles"]))
                for e in data["entities"]]
    mentions = [PinnedMention(**m) for m in data.get("mentions", [])]
    return Fixture(name=path.stem, subject=data.get("subject", ""),
                   texts=dict(data.get("articles") or {}),
                   files={k: ROOT / v for k, v in (data.get("files") or {}).items()},
                   entities=entities, mentions=mentions)


def all_fixtures() -> list[Fixture]:
    return [load_fixture(p) for p in sorted(FIXTURE_DIR.glob("*.yaml"))]


def write_articles(fixture: Fixture, directory: Path) -> dict[str, Path]:
    """The article files of a fixture: texts written under directory, seed files as they are."""
    paths = dict(fixture.files)
    if fixture.texts:
        directory.mkdir(parents=True, exist_ok=True)
    for name, text in fixture.texts.items():
        p = directory / f"{fixture.name}-{name}.txt"
        p.write_text(text, encoding="utf-8")
        paths[name] = p
    return paths


@dataclass
class Predicted:
    """What the database holds for one fixture's articles."""

    #: article name -> list of (surface, entity_id, char_start, char_end)
    mentions: dict[str, list[tuple[str, str, int, int]]]
    types: dict[str, str]
    names: dict[str, str]
    texts: dict[str, str]


def predicted_for(con: duckdb.DuckDBPyConnection, paths: dict[str, Path]) -> Predicted:
    # articles.source_uri is the file's name relative to the path it was loaded through
    by_uri = {Path(p).name: name for name, p in paths.items()}
    mentions: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    texts: dict[str, str] = {}
    rows = con.execute("""
        SELECT a.source_uri, a.text, m.surface, m.entity_id, m.char_start, m.char_end
        FROM entity_mentions m JOIN articles a USING (article_id)
        ORDER BY a.source_uri, m.char_start""").fetchall()
    for uri, text, surface, entity_id, start, end in rows:
        name = by_uri.get(Path(uri).name)
        if name is not None:
            mentions[name].append((surface, entity_id, start, end))
            texts[name] = text
    types = dict(con.execute("SELECT entity_id, entity_type FROM entities").fetchall())
    names = dict(con.execute("SELECT entity_id, name FROM entities").fetchall())
    return Predicted(dict(mentions), types, names, texts)


@dataclass
class Score:
    precision: float
    recall: float
    type_accuracy: float
    coverage: float
    pinned: float
    problems: list[str]

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> str:
        return (f"precision {self.precision:.3f} recall {self.recall:.3f} f1 {self.f1:.3f} "
                f"type {self.type_accuracy:.3f} coverage {self.coverage:.3f} "
                f"pinned {self.pinned:.3f}")


def score_entities(cases: list[tuple[Fixture, Predicted]]) -> Score:
    """Score several fixtures together (see the module docstring)."""
    items: list[tuple[str, str | None]] = []  # (gold id, predicted id or None)
    problems: list[str] = []
    typed = covered = n_entities = 0
    pinned_ok = n_pinned = 0
    for fixture, pred in cases:
        for gold in fixture.entities:
            # one id per real entity: a place or person named in several fixtures is one thing
            gid = f"{gold.type}:{gold.name}"
            found: list[str | None] = []
            for alias in gold.aliases:
                eid = _entity_of(pred, gold.articles, alias)
                found.append(eid)
                items.append((gid, eid))
                if eid is None:
                    problems.append(f"{gid}: alias {alias!r} not found")
            ids = [e for e in found if e is not None]
            n_entities += 1
            if not ids:
                continue
            main = Counter(ids).most_common(1)[0][0]
            if len(set(ids)) > 1:
                problems.append(f"{gid}: aliases split over "
                                f"{sorted({pred.names[e] for e in ids})}")
            if pred.types.get(main) == gold.type:
                typed += 1
            else:
                problems.append(f"{gid}: type {pred.types.get(main)} != {gold.type}")
            stray = sorted({m[0] for a in fixture.texts or fixture.files
                            for m in pred.mentions.get(a, []) if m[1] == main} - set(gold.aliases))
            if stray:
                problems.append(f"{gid}: also holds {stray}")
            where = {a for a, ms in pred.mentions.items() if any(m[1] == main for m in ms)}
            if where == set(gold.articles):
                covered += 1
            else:
                problems.append(f"{gid}: mentions in {sorted(where)}, expected "
                                f"{sorted(gold.articles)}")
        golds = {g.name: g for g in fixture.entities}
        for pin in fixture.mentions:
            n_pinned += 1
            text = pred.texts.get(pin.article, "")
            at = text.find(pin.context)
            start = at + pin.context.find(pin.quote) if at >= 0 else -1
            eid = next((m[1] for m in pred.mentions.get(pin.article, []) if m[2] == start), None)
            want = _entity_of(pred, golds[pin.entity].articles, golds[pin.entity].aliases[0])
            if eid is not None and eid == want:
                pinned_ok += 1
            else:
                problems.append(f"{fixture.name}: {pin.quote!r} in {pin.context!r} is "
                                f"{pred.names.get(eid or '', eid)}, expected {pin.entity}")
    precision, recall = _bcubed(items)
    return Score(precision, recall, typed / max(n_entities, 1), covered / max(n_entities, 1),
                 pinned_ok / n_pinned if n_pinned else 1.0, problems)


def _entity_of(pred: Predicted, articles: list[str], alias: str) -> str | None:
    """The entity holding most mentions written as alias in the given articles."""
    votes: Counter[str] = Counter()
    for a in articles:
        for surface, eid, _, _ in pred.mentions.get(a, []):
            if surface == alias:
                votes[eid] += 1
    return min(votes, key=lambda e: (-votes[e], e)) if votes else None


def _bcubed(items: list[tuple[str, str | None]]) -> tuple[float, float]:
    if not items:
        return 0.0, 0.0
    labelled: list[tuple[str, Any]] = [
        (g, p if p is not None else ("missing", i)) for i, (g, p) in enumerate(items)]
    by_pred: Counter[Any] = Counter(p for _, p in labelled)
    by_gold: Counter[str] = Counter(g for g, _ in labelled)
    both: Counter[tuple[str, Any]] = Counter(labelled)
    precision = sum(both[(g, p)] / by_pred[p] for g, p in labelled) / len(labelled)
    recall = sum(both[(g, p)] / by_gold[g] for g, p in labelled) / len(labelled)
    return precision, recall
