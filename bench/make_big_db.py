"""Write a large synthetic factdb database directly, with bulk Arrow inserts (for API benches).

Articles are assembled from templates around invented events (visits, talks, elections,
earthquakes, strikes...): each article tells a count of attacks before the event and one
after it, an attributed claim, dates, and mentions of people, places and the event. Every
fact row is grounded: its quote is cut from the generated text at the recorded offsets, so
articles.text[char_start:char_end] == quote holds (checked on a sample at the end).

No extraction runs: the rows are what the extractors would write. The count "before the
<event>" is anchored to its event; the count "since <date>" is not (as the anchors
resolver leaves a window without an event phrase), so the named queries link it through
its window and the articles that mention the event. Then the corpus-wide tables are filled
as a load would: fact groups and disagreements by factdb's own resolvers
(factdb.resolve.fact_groups, factdb.resolve.disagreements) and the answer tables of the
named queries (factdb.resolve.answers, timed), claim groups (one per event and
statement) and the entities' and events' mention counts here. The schema's indexes
(factdb/sql/schema/) are created by the migrations before the rows go in.

Usage: python bench/make_big_db.py OUT.duckdb [--articles N] [--seed S]
           [--second-load N]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from datetime import date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from random import Random
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factdb import db  # noqa: E402
from factdb.resolve import answers, disagreements  # noqa: E402
from factdb.resolve import fact_groups as groups  # noqa: E402
from factdb.runs import Run  # noqa: E402
from factdb.settings import Settings  # noqa: E402

RUN_ID = "run-bench"
OUTLETS = ["Harbor Tribune", "Northern Ledger", "Daily Compass", "Metro Wire", "Coastal Times",
           "Plains Gazette", "Summit Post", "River Courier", "Evening Standardbearer",
           "Valley Observer", "Capital Dispatch", "Island Herald"]
PLACES = ["Aldermoor", "Brisca", "Corvane", "Dunhallow", "Estrelle", "Fennick", "Galdor",
          "Hollin", "Istra Vale", "Jorvik Bay", "Kestrel Point", "Lorne", "Marisco", "Nethra",
          "Orlen", "Pellas", "Quarry Hill", "Rostam", "Salvia", "Tarrow", "Umbra Ridge",
          "Velden", "Wyncote", "Yarrow", "Zephyr Coast"]
FIRST = ["Amara", "Tomasz", "Lucia", "Kwame", "Ingrid", "Rafael", "Mei", "Oskar", "Nadia",
         "Julien", "Priya", "Sipho", "Hana", "Dmitri", "Elena", "Kenji", "Aisha", "Bruno"]
LAST = ["Okafor", "Novak", "Ferreira", "Lindqvist", "Mensah", "Castellanos", "Tanaka",
        "Brandt", "Haddad", "Moreau", "Sato", "Dlamini", "Petrova", "Alvarez", "Nyberg",
        "Adeyemi", "Rossi", "Mwangi", "Halvorsen", "Quintero"]
EVENT_KINDS = [("visit", "visit"), ("talks", "meeting"), ("summit", "meeting"),
               ("election", "election"), ("earthquake", "earthquake"), ("strike", "strike"),
               ("ceasefire", "ceasefire"), ("flood", "flood")]
QUALIFIERS = [("at least", "at_least"), ("more than", "more_than"), ("about", "about"),
              ("", "exact")]
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
CUES = ["said", "told reporters", "said in a statement", "added"]
CLAIMS = ["the situation remained tense", "talks would continue next week",
          "the group had agreed to a pause", "more help was needed",
          "the results would be published soon", "the damage was worse than expected"]


class Table:
    """Columns of one table, appended row by row, written as one Arrow batch."""

    def __init__(self, columns: list[str]) -> None:
        self.columns: dict[str, list[Any]] = {c: [] for c in columns}

    def add(self, **row: Any) -> None:
        for c, values in self.columns.items():
            values.append(row.get(c))

    def arrow(self) -> pa.Table:
        return pa.table(self.columns)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values())))


class Text:
    """An article text being written, recording the offsets of the parts that are facts."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, s: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(s)
        self.length += len(s)
        return start, self.length

    def value(self) -> str:
        return "".join(self.parts)


