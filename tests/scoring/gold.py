"""Score a factdb database against the gold facts of real articles (tests/gold/, docs/gold.md).

    .venv/bin/python -m tests.scoring.gold seeds [-v]       # the five seed articles
    .venv/bin/python -m tests.scoring.gold realnews [-v]    # ../shared/realnews

`load_gold` reads one corpus's gold, `predict` loads its texts into a fresh database with the
full default pipeline, and `score` compares the two per fact kind. A predicted row matches a
gold item of the same article when their character spans overlap; the largest overlap wins
and each gold item is matched at most once. Every figure is a `Ratio` (numerator and
denominator are kept, so a report shows what a figure rests on).
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import yaml

from tests.scoring.context import ROOT, SHARED

GOLD = ROOT / "tests" / "gold"
#: where each gold corpus's texts are
TEXTS = {"seeds": ROOT / "seeds", "realnews": SHARED / "realnews"}
STORY_ROLES = ("headline", "body")


# --- figures ----------------------------------------------------------------------------

@dataclass
class Ratio:
    hit: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None

    def add(self, hit: bool | int, total: int = 1) -> None:
        self.hit += int(hit)
        self.total += total

    def __str__(self) -> str:
        v = self.value
        return f"{'-' if v is None else f'{v:.3f}'} ({self.hit}/{self.total})"


@dataclass
class PR:
    """Precision and recall of one fact kind."""

    precision: Ratio = field(default_factory=Ratio)
    recall: Ratio = field(default_factory=Ratio)

    @property
    def f1(self) -> float | None:
        p, r = self.precision.value, self.recall.value
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def figures(self) -> dict[str, float | None]:
        return {"precision": self.precision.value, "recall": self.recall.value, "f1": self.f1}

    def __str__(self) -> str:
        f1 = self.f1
        return (f"P {self.precision}  R {self.recall}  "
                f"F1 {'-' if f1 is None else f'{f1:.3f}'}")


@dataclass
class Report:
    corpus: str
    kinds: dict[str, PR] = field(default_factory=dict)
    extra: dict[str, Ratio] = field(default_factory=dict)
    tallies: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    fixed_query: list[str] = field(default_factory=list)

    def pr(self, kind: str) -> PR:
        return self.kinds.setdefault(kind, PR())

    def ratio(self, name: str) -> Ratio:
        return self.extra.setdefault(name, Ratio())

    def figures(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {}
        for kind, pr in self.kinds.items():
            for name, v in pr.figures().items():
                out[f"{kind}.{name}"] = v
        for name, r in self.extra.items():
            out[name] = r.value
        return out

    def lines(self, verbose: bool = False) -> list[str]:
        width = max([len(k) for k in [*self.kinds, *self.extra]] or [0])
        out = [f"{self.corpus}:"]
        out += [f"  {k:<{width}}  {pr}" for k, pr in self.kinds.items()]
        out += [f"  {k:<{width}}  {r}" for k, r in self.extra.items()]
        out += [f"  {k:<{width}}  {n}" for k, n in self.tallies.items()]
        if self.fixed_query:
            out.append("  fixed query counts_around_event(event=visit, unit=attack):")
            out += [f"    {line}" for line in self.fixed_query]
        if verbose:
            out += [f"    {p}" for p in self.problems]
        return out


# --- gold -------------------------------------------------------------------------------

@dataclass
class Article:
    name: str                      # the text file's name
    gold: dict[str, Any]
    text: str                      # the text the offsets refer to
    article_id: str | None = None  # None when factdb did not load it

    def span(self, quote: str | None, occurrence: int = 0, after: int = 0) -> tuple[int, int]:
        """Offsets of a gold quote (its `occurrence`-th appearance)."""
        if not quote:
            raise ValueError(f"{self.name}: empty quote")
        start = after - 1
        for _ in range(occurrence + 1):
            start = self.text.find(quote, start + 1)
            if start < 0:
                raise ValueError(f"{self.name}: quote not in the text: {quote!r}")
        return start, start + len(quote)


@dataclass
class Gold:
    corpus: str
    articles: list[Article]
    stories: list[dict[str, Any]]


def _strip_front_matter(raw: str) -> str:
    if raw.startswith("---\n"):
        end = raw.find("\n---", 4)
        if end >= 0:
            rest = raw[end + 4:]
            return rest[1:] if rest.startswith("\n") else rest
    return raw


def load_gold(corpus: str) -> Gold:
    root = GOLD / corpus
    articles = []
    for path in sorted(root.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        source = TEXTS[corpus] / data["article"]
        articles.append(Article(data["article"], data,
                                _strip_front_matter(source.read_text(encoding="utf-8"))))
    stories = [yaml.safe_load(p.read_text(encoding="utf-8"))
               for p in sorted((root / "stories").glob("*.yaml"))]
    return Gold(corpus, articles, stories)


def check(gold: Gold) -> list[str]:
    """What is wrong with the gold itself: quotes not in their text, undefined event ids,
    one entity id typed two ways, stories naming absent articles."""
    problems = []
    names = {a.name for a in gold.articles}
    events = {e["id"]: s["story"] for s in gold.stories for e in s.get("events") or []}
    types: dict[str, set[str]] = defaultdict(set)
    for a in gold.articles:
        for key in ("dates", "counts", "claims", "events"):
            for item in a.gold.get(key) or []:
                quote = item.get("quote") if key != "claims" else (
                    item.get("content") or item.get("cue"))
                try:
                    a.span(quote, item.get("occurrence", 0))
                except ValueError as e:
                    problems.append(f"{key}: {e}")
        for item in a.gold.get("furniture") or []:
            line = item["line"] if isinstance(item, dict) else item
            if line.strip() not in a.text:
                problems.append(f"{a.name}: furniture line not in the text: {line[:60]!r}")
        for item in a.gold.get("events") or []:
            if item.get("id") not in events:
                problems.append(f"{a.name}: event id {item.get('id')!r} is in no story file")
        for item in a.gold.get("entities") or []:
            types[item["id"]].add(item.get("type", ""))
            for form in item.get("forms") or []:
                if form not in a.text:
                    problems.append(f"{a.name}: entity form not in the text: {form!r}")
    problems += [f"entity {i} has types {sorted(t)}" for i, t in types.items() if len(t) > 1]
    for story in gold.stories:
        problems += [f"story {story['story']}: no gold for {n}"
                     for n in story.get("articles") or [] if n not in names]
        for d in story.get("disagreements") or []:
            for side in d.get("sides") or []:
                art = next((a for a in gold.articles if a.name == side.get("article")), None)
                if art is None or str(side.get("quote")) not in art.text:
                    problems.append(f"story {story['story']}: disagreement side not found: "
                                    f"{side}")
    return problems


def available(corpus: str) -> str | None:
    """Why the corpus cannot be scored here, or None when it can."""
    if not TEXTS[corpus].is_dir():
        return f"{TEXTS[corpus]} is absent (it comes with the project's shared folder)"
    if not any((GOLD / corpus).glob("*.yaml")):
        return f"no gold in {GOLD / corpus}"
    return None


# --- prediction -------------------------------------------------------------------------

def predict(gold: Gold, db_path: Path) -> duckdb.DuckDBPyConnection:
    """Load the corpus's texts with the default pipeline; bind gold articles to their rows."""
    from factdb import db
    from factdb.load import load
    from factdb.settings import Settings

    load([str(TEXTS[gold.corpus] / a.name) for a in gold.articles],
         Settings(db_path=str(db_path)))
    con = db.connect(db_path, read_only=True)
    bind(gold, con)
    return con


