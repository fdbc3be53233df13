"""Scoring events and cross-document event coreference against tests/fixtures/events/.

A fixture is a story told by 2-4 short articles (``articles``: name -> published, outlet,
text) with what a careful reader takes from them:

- ``events``: the events the story tells of, in the project's event types (the lexicon's
  types), each with ``id``, ``type``, ``date`` (``YYYY-MM-DD``, a coarser ``YYYY-MM`` or
  ``YYYY``, or null when the articles do not say) and ``articles``, the ones that mention it;
- ``windows`` (optional): counts whose window is relative to an event ("in the week before
  the vote"): the article, a ``text`` inside the count's quote, the ``event`` id and the
  inclusive ``start``/``end`` days;
- ``disagreements`` (optional): the ``kind`` (date | value | window), the ``positions`` as
  the database writes them and, for a date disagreement, the ``event`` id.

The stories are written as files with front matter and loaded with the full pipeline
(``factdb.load.load`` with the default extractors and resolvers), all into one database so
that events of different stories can be wrongly merged too. Then, per story:

- a predicted event is matched to the expected event of its type that shares most of its
  articles (one with the same date first);
- **recall**: an expected event is found when one predicted event of its type and date
  covers all its articles;
- **precision**: a predicted event is correct when its match has its date, holds all its
  articles and it is no false merge;
- **date accuracy**: of the expected events some predicted event of their type touches, the
  share whose best-overlapping predicted event has the expected date;
- **false merge**: a predicted event that holds articles of another story, or that holds two
  expected events (a mention dated on another expected event's day, or an article that only
  the other expected event of the type is in);
- **split**: each predicted event beyond the first whose match is the same expected event.

Run it to print the figures: ``.venv/bin/python -m tests.scoring.events [-v]``.
"""

from __future__ import annotations

import calendar
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "events"

Period = tuple[date | None, date | None]


@dataclass(frozen=True)
class Article:
    name: str
    published: date
    outlet: str
    text: str


@dataclass(frozen=True)
class ExpectedEvent:
    id: str
    type: str
    period: Period
    articles: frozenset[str]
    what: str = ""


@dataclass(frozen=True)
class ExpectedWindow:
    article: str
    text: str
    event: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class ExpectedDisagreement:
    kind: str
    positions: frozenset[str]
    event: str | None = None


@dataclass
class Story:
    name: str
    subject: str
    articles: dict[str, Article]
    events: list[ExpectedEvent]
    windows: list[ExpectedWindow] = field(default_factory=list)
    disagreements: list[ExpectedDisagreement] = field(default_factory=list)


def parse_period(value: Any) -> Period:
    """A fixture date: a day, "YYYY-MM", "YYYY" or null, as (first day, last day)."""
    if value is None:
        return None, None
    if isinstance(value, date):
        return value, value
    text = str(value)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        d = date(*parts)
        return d, d
    if len(parts) == 2:
        year, month = parts
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    raise ValueError(f"not a date or period: {value!r}")


def show_period(period: Period) -> str:
    start, end = period
    if start is None:
        return "undated"
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()}..{end.isoformat() if end else ''}"


def load_story(path: Path) -> Story:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    articles = {name: Article(name, a["published"], a["outlet"], a["text"])
                for name, a in data["articles"].items()}
    events = [ExpectedEvent(e["id"], e["type"], parse_period(e.get("date")),
                            frozenset(e["articles"]), e.get("what", ""))
              for e in data["events"]]
    ids = {e.id for e in events}
    if len(ids) != len(events):
        raise ValueError(f"{path.name}: duplicate event ids")
    for e in events:
        if not e.articles <= set(articles):
            raise ValueError(f"{path.name}: event {e.id} names unknown articles")
    windows = [ExpectedWindow(w["article"], w["text"], w["event"], w.get("start"), w.get("end"))
               for w in data.get("windows") or []]
    for w in windows:
        if w.event not in ids or articles[w.article].text.count(w.text) != 1:
            raise ValueError(f"{path.name}: window {w.text!r} needs a known event and a text "
                             f"found once in {w.article}")
    disagreements = [ExpectedDisagreement(d["kind"], frozenset(str(p) for p in d["positions"]),
                                          d.get("event"))
                     for d in data.get("disagreements") or []]
    return Story(path.stem, data.get("subject", ""), articles, events, windows, disagreements)


def all_stories() -> list[Story]:
    return [load_story(p) for p in sorted(FIXTURES.glob("*.yaml"))]


def write_story(story: Story, directory: Path) -> dict[str, Path]:
    """The story's articles as text files with front matter: article name -> path."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, article in story.articles.items():
        path = directory / f"{story.name}-{name}.txt"
        front = yaml.safe_dump({"published": article.published, "outlet": article.outlet},
                               sort_keys=False)
        path.write_text(f"---\n{front}---\n{article.text}", encoding="utf-8")
        paths[name] = path
    return paths


@dataclass
class Loaded:
    """A database holding the stories, and each story's article ids by article name."""

    db_path: Path
    article_ids: dict[str, dict[str, str]]