def build(path: Path, n_articles: int, seed: int,
          second_load: int = 0) -> dict[str, int]:
    rng = Random(seed)
    n_events = max(n_articles // 50, 10)
    people = [f"{f} {ln}" for f in FIRST for ln in LAST]

    entities = Table(["entity_id", "name", "entity_type", "aliases", "mention_count",
                      "article_count"])
    place_ids = {p: f"e-place-{i}" for i, p in enumerate(PLACES)}
    person_ids = {p: f"e-person-{i}" for i, p in enumerate(people)}
    outlet_ids = {o: f"e-org-{i}" for i, o in enumerate(OUTLETS)}
    mention_stats: dict[str, list[Any]] = {}

    events = Table(["event_id", "event_type", "label", "date_start", "date_end",
                    "location_entity_id", "mention_count", "article_count"])
    event_info = []
    versions: list[list[tuple[tuple[str, str], int, int, int, int]]] = []
    base = date(2020, 1, 1)
    for i in range(n_events):
        noun, etype = EVENT_KINDS[i % len(EVENT_KINDS)]
        place = PLACES[rng.randrange(len(PLACES))]
        day = base + timedelta(days=rng.randrange(1600))
        event_info.append((f"ev{i:06d}", noun, etype, place, day))
        # the versions of the event's counts that articles tell: the first is the common one
        versions.append([(QUALIFIERS[rng.randrange(len(QUALIFIERS))], rng.randrange(5, 40),
                          rng.choice([7, 10, 14]), rng.randrange(0, 4), rng.randrange(0, 5))
                         for _ in range(4)])
    # popularity: a few events are told by hundreds of articles, most by a few dozen
    cum_weights = list(accumulate(1.0 / (i + 50) for i in range(n_events)))

    articles = Table(["article_id", "source_uri", "url", "outlet", "title", "published_on",
                      "published_basis", "language", "text", "sha256", "run_id",
                      "source_format", "char_count"])
    sentences = Table(["sentence_id", "article_id", "seq", "char_start", "char_end", "role",
                       "paragraph", "role_reason"])
    prov = ["article_id", "sentence_id", "char_start", "char_end", "quote", "extractor",
            "confidence", "run_id"]
    counts = Table(["count_id", "value", "value_low", "value_high", "qualifier", "unit",
                    "event_type", "window_start", "window_end", "anchor_event_id",
                    "window_relation", "role", *prov])
    dates = Table(["date_id", "value_start", "value_end", "granularity", "basis", "anchor",
                   *prov])
    claims = Table(["claim_id", "speaker", "speaker_entity_id", "cue", "is_direct_quote",
                    "claim_group_id", "content", "content_start", "content_end",
                    "speaker_start", "speaker_end", "speaker_kind", "hedge", "claim_kind",
                    "is_relayed", "content_key", "role", *prov])
    event_mentions = Table(["event_id", "mention_id", "event_type", *prov])
    entity_mentions = Table(["mention_id", "entity_id", *prov])
    event_articles: dict[str, list[int]] = {}

    for n in range(n_articles):
        chosen = rng.choices(range(n_events), cum_weights=cum_weights)[0]
        event_id, noun, etype, place, day = event_info[chosen]
        told = versions[chosen][0 if rng.random() < 0.75 else rng.randrange(1, 4)]
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        person = people[rng.randrange(len(people))]
        published = day + timedelta(days=rng.randrange(3, 30))
        aid = f"a{hashlib.sha256(f'{seed}:{n}'.encode()).hexdigest()[:16]}"
        t = Text()
        seq = 0
        facts: list[tuple[Table, dict[str, Any], tuple[int, int]]] = []

        def sentence(start: int, end: int, role: str, paragraph: int, aid: str = aid) -> str:
            nonlocal seq
            sid = f"{aid}:{seq}"
            sentences.add(sentence_id=sid, article_id=aid, seq=seq, char_start=start,
                          char_end=end, role=role, paragraph=paragraph,
                          role_reason="title" if role == "headline" else None)
            seq += 1
            return sid

        def fact(table: Table, row: dict[str, Any], span: tuple[int, int], sentence_id: str,
                 facts: list[tuple[Table, dict[str, Any], tuple[int, int]]] = facts) -> None:
            facts.append((table, {**row, "sentence_id": sentence_id}, span))

        # headline
        h0 = t.length
        t.add(f"Attacks in {place} ease after the {noun}")
        sid = sentence(h0, t.length, "headline", 0)
        t.add("\n\n")
        # sentence 1: count before the event, the event mention and its date
        s0 = t.length
        (qual_text, qual), before, span_days, after, since_days = told
        count_span = t.add(f"{qual_text} {before} attacks".strip())
        t.add(f" hit {place} in the {span_days} days before ")
        ev_span = t.add(f"the {noun} on ")
        date_span = t.add(f"{day:%B} {day.day}")
        ev_span = (ev_span[0], date_span[1])
        t.add(", monitors said.")
        sid = sentence(s0, t.length, "body", 1)
        fact(counts, count_span_row(qual, before, day - timedelta(days=span_days), day,
                                    event_id, "before"), count_span, sentence_id=sid)
        fact(event_mentions, {"event_id": event_id, "event_type": etype}, ev_span,
             sentence_id=sid)
        fact(dates, {"value_start": day, "value_end": day, "granularity": "day",
                     "basis": "explicit", "anchor": None}, date_span, sentence_id=sid)
        # sentence 2: count after the event
        t.add(" ")
        s1 = t.length
        since = day + timedelta(days=since_days)
        word = NUMBER_WORDS[after]
        c2 = t.add(f"{word.capitalize()} attacks")
        t.add(f" have been reported since {since:%B} {since.day}, according to ")
        o_span = t.add(outlet)
        t.add(".")
        sid = sentence(s1, t.length, "body", 1)
        fact(counts, count_span_row("none" if after == 0 else "exact", after, since, None,
                                    None, "since"), c2, sentence_id=sid)
        fact(entity_mentions, {"entity_id": outlet_ids[outlet]}, o_span, sentence_id=sid)
        t.add("\n")
        # sentence 3: attributed claim
        s2 = t.length
        claim_text = CLAIMS[rng.randrange(len(CLAIMS))]
        t.add("\"")
        q_span = t.add(claim_text[0].upper() + claim_text[1:])
        t.add(",\" ")
        p_span = t.add(person)
        cue = CUES[rng.randrange(len(CUES))]
        t.add(f" {cue} in ")
        pl_span = t.add(place)
        t.add(".")
        sid = sentence(s2, t.length, "body", 2)
        fact(claims, {"speaker": person, "speaker_entity_id": person_ids[person], "cue": cue,
                      "is_direct_quote": True,
                      "claim_group_id": f"g-{event_id}-{CLAIMS.index(claim_text)}",
                      "content": text_of(t, q_span), "content_start": q_span[0],
                      "content_end": q_span[1], "speaker_start": p_span[0],
                      "speaker_end": p_span[1], "speaker_kind": "named_person",
                      "hedge": False, "claim_kind": "statement", "is_relayed": False,
                      "content_key": claim_text, "role": "body"},
             q_span, sentence_id=sid)
        fact(entity_mentions, {"entity_id": person_ids[person]}, p_span, sentence_id=sid)
        fact(entity_mentions, {"entity_id": place_ids[place]}, pl_span, sentence_id=sid)

        text = t.value()
        articles.add(article_id=aid, source_uri=f"bench/{n:07d}.txt",
                     url=f"https://news.example/{n:07d}", outlet=outlet,
                     title=f"Attacks in {place} ease after the {noun}", published_on=published,
                     published_basis="metadata", language="en", text=text,
                     sha256=hashlib.sha256(text.encode()).hexdigest(), run_id=RUN_ID,
                     source_format="txt", char_count=len(text))
        event_articles.setdefault(event_id, []).append(n)
        k = 0
        for table, row, (start, end) in facts:
            k += 1
            ids: dict[str, Any] = {}
            if table is counts:
                ids["count_id"] = f"{aid}:c{k}"
            elif table is dates:
                ids["date_id"] = f"{aid}:d{k}"
            elif table is claims:
                ids["claim_id"] = f"{aid}:q{k}"
            elif table is event_mentions:
                ids["mention_id"] = f"{aid}:e{k}"
            elif table is entity_mentions:
                ids["mention_id"] = f"{aid}:m{k}"
                st = mention_stats.setdefault(row["entity_id"], [0, set()])
                st[0] += 1
                st[1].add(aid)
            table.add(**row, **ids, article_id=aid, char_start=start, char_end=end,
                      quote=text[start:end], extractor="bench", confidence=1.0, run_id=RUN_ID)

    for name, eid in [*place_ids.items(), *person_ids.items(), *outlet_ids.items()]:
        etype = ("GPE" if eid.startswith("e-place") else
                 "PERSON" if eid.startswith("e-person") else "ORG")
        m, arts = mention_stats.get(eid, [0, set()])
        entities.add(entity_id=eid, name=name, entity_type=etype,
                     aliases=[name, name.split()[-1]] if etype == "PERSON" else [name],
                     mention_count=m, article_count=len(arts))
    for event_id, noun, etype, place, day in event_info:
        arts = event_articles.get(event_id, [])
        label = f"{noun} to {place}" if noun == "visit" else f"{noun} in {place}"
        events.add(event_id=event_id, event_type=etype, label=label,
                   date_start=day, date_end=day, location_entity_id=place_ids[place],
                   mention_count=len(arts), article_count=len(arts))

    con = db.connect(path)
    try:
        con.execute("BEGIN TRANSACTION")
        stamp = datetime.now()
        con.execute("INSERT INTO extraction_runs (run_id, started_at, finished_at, "
                    "factdb_version, config_sha256, article_count, status, command) "
                    "VALUES (?, ?, ?, 'bench', '0', ?, 'completed', 'bench/make_big_db.py')",
                    [RUN_ID, stamp, stamp, n_articles])
        sizes = {}
        tables = [("articles", articles), ("sentences", sentences), ("entities", entities),
                  ("entity_mentions", entity_mentions), ("events", events),
                  ("event_mentions", event_mentions), ("dates", dates), ("counts", counts),
                  ("claims", claims)]
        later = set(articles.columns["article_id"][n_articles - second_load:]
                    ) if second_load else set()
        for name, table in tables:
            sizes[name] = insert(con, name, table, later, first=True)
        fill_groups(con)
        con.execute("COMMIT")
        if later:
            second(con, tables, later)
        for name in ("fact_groups", "claim_groups", "disagreements", "disagreement_sides"):
            sizes[name] = one_int(con, f"SELECT count(*) FROM {name}")
        bad = con.execute(
            "SELECT count(*) FROM (SELECT * FROM counts USING SAMPLE 10000 ROWS) c "
            "JOIN articles a USING (article_id) "
            "WHERE a.text[c.char_start + 1 : c.char_end] <> c.quote").fetchone()
        assert bad == (0,), f"ungrounded count rows: {bad}"
    finally:
        con.close()
    return sizes


def insert(con: Any, name: str, table: Table, later: set[str], first: bool) -> int:
    """Insert a table's rows: those of the first load (first=True: every row but those of
    the articles kept for the second load) or of the second; rows without an article (entities,
    events) all go in the first."""
    batch = table.arrow()
    if later and "article_id" in batch.column_names:
        mask = pc.is_in(batch["article_id"], value_set=pa.array(sorted(later)))
        batch = batch.filter(pc.invert(mask) if first else mask)
    elif not first:
        return 0
    con.register("_batch", batch)
    cols = ", ".join(db.quote_ident(c) for c in batch.column_names)
    con.execute(f"INSERT INTO {db.quote_ident(name)} ({cols}) SELECT {cols} FROM _batch")
    con.unregister("_batch")
    return len(table)


def second(con: Any, tables: list[tuple[str, Table]], later: set[str]) -> None:
    """A second load of the articles kept back, in its own transaction: its rows, the
    resolvers again (claim groups, fact groups, disagreements), then the answer tables,
    which rebuild only the keys it touched (docs/adr/0012), timed against a whole rebuild."""
    began, cpu_began = time.perf_counter(), time.process_time()
    con.execute("BEGIN TRANSACTION")
    for name, table in tables:
        insert(con, name, table, later, first=False)
    con.execute("DELETE FROM claim_groups")
    rows = time.perf_counter() - began
    resolved, built = resolve_all(con)
    rest_cpu = time.process_time() - cpu_began - sum(c for _, _, c in built.values())
    con.execute("COMMIT")
    total = sum(seconds for _, seconds, _ in built.values())
    cpu = sum(c for _, _, c in built.values())
    print(f"second load of {len(later):,} articles: rows {rows:.1f}s, resolvers "
          f"{resolved:.1f}s, answer tables {total:.1f}s ({total / (rows + resolved):.0%} of "
          f"the rest of the load; CPU {cpu:.1f}s against {rest_cpu:.1f}s, "
          f"{cpu / rest_cpu:.0%}):")
    modes = dict(con.execute("SELECT query, mode || ', ' || coalesce(CAST(keys_rebuilt AS "
                             "VARCHAR) || ' keys', 'all keys') FROM answer_builds").fetchall())
    for name, (n, seconds, cpu) in built.items():
        print(f"  answers_{name:<20} {n:>9,} rows {seconds:6.2f}s (CPU {cpu:6.2f}s)  "
              f"{modes.get(name, '')}")
    con.execute("BEGIN TRANSACTION")
    began, cpu_began = time.perf_counter(), time.process_time()
    answers.build_all(con, RUN_ID, full=True)
    print(f"  (a whole rebuild of every answer table instead: "
          f"{time.perf_counter() - began:.1f}s, CPU {time.process_time() - cpu_began:.1f}s)")
    con.execute("ROLLBACK")


def count_span_row(qualifier: str, value: int, start: date, end: date | None,
                   event_id: str | None, relation: str) -> dict[str, Any]:
    return {"value": float(value), "qualifier": qualifier, "unit": "attack",
            "event_type": "attack", "window_start": start, "window_end": end,
            "anchor_event_id": event_id, "window_relation": relation, "role": "body"}


def text_of(t: Text, span: tuple[int, int]) -> str:
    return t.value()[span[0]:span[1]]


def one_int(con: Any, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def resolve_all(con: Any) -> tuple[float, dict[str, tuple[int, float, float]]]:
    """Claim groups, then factdb's fact-group and disagreement resolvers (seconds), then
    the answer tables (rows and seconds per table)."""
    began = time.perf_counter()
    con.execute("""
        INSERT INTO claim_groups
        SELECT c.claim_group_id, min(c.content), count(*), count(DISTINCT c.article_id),
               count(DISTINCT a.outlet), count(DISTINCT a.outlet), 0, [],
               list(DISTINCT a.outlet ORDER BY a.outlet)
        FROM claims c JOIN articles a USING (article_id)
        GROUP BY c.claim_group_id""")
    run = Run("bench/make_big_db.py", Settings(), run_id=RUN_ID)
    groups.resolve(con, run)
    disagreements.resolve(con, run)
    resolved = time.perf_counter() - began
    # the last resolver: the named queries' answer tables (docs/adr/0012), timed per table
    return resolved, answers.build_all(con, RUN_ID)


def fill_groups(con: Any) -> None:
    """The corpus-wide tables a load's resolvers write: claim groups (one per event and
    statement, every article its own source), fact groups and disagreements (factdb's
    resolvers)."""
    resolved, built = resolve_all(con)
    total = sum(seconds for _, seconds, _ in built.values())
    cpu = sum(c for _, _, c in built.values())
    print(f"fact groups and disagreements resolved in {resolved:.1f}s; answer tables built "
          f"in {total:.1f}s (CPU {cpu:.1f}s):")
    for name, (rows, seconds, cpu) in built.items():
        print(f"  answers_{name:<20} {rows:>9,} rows {seconds:6.2f}s (CPU {cpu:6.2f}s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--second-load", type=int, default=0, metavar="N",
                        help="load the last N articles in a second load (its own "
                             "transaction, resolvers and incremental answer build, timed)")
    args = parser.parse_args()
    if args.out.exists():
        args.out.unlink()
    began = time.perf_counter()
    sizes = build(args.out, args.articles, args.seed, args.second_load)
    print(f"wrote {args.out} in {time.perf_counter() - began:.1f}s")
    for name, n in sizes.items():
        print(f"  {name:<16} {n:>9,}")


if __name__ == "__main__":
    main()