def bind(gold: Gold, con: duckdb.DuckDBPyConnection) -> None:
    by_name = {Path(uri).name: (aid, text) for aid, uri, text in con.execute(
        "select article_id, source_uri, text from articles").fetchall()}
    for a in gold.articles:
        if a.name in by_name:
            a.article_id, a.text = by_name[a.name]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, article_id: str) -> list[dict[str, Any]]:
    cur = con.execute(sql, [article_id])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


# --- matching ---------------------------------------------------------------------------

def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]
          ) -> dict[int, int]:
    """Gold index -> predicted index, one to one, by largest overlap first."""
    pairs = sorted(((_overlap(g, p), gi, pi) for gi, g in enumerate(gold)
                    for pi, p in enumerate(predicted) if _overlap(g, p) > 0), reverse=True)
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


def _norm(s: str | None) -> str:
    s = (s or "").strip().lower().replace("\u2019", "'")
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"'s$", "", s)
    return re.sub(r"\s+", " ", s)


def _unit(s: str | None) -> str:
    return _norm(s).replace(" ", "_")


def _day(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def _items(a: Article, key: str, report: Report) -> list[tuple[dict[str, Any], tuple[int, int]]]:
    """Gold items of one kind with their spans; items whose quote is not found are reported."""
    out = []
    for item in a.gold.get(key) or []:
        quote = item.get("quote") if key != "claims" else (item.get("content") or item.get("cue"))
        try:
            out.append((item, a.span(quote, item.get("occurrence", 0))))
        except ValueError as e:
            report.problems.append(f"gold {key}: {e}")
    return out


# --- scoring per kind -------------------------------------------------------------------

def score_furniture(a: Article, con: duckdb.DuckDBPyConnection, report: Report) -> None:
    lines = []
    for item in a.gold.get("furniture") or []:
        line = item["line"] if isinstance(item, dict) else item
        try:
            lines.append(a.span(line.strip(), item.get("occurrence", 0)
                                if isinstance(item, dict) else 0))
        except ValueError as e:
            report.problems.append(f"gold furniture: {e}")
    pr = report.pr("furniture")
    sentences = _rows(con, "select char_start, char_end, role from sentences "
                           "where article_id = ? order by seq", a.article_id) \
        if a.article_id else []
    for span in lines:
        covering = [s for s in sentences if _overlap(span, (s["char_start"], s["char_end"]))]
        ok = bool(covering) and all(s["role"] not in STORY_ROLES for s in covering)
        pr.recall.add(ok)
        if not ok:
            report.problems.append(f"{a.name}: furniture read as story: "
                                   f"{a.text[span[0]:span[1]][:70]!r}")
    for s in sentences:
        if s["role"] in STORY_ROLES:
            continue
        ok = any(_overlap(span, (s["char_start"], s["char_end"])) for span in lines)
        pr.precision.add(ok)
        if not ok:
            report.problems.append(f"{a.name}: story read as furniture ({s['role']}): "
                                   f"{a.text[s['char_start']:s['char_end']][:70]!r}")


def score_reference_date(a: Article, con: duckdb.DuckDBPyConnection, report: Report) -> None:
    expected = _day(a.gold.get("reference_date"))
    got = con.execute("select published_on from articles where article_id = ?",
                      [a.article_id]).fetchone()[0] if a.article_id else None
    r = report.ratio("reference_date.accuracy")
    r.add(got == expected)
    if got != expected:
        report.problems.append(f"{a.name}: reference date {got}, gold {expected}")


def score_entities(a: Article, con: duckdb.DuckDBPyConnection, report: Report,
                   forms: dict[tuple[str, str], tuple[str, str | None]]) -> None:
    """Distinct (article, form) pairs. `forms` collects (article, form) -> (gold id,
    predicted entity id) for the merge score."""
    gold: dict[str, tuple[str, str]] = {}
    for item in a.gold.get("entities") or []:
        for form in item.get("forms") or []:
            gold[_norm(form)] = (item["id"], item.get("type", ""))
    predicted: dict[str, tuple[str, str]] = {}
    if a.article_id:
        for quote, entity_id, etype in con.execute(
                "select m.quote, m.entity_id, e.entity_type from entity_mentions m "
                "join entities e using (entity_id) where m.article_id = ?",
                [a.article_id]).fetchall():
            predicted.setdefault(_norm(quote), (entity_id, etype))
    pr = report.pr("entities")
    types = report.ratio("entities.type_accuracy")
    for form, (gid, gtype) in gold.items():
        hit = form in predicted
        pr.recall.add(hit)
        if hit:
            types.add(predicted[form][1] == gtype)
            if predicted[form][1] != gtype:
                report.problems.append(f"{a.name}: entity type: {form!r} got "
                                       f"{predicted[form][1]}, gold {gtype}")
            forms[(a.name, form)] = (gid, predicted[form][0])
        else:
            report.problems.append(f"{a.name}: entity missed: {form!r} ({gtype})")
    for form, (_, etype) in predicted.items():
        hit = form in gold
        pr.precision.add(hit)
        if not hit:
            report.problems.append(f"{a.name}: entity not in gold: {form!r} ({etype})")


def score_pairs(items: dict[Any, tuple[str, str | None]], kind: str, report: Report,
                across_articles: bool) -> None:
    """Pairwise clustering: every pair of items (key -> (gold id, predicted id)), optionally
    only pairs from different articles (the key's first part). Recall over pairs of one gold
    id, precision over pairs of one predicted id; items never predicted are left out."""
    pr = report.pr(f"{kind}_merges")
    report.tallies.setdefault(f"{kind}_merges.false", 0)
    keys = sorted(k for k, (_, p) in items.items() if p is not None)
    for i, x in enumerate(keys):
        for y in keys[i + 1:]:
            if across_articles and x[0] == y[0]:
                continue
            (gx, px), (gy, py) = items[x], items[y]
            if gx == gy:
                pr.recall.add(px == py)
                if px != py:
                    report.problems.append(f"{kind}s not merged: {x} / {y} ({gx})")
            if px == py:
                pr.precision.add(gx == gy)
                report.tallies[f"{kind}_merges.false"] += gx != gy
                if gx != gy:
                    report.problems.append(f"{kind}s merged: {x} ({gx}) / {y} ({gy})")


def score_dates(a: Article, con: duckdb.DuckDBPyConnection, report: Report) -> None:
    gold = _items(a, "dates", report)
    # a window bounded by an event ("since the visit") is not a date (docs/gold.md): its
    # row is flagged event_window and scored with the windows, not here. Nor are two kinds
    # of row the gold does not annotate on their own: words that refer to the present or
    # the future without naming a date ("now", "the future": expression_type reference,
    # TimeML's PRESENT_REF), and the ends of a range, which the gold annotates as the one
    # range ("between 1994 and 1997": expression_type endpoint, as TimeML tags them)
    rows = _rows(con, "select char_start, char_end, quote, value_start, value_end "
                      "from dates where article_id = ? and not coalesce(event_window, false) "
                      "and coalesce(expression_type, '') not in ('reference', 'endpoint')",
                 a.article_id) if a.article_id else []
    m = match([s for _, s in gold], [(r["char_start"], r["char_end"]) for r in rows])

    def value(item: dict[str, Any]) -> tuple[date | None, date | None]:
        return _day(item.get("start")), _day(item.get("end") or item.get("start"))

    found, resolved = report.pr("dates"), report.pr("dates.resolved")
    matched_rows = set(m.values())
    for gi, (item, _) in enumerate(gold):
        found.recall.add(gi in m)
        expected = value(item)
        if expected[0] is not None:
            ok = gi in m and (rows[m[gi]]["value_start"], rows[m[gi]]["value_end"]) == expected
            resolved.recall.add(ok)
            if not ok:
                got = (rows[m[gi]]["value_start"], rows[m[gi]]["value_end"]) if gi in m else None
                report.problems.append(f"{a.name}: date {item['quote']!r} got {got}, "
                                       f"gold {expected}")
    for pi, r in enumerate(rows):
        found.precision.add(pi in matched_rows)
        if r["value_start"] is None:
            continue
        gi = next((g for g, p in m.items() if p == pi), None)
        ok = gi is not None and (r["value_start"], r["value_end"]) == value(gold[gi][0])
        resolved.precision.add(ok)
        if gi is None:
            report.problems.append(f"{a.name}: date not in gold: {r['quote']!r} "
                                   f"({r['value_start']}..{r['value_end']})")


def _qualifier(q: str | None, value: Any) -> str:
    """"no attacks" is value 0: its qualifier may be written `none` or `exact`."""
    q = q or "exact"
    return "exact" if q == "none" and not value else q


def _count_ok(item: dict[str, Any], row: dict[str, Any]) -> bool:
    if item.get("qualifier") == "range":
        return ((item.get("low"), item.get("high")) == (row["value_low"], row["value_high"])
                and _unit(item.get("unit")) == _unit(row["unit"]))
    return (float(item.get("value") or 0) == float(row["value"] or 0)
            and _qualifier(item.get("qualifier"), item.get("value"))
            == _qualifier(row["qualifier"], row["value"])
            and _unit(item.get("unit")) == _unit(row["unit"]))


def _window_ok(window: dict[str, Any], row: dict[str, Any]) -> bool:
    return (window.get("relation") == row["window_relation"]
            and _day(window.get("start")) == row["window_start"]
            and _day(window.get("end")) == row["window_end"])


#: quantity kinds that are never counts of things (docs/gold.md "Counts")
NOT_COUNTS = ("age", "fraction", "score")


def score_counts(a: Article, con: duckdb.DuckDBPyConnection, report: Report) -> None:
    """`quantities` over every gold kind; `counts` over gold items of kind count (a prediction
    matched to another kind is left out of it, and so is an unmatched prediction of an age or a
    fraction, which are never counts); `windows` over gold items with a window."""
    gold = _items(a, "counts", report)
    rows = _rows(con, "select char_start, char_end, quote, value, value_low, value_high, "
                      "qualifier, unit, window_relation, window_start, window_end, quantity_kind "
                      "from counts where article_id = ?", a.article_id) if a.article_id else []
    m = match([s for _, s in gold], [(r["char_start"], r["char_end"]) for r in rows])
    quantities, counts, windows = report.pr("quantities"), report.pr("counts"), \
        report.pr("windows")

    def is_count(item: dict[str, Any]) -> bool:
        return item.get("kind", "count") == "count"

    for gi, (item, _) in enumerate(gold):
        row = rows[m[gi]] if gi in m else None
        ok = row is not None and _count_ok(item, row)
        quantities.recall.add(ok)
        if is_count(item):
            counts.recall.add(ok)
        if not ok:
            got = (row["value"], row["qualifier"], row["unit"]) if row else None
            report.problems.append(
                f"{a.name}: {item.get('kind', 'count')} {item['quote']!r} got {got}, gold "
                f"{(item.get('value'), item.get('qualifier'), item.get('unit'))}")
        if item.get("window"):
            wok = row is not None and _window_ok(item["window"], row)
            windows.recall.add(wok)
            if not wok:
                got_w = (row["window_relation"], row["window_start"], row["window_end"]) \
                    if row else None
                report.problems.append(f"{a.name}: window of {item['quote']!r} got {got_w}, "
                                       f"gold {item['window']}")
    by_row = {p: g for g, p in m.items()}
    for pi, r in enumerate(rows):
        gi = by_row.get(pi)
        ok = gi is not None and _count_ok(gold[gi][0], r)
        quantities.precision.add(ok)
        # an unmatched prediction counts against `counts` unless factdb itself says it is
        # no count of things: an age or a fraction (docs/gold.md) is only a quantity
        if is_count(gold[gi][0]) if gi is not None else r["quantity_kind"] not in NOT_COUNTS:
            counts.precision.add(ok)
        if gi is None:
            report.problems.append(f"{a.name}: count not in gold: {r['quote']!r} "
                                   f"({r['value']} {r['qualifier']} {r['unit']})")
        if r["window_relation"] is not None:
            window = gold[gi][0].get("window") if gi is not None else None
            windows.precision.add(bool(window) and _window_ok(window, r))


def score_claims(a: Article, con: duckdb.DuckDBPyConnection, report: Report,
                 named: set[str]) -> None:
    gold = _items(a, "claims", report)
    rows = _rows(con, "select content_start, content_end, cue_start, cue_end, speaker, "
                      "speaker_entity_id, cue, content from claims where article_id = ?",
                 a.article_id) if a.article_id else []

    def span(r: dict[str, Any]) -> tuple[int, int]:
        if r["content_start"] is not None:
            return r["content_start"], r["content_end"]
        return r["cue_start"] or 0, r["cue_end"] or 0

    m = match([s for _, s in gold], [span(r) for r in rows])
    pr = report.pr("claims")
    speakers = report.ratio("claims.speaker_accuracy")
    linked = report.ratio("claims.speaker_linked")
    for gi, (item, _) in enumerate(gold):
        pr.recall.add(gi in m)
        if gi not in m:
            report.problems.append(f"{a.name}: claim missed: {item.get('speaker')!r} "
                                   f"{item.get('cue')!r}: {str(item.get('content'))[:60]!r}")
            continue
        row = rows[m[gi]]
        speakers.add(_norm(item.get("speaker")) == _norm(row["speaker"]))
        if _norm(item.get("speaker")) in named:
            linked.add(row["speaker_entity_id"] is not None)
    matched = set(m.values())
    for pi, r in enumerate(rows):
        pr.precision.add(pi in matched)
        if pi not in matched:
            report.problems.append(f"{a.name}: claim not in gold: {r['speaker']!r} "
                                   f"{r['cue']!r}: {str(r['content'])[:60]!r}")


def score_events(a: Article, con: duckdb.DuckDBPyConnection, report: Report,
                 mentions: dict[tuple[str, int], tuple[str, str | None]]) -> None:
    gold = _items(a, "events", report)
    rows = _rows(con, "select char_start, char_end, quote, event_id, event_type "
                      "from event_mentions where article_id = ?", a.article_id) \
        if a.article_id else []
    m = match([s for _, s in gold], [(r["char_start"], r["char_end"]) for r in rows])
    pr = report.pr("event_mentions")
    for gi, (item, span) in enumerate(gold):
        pr.recall.add(gi in m)
        mentions[(a.name, span[0])] = (item["id"], rows[m[gi]]["event_id"] if gi in m else None)
        if gi not in m:
            report.problems.append(f"{a.name}: event mention missed: {item['quote']!r} "
                                   f"({item['id']})")
    matched = set(m.values())
    for pi, r in enumerate(rows):
        pr.precision.add(pi in matched)
        if pi not in matched:
            report.problems.append(f"{a.name}: event mention not in gold: {r['quote']!r} "
                                   f"({r['event_type']})")


def score_event_clusters(gold: Gold, mentions: dict[tuple[str, int], tuple[str, str | None]],
                         report: Report) -> None:
    ids = {e["id"] for s in gold.stories for e in s.get("events") or []}
    found = report.ratio("events.found")
    for event_id in sorted(ids):
        found.add(any(g == event_id and p is not None for g, p in mentions.values()))
    score_pairs(mentions, "event", report, across_articles=False)


def score_disagreements(gold: Gold, con: duckdb.DuckDBPyConnection, report: Report) -> None:
    """A gold disagreement is found when one predicted disagreement has sides overlapping the
    gold sides in at least two of its articles, or, for gold sides inside one article ("X
    said 5, Y said 7"), overlapping two of those sides with two different predicted sides
    (positions)."""
    by_name = {a.name: a for a in gold.articles}
    predicted: dict[str, list[tuple[str, tuple[int, int], int]]] = defaultdict(list)
    for did, aid, s, e, n in con.execute(
            "select disagreement_id, article_id, char_start, char_end, side "
            "from disagreement_sides").fetchall():
        predicted[did].append((aid, (s, e), n))
    pr = report.pr("disagreements")
    used: set[str] = set()
    for story in gold.stories:
        for d in story.get("disagreements") or []:
            sides = []
            for side in d.get("sides") or []:
                art = by_name.get(side.get("article"))
                if art is None or art.article_id is None:
                    continue
                try:
                    sides.append((art.article_id, art.span(str(side["quote"]),
                                                           side.get("occurrence", 0))))
                except ValueError as e:
                    report.problems.append(f"gold disagreement: {e}")
            hit = None
            for did, psides in predicted.items():
                found = {(gi, aid, n) for gi, (aid, sp) in enumerate(sides)
                         for paid, psp, n in psides if aid == paid and _overlap(sp, psp)}
                if len({aid for _, aid, _ in found}) >= 2 or _two_sides(found):
                    hit = did
                    break
            pr.recall.add(hit is not None)
            if hit:
                used.add(hit)
            else:
                report.problems.append(f"disagreement missed: {d.get('kind')} {d.get('about')!r}")
    for did in predicted:
        pr.precision.add(did in used)


def _two_sides(found: set[tuple[int, str, int]]) -> bool:
    """Whether two gold sides of one article are overlapped by two different predicted
    sides."""
    return any(g1 != g2 and a1 == a2 and n1 != n2
               for g1, a1, n1 in found for g2, a2, n2 in found)


def score(gold: Gold, con: duckdb.DuckDBPyConnection) -> Report:
    report = Report(gold.corpus)
    forms: dict[tuple[str, str], tuple[str, str | None]] = {}
    mentions: dict[tuple[str, int], tuple[str, str | None]] = {}
    for a in gold.articles:
        if a.article_id is None:
            report.problems.append(f"{a.name}: not loaded by factdb")
        report.ratio("articles.loaded").add(a.article_id is not None)
        named = {_norm(f) for e in a.gold.get("entities") or [] for f in e.get("forms") or []}
        score_furniture(a, con, report)
        score_reference_date(a, con, report)
        score_entities(a, con, report, forms)
        score_dates(a, con, report)
        score_counts(a, con, report)
        score_claims(a, con, report, named)
        score_events(a, con, report, mentions)
    score_pairs(forms, "entity", report, across_articles=True)
    score_event_clusters(gold, mentions, report)
    score_disagreements(gold, con, report)
    return report


# --- the fixed query on the seed articles ---------------------------------------------------

def expected_fixed_query(gold: Gold) -> list[dict[str, Any]]:
    """The answer a reader gives to counts_around_event(event=visit, unit=attack), from the
    gold file written for it (tests/gold/seeds/queries/counts_around_event.yaml)."""
    path = GOLD / gold.corpus / "queries" / "counts_around_event.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["rows"])


def score_fixed_query(gold: Gold, con: duckdb.DuckDBPyConnection, report: Report) -> None:
    from factdb.queries import get

    expected = expected_fixed_query(gold)
    ids = {a.name: a.article_id for a in gold.articles}
    columns, rows = get("counts_around_event").run(con, {"event": "visit", "unit": "attack"})
    got = [dict(zip(columns, r, strict=True)) for r in rows]
    rows_ok, cites = report.ratio("fixed_query.rows"), report.ratio("fixed_query.citations")
    unmatched = list(range(len(got)))
    for exp in expected:
        want_articles = {ids.get(n) for n in exp["articles"]}
        hit = None
        for i in unmatched:
            g = got[i]
            if (g["period"] == exp["period"] and float(g["value"]) == float(exp["value"])
                    and _qualifier(g["qualifier"], g["value"])
                    == _qualifier(exp["qualifier"], exp["value"])
                    and _day(g["window_start"]) == _day(exp.get("window_start"))
                    and (exp.get("window_end") is None
                         or _day(g["window_end"]) == _day(exp["window_end"]))):
                hit = i
                break
        label = (f"{exp['period']:<6} {exp['qualifier']} {exp['value']:g} "
                 f"{exp.get('window_start')}..{exp.get('window_end') or ''}")
        if hit is None:
            report.fixed_query.append(f"MISSING {label} ({len(want_articles)} articles)")
            rows_ok.add(False)
            cites.add(0, len(want_articles))
            continue
        unmatched.remove(hit)
        cited = {c["article_id"] for c in got[hit]["citations"]}
        rows_ok.add(True)
        cites.add(len(cited & want_articles), len(want_articles))
        report.fixed_query.append(f"ok      {label} cited by {len(cited & want_articles)}"
                                  f"/{len(want_articles)} articles")
    for i in unmatched:
        g = got[i]
        rows_ok.add(False, 1)
        report.fixed_query.append(
            f"WRONG   {g['period']:<6} {g['qualifier']} {g['value']:g} "
            f"{g['window_start']}..{g['window_end']} ({g['article_count']} articles)")


# --- running ------------------------------------------------------------------------------

def evaluate(corpus: str, workdir: Path | None = None) -> Report:
    gold = load_gold(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        con = predict(gold, Path(workdir or tmp) / f"{corpus}.duckdb")
        try:
            report = score(gold, con)
            if (GOLD / corpus / "queries" / "counts_around_event.yaml").is_file():
                score_fixed_query(gold, con, report)
        finally:
            con.close()
    return report


def main(argv: Iterable[str]) -> int:
    args = list(argv)
    verbose = "-v" in args
    for corpus in [a for a in args if not a.startswith("-")] or ["seeds", "realnews"]:
        why = available(corpus)
        if why:
            print(f"{corpus}: skipped: {why}")
            continue
        print(*evaluate(corpus).lines(verbose), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