def load_stories(stories: list[Story], directory: Path) -> Loaded:
    """Load the stories into one database under directory with the full default pipeline."""
    from factdb import db
    from factdb.load import load
    from factdb.settings import Settings

    paths = {s.name: write_story(s, directory / "texts") for s in stories}
    db_path = directory / "events.duckdb"
    load([str(p) for ps in paths.values() for p in ps.values()], Settings(db_path=str(db_path)))
    con = db.connect(db_path, read_only=True)
    try:
        # source_uri may be stored relative to the path given (readers.source_uri): the
        # file names, unique per story and article, identify the articles
        by_name = {Path(uri).name: aid for uri, aid in
                   con.execute("SELECT source_uri, article_id FROM articles").fetchall()}
    finally:
        con.close()
    return Loaded(db_path, {s.name: {name: by_name[p.name] for name, p in paths[s.name].items()}
                            for s in stories})


@dataclass
class PredictedEvent:
    event_id: str
    type: str
    period: Period
    label: str
    articles: frozenset[str]        # names of this story's articles
    foreign: int                    # articles of other stories it also holds
    mention_days: frozenset[date]   # days of its day-dated mentions in this story


def predicted_events(con: duckdb.DuckDBPyConnection,
                     article_ids: dict[str, str]) -> list[PredictedEvent]:
    """The events with a mention in the given articles (name -> article_id)."""
    names = {aid: name for name, aid in article_ids.items()}
    rows = con.execute("""
        SELECT e.event_id, e.event_type, e.date_start, e.date_end, e.label, m.article_id,
               CASE WHEN d.value_start = d.value_end THEN d.value_start END
        FROM events e JOIN event_mentions m USING (event_id)
        LEFT JOIN dates d ON d.date_id = m.date_id""").fetchall()
    by_event: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        by_event[row[0]].append(row)
    out = []
    for event_id, members in sorted(by_event.items()):
        mine = [r for r in members if r[5] in names]
        if not mine:
            continue
        _, etype, start, end, label = members[0][:5]
        out.append(PredictedEvent(
            event_id, etype, (start, end), label, frozenset(names[r[5]] for r in mine),
            len({r[5] for r in members if r[5] not in names}),
            frozenset(r[6] for r in mine if r[6] is not None)))
    return out


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    located: int = 0
    dated_right: int = 0
    false_merges: int = 0
    splits: int = 0
    windows: int = 0
    windows_right: int = 0
    disagreements: int = 0
    disagreements_found: int = 0
    disagreements_extra: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.dated_right / self.located if self.located else 1.0

    def add(self, other: Score) -> None:
        for name in ("expected", "found", "predicted", "correct", "located", "dated_right",
                     "false_merges", "splits", "windows", "windows_right", "disagreements",
                     "disagreements_found", "disagreements_extra"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems += other.problems

    def report(self) -> str:
        return (f"precision {self.precision:.3f} ({self.correct}/{self.predicted}), "
                f"recall {self.recall:.3f} ({self.found}/{self.expected}), "
                f"date accuracy {self.date_accuracy:.3f} ({self.dated_right}/{self.located}), "
                f"false merges {self.false_merges}, splits {self.splits}, "
                f"windows {self.windows_right}/{self.windows}, "
                f"disagreements {self.disagreements_found}/{self.disagreements} "
                f"(+{self.disagreements_extra} not expected)")


def _best_match(p: PredictedEvent, expected: list[ExpectedEvent]) -> ExpectedEvent | None:
    candidates = [e for e in expected if e.type == p.type and e.articles & p.articles]
    if not candidates:
        return None
    return max(candidates, key=lambda e: (e.period == p.period, len(e.articles & p.articles),
                                          -expected.index(e)))


def _is_false_merge(p: PredictedEvent, best: ExpectedEvent | None,
                    expected: list[ExpectedEvent]) -> bool:
    """Whether a predicted event holds more than one expected event: articles of another
    story; mentions dated on the days of two expected events of its type (days that only
    one of them has); an article that
    only another expected event of its type is in; or, beside its match, an article that
    tells another expected event of its type and not its match."""
    if p.foreign:
        return True
    same = [e for e in expected if e.type == p.type]
    days = Counter(e.period[0] for e in same if e.period[0] == e.period[1])
    held = {e.id for e in same if e.period[0] is not None and e.period[0] == e.period[1]
            and days[e.period[0]] == 1 and e.period[0] in p.mention_days}
    for article in p.articles:
        telling = [e for e in same if article in e.articles]
        if len(telling) == 1:
            held.add(telling[0].id)
        if best is not None and article not in best.articles and telling:
            held |= {best.id, telling[0].id}
    return len(held) > 1


def score_story(story: Story, con: duckdb.DuckDBPyConnection,
                article_ids: dict[str, str]) -> Score:
    s = Score(expected=len(story.events))
    predicted = predicted_events(con, article_ids)
    s.predicted = len(predicted)
    where = story.name
    match = {p.event_id: _best_match(p, story.events) for p in predicted}
    for p in predicted:
        e = match[p.event_id]
        merged = _is_false_merge(p, e, story.events)
        if merged:
            s.false_merges += 1
            s.problems.append(f"{where}: false merge {p.label!r} {sorted(p.articles)}"
                              + (f" + {p.foreign} articles of other stories" if p.foreign else ""))
        if e is not None and e.period == p.period and p.articles <= e.articles and not merged:
            s.correct += 1
        elif not merged:
            s.problems.append(f"{where}: extra {p.type} {show_period(p.period)} "
                              f"{sorted(p.articles)} {p.label!r}"
                              + (f" (nearest expected: {e.id})" if e else ""))
    for e in story.events:
        mine = [p for p in predicted if p.type == e.type]
        if any(p.period == e.period and e.articles <= p.articles for p in mine):
            s.found += 1
        else:
            s.problems.append(f"{where}: missed {e.id} ({e.type} {show_period(e.period)} "
                              f"{sorted(e.articles)}): got " + "; ".join(
                                  f"{show_period(p.period)} {sorted(p.articles)}"
                                  for p in mine if p.articles & e.articles))
        touching = [p for p in mine if p.articles & e.articles]
        if touching:
            s.located += 1
            best = max(touching, key=lambda p: (len(p.articles & e.articles),
                                                p.period == e.period))
            if best.period == e.period:
                s.dated_right += 1
        fragments = [p for p in predicted if match[p.event_id] is e]
        if len(fragments) > 1:
            s.splits += len(fragments) - 1
            s.problems.append(f"{where}: {e.id} split into {len(fragments)} events: " + "; ".join(
                f"{show_period(p.period)} {sorted(p.articles)}" for p in fragments))
    _score_windows(s, story, con, article_ids, predicted, match)
    _score_disagreements(s, story, con, article_ids, match)
    return s


def _score_windows(s: Score, story: Story, con: duckdb.DuckDBPyConnection,
                   article_ids: dict[str, str], predicted: list[PredictedEvent],
                   match: dict[str, ExpectedEvent | None]) -> None:
    for w in story.windows:
        s.windows += 1
        text = story.articles[w.article].text
        start = text.index(w.text)
        rows = con.execute("""
            SELECT window_start, window_end, anchor_event_id FROM counts
            WHERE article_id = ? AND char_start < ? AND char_end > ?""",
                           [article_ids[w.article], start + len(w.text), start]).fetchall()
        got = [(r[0], r[1], match.get(r[2]) if r[2] else None) for r in rows]
        if any(ws == w.start and we == w.end and e is not None and e.id == w.event
               for ws, we, e in got):
            s.windows_right += 1
        else:
            s.problems.append(f"{story.name}: window {w.article} {w.text!r} expected "
                              f"{w.start}..{w.end} on {w.event}, got " + (", ".join(
                                  f"{ws}..{we} on {e.id if e else None}" for ws, we, e in got)
                                  or "no count"))


def _score_disagreements(s: Score, story: Story, con: duckdb.DuckDBPyConnection,
                         article_ids: dict[str, str],
                         match: dict[str, ExpectedEvent | None]) -> None:
    ids = list(article_ids.values())
    rows = con.execute("""
        SELECT d.disagreement_id, d.kind, d.subject, d.anchor_event_id,
               list(DISTINCT s.position ORDER BY s.position)
        FROM disagreements d JOIN disagreement_sides s USING (disagreement_id)
        WHERE d.disagreement_id IN (SELECT disagreement_id FROM disagreement_sides
                                    WHERE article_id IN ?)
        GROUP BY ALL""", [ids]).fetchall()
    left = list(rows)
    for want in story.disagreements:
        s.disagreements += 1
        hit = next((r for r in left if r[1] == want.kind and frozenset(r[4]) == want.positions
                    and (want.event is None or _matched_id(match, r[3]) == want.event)), None)
        if hit is None:
            s.problems.append(f"{story.name}: missed disagreement {want.kind} "
                              f"{sorted(want.positions)}")
        else:
            s.disagreements_found += 1
            left.remove(hit)
    for r in left:
        s.disagreements_extra += 1
        s.problems.append(f"{story.name}: disagreement not expected: {r[1]} {r[2]!r} {r[4]}")


def _matched_id(match: dict[str, ExpectedEvent | None], event_id: str | None) -> str | None:
    e = match.get(event_id) if event_id else None
    return e.id if e else None


def evaluate(stories: list[Story] | None = None,
             loaded: Loaded | None = None) -> tuple[Score, dict[str, Score]]:
    """Load the stories (unless given loaded) and score each; returns (total, per story)."""
    from factdb import db

    stories = all_stories() if stories is None else stories
    with tempfile.TemporaryDirectory() as tmp:
        loaded = loaded or load_stories(stories, Path(tmp))
        con = db.connect(loaded.db_path, read_only=True)
        try:
            per = {s.name: score_story(s, con, loaded.article_ids[s.name]) for s in stories}
        finally:
            con.close()
    total = Score()
    for score in per.values():
        total.add(score)
    return total, per


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    total, per = evaluate()
    if "-v" in sys.argv:
        for name, score in per.items():
            print(f"{name}: {score.report()}")
            print(*("  " + p for p in score.problems), sep="\n")
    print(f"events ({len(per)} stories): {total.report()}")
