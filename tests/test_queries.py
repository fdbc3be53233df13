"""Named fact queries: each runs on a hand-written fixture database and gives the expected
rows (tests/fixtures/queries/<name>.json); the registry enforces its file rules.

The fixture corpus (tests/fixtures/queries/corpus.yaml) has short articles on a ceasefire
mediation, an earthquake, an election, a central bank decision and a cup final, with
hand-written fact rows. Expected outputs were written by running the queries and checking
every row by hand against the corpus; `python tests/test_queries.py --write` rewrites them
(for review, when a query or the corpus changes on purpose).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from factdb import db
from factdb.ingest.segment import segment
from factdb.queries import (
    Document,
    QueryDefinitionError,
    QueryParamError,
    UnknownQuery,
    get,
    parse_query_file,
    registry,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "queries"
CORPUS = FIXTURES / "corpus.yaml"
RUN_ID = "run-fixture"
#: fact tables of the corpus, in insertion order
FACT_TABLES = ("entity_mentions", "dates", "counts", "claims", "event_mentions")


def build_fixture_db(path: Path) -> Path:
    """Write the fixture corpus into a new factdb database at path."""
    corpus = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    con = db.connect(path)
    try:
        stamp = datetime(2024, 6, 1, 12, 0, 0)
        db.insert_rows(con, "extraction_runs", [{
            "run_id": RUN_ID, "started_at": stamp, "finished_at": stamp,
            "factdb_version": "fixture", "config_sha256": "0" * 64,
            "article_count": len(corpus["articles"]), "status": "completed",
            "command": "tests/test_queries.py fixture"}])
        texts: dict[str, str] = {}
        spans: dict[str, list[Any]] = {}
        articles, sentences = [], []
        for spec in corpus["articles"]:
            aid, text = spec["article_id"], spec["text"]
            texts[aid] = text
            spans[aid] = segment(text, spec["title"])
            articles.append({
                **spec, "source_uri": f"fixture/{aid}.txt", "run_id": RUN_ID,
                "sha256": hashlib.sha256(text.encode()).hexdigest(), "source_format": "txt",
                "char_count": len(text), "published_basis": "metadata", "language": "en"})
            sentences += [{"sentence_id": f"{aid}:{s.seq}", "article_id": aid, "seq": s.seq,
                           "char_start": s.char_start, "char_end": s.char_end, "role": s.role,
                           "paragraph": s.paragraph, "role_reason": s.role_reason}
                          for s in spans[aid]]
        db.insert_rows(con, "articles", articles)
        db.insert_rows(con, "sentences", sentences)
        mentions: dict[str, int] = defaultdict(int)
        for table in FACT_TABLES:
            rows = []
            for spec in corpus[table]:
                row = dict(spec)
                aid, quote, nth = row["article_id"], row.pop("quote"), row.pop("nth", 0)
                start = -1
                for _ in range(nth + 1):
                    start = texts[aid].index(quote, start + 1)
                end = start + len(quote)
                sentence = next(s for s in spans[aid] if s.char_start <= start
                                and end <= s.char_end)
                if table == "entity_mentions":
                    mentions[aid] += 1
                    row["mention_id"] = f"{aid}:m{mentions[aid]}"
                row.update(sentence_id=f"{aid}:{sentence.seq}", char_start=start,
                           char_end=end, quote=quote, extractor="fixture", confidence=1.0,
                           run_id=RUN_ID)
                if table == "claims":
                    _claim_offsets(row, texts[aid])
                rows.append(row)
            db.insert_rows(con, table, rows)
        _insert_with_counts(con, "entities", corpus["entities"], "entity_id", "entity_mentions")
        _insert_with_counts(con, "events", corpus["events"], "event_id", "event_mentions")
        db.insert_rows(con, "fact_groups", corpus["fact_groups"])
        db.insert_rows(con, "claim_groups", corpus["claim_groups"])
        _complete_groups(con)
        _insert_disagreements(con, corpus["disagreements"])
    finally:
        con.close()
    return path


def _complete_groups(con: duckdb.DuckDBPyConnection) -> None:
    """Group rows for the groups the corpus names without writing them out: each article
    counted as its own independent source, as the resolvers do when nothing is relayed."""
    con.execute("""
        INSERT INTO claim_groups
        SELECT c.claim_group_id, min(c.content), count(*), count(DISTINCT c.article_id),
               count(DISTINCT a.outlet), count(DISTINCT c.article_id), 0, [],
               list(DISTINCT a.outlet ORDER BY a.outlet) FILTER (a.outlet IS NOT NULL)
        FROM claims c JOIN articles a USING (article_id)
        WHERE c.claim_group_id NOT IN (SELECT claim_group_id FROM claim_groups)
        GROUP BY c.claim_group_id""")
    for table, kind in (("counts", "count"), ("dates", "date")):
        con.execute(f"""
            INSERT INTO fact_groups
            SELECT f.group_id, '{kind}', min(f.quote), count(*), count(DISTINCT f.article_id),
                   count(DISTINCT a.outlet), count(DISTINCT f.article_id), 0, []
            FROM {table} f JOIN articles a USING (article_id)
            WHERE f.group_id NOT IN (SELECT group_id FROM fact_groups)
            GROUP BY f.group_id""")


def _claim_offsets(row: dict[str, Any], text: str) -> None:
    """Offsets of a claim's content, speaker and cue: their first place inside its quote."""
    for part, start_col, end_col in (("content", "content_start", "content_end"),
                                     ("speaker", "speaker_start", "speaker_end"),
                                     ("cue", "cue_start", "cue_end")):
        if row.get(part):
            at = text.index(row[part], row["char_start"], row["char_end"])
            row[start_col], row[end_col] = at, at + len(row[part])


def _insert_disagreements(con: duckdb.DuckDBPyConnection,
                          specs: list[dict[str, Any]]) -> None:
    facts = {r[0]: r[1:] for r in con.execute(
        "SELECT c.count_id, c.article_id, a.outlet, c.quote, c.char_start, c.char_end "
        "FROM counts c JOIN articles a USING (article_id)").fetchall()}
    rows, sides = [], []
    for spec in specs:
        articles = set()
        for n, side in enumerate(spec["sides"], start=1):
            for fact_id in side["facts"]:
                article_id, outlet, quote, start, end = facts[fact_id]
                articles.add(article_id)
                sides.append({"disagreement_id": spec["disagreement_id"], "side": n,
                              "position": side["position"], "fact_id": fact_id,
                              "article_id": article_id, "outlet": outlet, "quote": quote,
                              "char_start": start, "char_end": end})
        rows.append({k: v for k, v in spec.items() if k != "sides"}
                    | {"side_count": len(spec["sides"]), "article_count": len(articles)})
    db.insert_rows(con, "disagreements", rows)
    db.insert_rows(con, "disagreement_sides", sides)


def _insert_with_counts(con: duckdb.DuckDBPyConnection, table: str,
                        specs: list[dict[str, Any]], key: str, mention_table: str) -> None:
    stats = {r[0]: (r[1], r[2]) for r in con.execute(
        f"SELECT {key}, count(*), count(DISTINCT article_id) FROM {mention_table} "
        "GROUP BY 1").fetchall()}
    db.insert_rows(con, table, [
        {**s, "mention_count": stats.get(s[key], (0, 0))[0],
         "article_count": stats.get(s[key], (0, 0))[1]} for s in specs])


def as_json(columns: list[str], rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Rows as the CLI's --json prints them (dates as ISO strings)."""
    data: list[dict[str, Any]] = json.loads(json.dumps(
        [dict(zip(columns, r, strict=True)) for r in rows], default=str))
    return data


def expected_cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(
        (FIXTURES / f"{name}.json").read_text(encoding="utf-8"))["cases"]
    return cases


@pytest.fixture(scope="module")
def fixture_con(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = build_fixture_db(tmp_path_factory.mktemp("queries") / "fixture.duckdb")
    con = db.connect(path, read_only=True)
    yield con
    con.close()


def test_fixture_corpus_is_grounded(fixture_con: duckdb.DuckDBPyConnection) -> None:
    for table in FACT_TABLES:
        bad = fixture_con.execute(
            f"SELECT count(*) FROM {table} t JOIN articles a USING (article_id) "
            "WHERE a.text[t.char_start + 1 : t.char_end] <> t.quote").fetchone()
        assert bad == (0,), table


@pytest.mark.parametrize("name", sorted(registry()))
def test_named_query_gives_expected_rows(name: str,
                                         fixture_con: duckdb.DuckDBPyConnection) -> None:
    cases = expected_cases(name)
    assert cases, f"{name}.json has no cases"
    for case in cases:
        columns, rows = get(name).run(fixture_con, case["params"])
        assert as_json(columns, rows) == case["rows"], case["params"]


def _citation_lists(row: dict[str, Any]) -> list[list[dict[str, Any]]]:
    return [value for key, value in row.items()
            if key == "citations" or key.endswith("_citations")]


@pytest.mark.parametrize("name", sorted(registry()))
def test_every_query_row_cites_exact_quotes(name: str,
                                            fixture_con: duckdb.DuckDBPyConnection) -> None:
    texts = dict(fixture_con.execute("SELECT article_id, text FROM articles").fetchall())
    cited = 0
    for case in expected_cases(name):
        columns, rows = get(name).run(fixture_con, case["params"])
        assert "citations" in columns or any(c.endswith("_citations") for c in columns)
        for row in as_json(columns, rows):
            lists = _citation_lists(row)
            assert lists and all(lists), (name, row)
            for citations in lists:
                ids = [c["article_id"] for c in citations]
                if "citation_count" in row:  # a preview: each article's first one first
                    assert len(citations) <= min(10, row["citation_count"]), (name, row)
                    ordered = sorted(citations, key=lambda c: (c["article_id"],
                                                               c["char_start"], c["char_end"]))
                    assert citations == _preview(ordered), (name, row)
                else:
                    assert ids == sorted(ids), (name, row)
            for c in (c for citations in lists for c in citations):
                assert list(c) == ["article_id", "outlet", "url", "published_on", "quote",
                                   "char_start", "char_end", "sentence", "sentence_start",
                                   "mark_start", "mark_end", "article_view"]
                text = texts[c["article_id"]]
                assert text[c["char_start"]:c["char_end"]] == c["quote"]
                # the readable form: the sentence around the quote, the quote marked in it
                assert c["sentence"] == text[c["sentence_start"]:c["sentence_start"]
                                             + len(c["sentence"])]
                assert c["sentence"][c["mark_start"]:c["mark_end"]] == c["quote"]
                assert c["sentence_start"] + c["mark_start"] == c["char_start"]
                assert c["article_view"] == (
                    f"/pages/articles/{c['article_id']}?at={c['char_start']}-{c['char_end']}"
                    f"#c{c['char_start']}-{c['char_end']}")
                cited += 1
    assert cited > 0


def test_counts_around_event_collapses_identical_reports(
        fixture_con: duckdb.DuckDBPyConnection) -> None:
    columns, rows = get("counts_around_event").run(
        fixture_con, {"event": "VISIT", "unit": "attacks"})
    got = {(r["period"], r["qualifier"], r["value"], r["window_start"], r["window_end"]):
           (r["article_count"], r["outlet_count"]) for r in as_json(columns, rows)}
    assert got == {
        ("before", "more_than", 15.0, "2023-02-28", "2023-03-10"): (1, 1),
        ("before", "at_least", 14.0, "2023-03-03", "2023-03-10"): (2, 2),
        ("before", "exact", 3.0, "2023-03-09", "2023-03-09"): (1, 1),
        ("after", "exact", 1.0, None, None): (1, 1),  # no window dates: its relation
        ("after", "exact", 2.0, "2023-03-10", "2023-03-18"): (1, 1),
        ("after", "exact", 0.0, "2023-03-12", None): (3, 2),
    }


BAD_VALUES = [
    ("event_timeline", {"to": "2023-13-01"}, "date field value out of range"),
    ("event_timeline", {"from": "last week"}, "invalid date field format"),
    ("fact_citations", {"kind": "rumour", "id": "x"}, "kind must be one of"),
    ("corroboration", {"min_articles": "two"}, "Could not convert string 'two'"),
    ("corroboration", {"limit": "0"}, "limit must be from 1 to 1000"),
    ("corroboration", {"limit": "1001"}, "limit must be from 1 to 1000"),
    ("corroboration", {"offset": "-1"}, "offset must be 0 or more"),
    ("corroboration", {"limit": "all"}, "Could not convert string 'all'"),
    ("claims_by_entity", {"entity": "nobody", "limit": "0"}, "limit must be from 1 to 1000"),
    ("claims_by_entity", {"entity": "oyelaran", "limit": "1001"}, "limit must be from 1 to 1000"),
    ("claims_by_entity", {"entity": "oyelaran", "offset": "-1"}, "offset must be 0 or more"),
]


@pytest.mark.parametrize(("name", "params", "problem"), BAD_VALUES)
def test_bad_parameter_values_raise_query_param_error(
        name: str, params: dict[str, str], problem: str,
        fixture_con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(QueryParamError) as info:
        get(name).run(fixture_con, params)
    assert problem in str(info.value)


def test_cli_query_prints_the_expected_json(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factdb.cli import main

    path = build_fixture_db(tmp_path / "cli.duckdb")
    runner = CliRunner()
    case = expected_cases("counts_around_event")[0]
    args = ["query", "counts_around_event", "--db", str(path), "--json"]
    for key, value in case["params"].items():
        args += ["-p", f"{key}={value}"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == case["rows"]
    bad = runner.invoke(main, ["query", "event_timeline", "--db", str(path), "-p", "to=soon"])
    assert bad.exit_code == 2
    assert "bad parameter value" in bad.output
    missing = runner.invoke(main, ["query", "event_timeline", "--db", str(path), "-p", "to"])
    assert (missing.exit_code, "is not KEY=VALUE" in missing.output) == (2, True)
    listing = runner.invoke(main, ["query", "list"])
    assert [line.split("(")[0] for line in listing.output.splitlines()] == sorted(registry())


def test_bind_checks_names_and_fills_defaults() -> None:
    q = get("event_timeline")
    assert q.bind({"type": "election"}) == {"type": "election", "from": "", "to": ""}
    with pytest.raises(QueryParamError, match=r"has no parameter\(s\) \['kind'\]"):
        q.bind({"kind": "x"})
    with pytest.raises(QueryParamError, match="needs parameter 'unit'"):
        get("counts_around_event").bind({"event": "visit"})
    with pytest.raises(UnknownQuery):
        get("no_such_query")


# --- registry rules, on query files written into temporary directories ------------------

GOOD = """-- name: {name}
-- title: A test query
-- description: Rows of a table,
--   over two lines.
-- params: limit_to
-- param limit_to: Most rows to return (default: 5)
SELECT article_id FROM articles LIMIT CAST($limit_to AS INTEGER)
"""


def _write(directory: Path, filename: str, text: str) -> Path:
    path = directory / filename
    path.write_text(text, encoding="utf-8")
    return path


def test_registry_reads_header(tmp_path: Path) -> None:
    _write(tmp_path, "top_rows.sql", GOOD.format(name="top_rows"))
    q = registry(tmp_path)["top_rows"]
    assert (q.title, q.description) == ("A test query", "Rows of a table, over two lines.")
    assert [(p.name, p.default, p.required) for p in q.params] == [("limit_to", "5", False)]
    assert q.sql == "SELECT article_id FROM articles LIMIT CAST($limit_to AS INTEGER)"


def test_registry_refuses_duplicate_names(tmp_path: Path) -> None:
    _write(tmp_path, "Top_rows.sql", GOOD.format(name="Top_rows"))
    _write(tmp_path, "top_rows.sql", GOOD.format(name="top_rows"))
    with pytest.raises(QueryDefinitionError, match="duplicate query name 'top_rows'"):
        registry(tmp_path)


def test_registry_refuses_name_differing_from_file(tmp_path: Path) -> None:
    _write(tmp_path, "top_rows.sql", GOOD.format(name="first_rows"))
    with pytest.raises(QueryDefinitionError, match="differs from the file name"):
        registry(tmp_path)


def test_registry_refuses_param_mismatch(tmp_path: Path) -> None:
    text = GOOD.format(name="top_rows").replace("-- params: limit_to",
                                                "-- params: limit_to, outlet")
    _write(tmp_path, "top_rows.sql", text + "-- param outlet: An outlet\n")
    with pytest.raises(QueryDefinitionError,
                       match=r"declared params \['limit_to', 'outlet'\] differ from "
                             r"placeholders used \['limit_to'\]"):
        registry(tmp_path)


def test_registry_refuses_undeclared_placeholder(tmp_path: Path) -> None:
    text = GOOD.format(name="top_rows").replace("LIMIT", "WHERE outlet = $outlet LIMIT")
    _write(tmp_path, "top_rows.sql", text)
    with pytest.raises(QueryDefinitionError, match=r"placeholders used \['limit_to', 'outlet'\]"):
        registry(tmp_path)


def test_registry_ignores_placeholders_in_strings_and_comments(tmp_path: Path) -> None:
    text = GOOD.format(name="top_rows").replace(
        "SELECT article_id", "SELECT article_id, 'costs $5' AS price -- the article's $note\n")
    _write(tmp_path, "top_rows.sql", text)
    assert [p.name for p in registry(tmp_path)["top_rows"].params] == ["limit_to"]


def test_registry_refuses_missing_title(tmp_path: Path) -> None:
    _write(tmp_path, "top_rows.sql",
           GOOD.format(name="top_rows").replace("-- title: A test query\n", ""))
    with pytest.raises(QueryDefinitionError, match="header lacks '-- title:'"):
        registry(tmp_path)


def test_registry_refuses_undescribed_param(tmp_path: Path) -> None:
    _write(tmp_path, "top_rows.sql", GOOD.format(name="top_rows").replace(
        "-- param limit_to: Most rows to return (default: 5)\n", ""))
    with pytest.raises(QueryDefinitionError, match="parameter 'limit_to' has no"):
        parse_query_file(tmp_path / "top_rows.sql")


def test_every_registered_query_has_expected_output() -> None:
    expected = {p.stem for p in FIXTURES.glob("*.json")}
    assert sorted(registry()) == sorted(expected)


# --- answer tables (docs/adr/0012): the read of each answer table agrees with the full SQL

def answer_cases(con: duckdb.DuckDBPyConnection) -> list[tuple[str, dict[str, str]]]:
    """Parameters for every key of every named query on the database: each article (by id,
    URL and source path), event (by id, label, type and part of a label) and unit, entity
    (by id, name, alias, each word of its name) and speaker text, fact (kind, id), kind and
    minimum of articles, disagreement filter and event-type and date filter; plus unknown
    keys."""
    def column(sql: str) -> list[str]:
        return sorted({str(r[0]) for r in con.execute(sql).fetchall() if r[0] is not None})

    cases: list[tuple[str, dict[str, str]]] = []
    for a in column("SELECT unnest([article_id, url, source_uri]) FROM articles") + ["zzz"]:
        cases.append(("article_facts", {"article": a}))
    units = column("SELECT lower(unit) FROM counts")
    events = con.execute("SELECT event_id, label, event_type FROM events "
                         "ORDER BY event_id").fetchall()
    for event_id, label, event_type in events:
        for unit in units:
            cases += [("counts_around_event", {"event": event_id, "unit": unit}),
                      ("counts_around_event", {"event": event_id, "unit": unit + "s"})]
        # a label, a type, other case (answers_counts_around_event_labels) and a part of a
        # label (not in the lookup table: counts_around_event.search.sql)
        for text in (label, event_type, str(label).upper(), f" {label} ", str(label)[1:-1]):
            cases.append(("counts_around_event", {"event": text, "unit": (units or ["x"])[0]}))
    cases.append(("counts_around_event", {"event": "no such event", "unit": "attack"}))
    names = column("SELECT unnest(list_append(list_append(aliases, name), entity_id)) "
                   "FROM entities")
    words = column("SELECT unnest(string_split(lower(name), ' ')) FROM entities")
    speakers = column("SELECT speaker FROM claims")
    # texts the lookup tables must treat as the regular expressions do: other case and
    # spaces around, part of a word, a word with its punctuation, runs of two words
    odd = column("SELECT unnest([' ' || upper(name) || ' ', left(name, 3), name || '.', "
                 "'(' || name, array_to_string(string_split(name, ' ')[2:3], ' ')]) "
                 "FROM entities")
    for text in names + words + speakers + odd + ["nobody", "", "  "]:
        cases += [("entity_profile", {"entity": text}), ("claims_by_entity", {"entity": text})]
    # claims_by_entity's pages (its documents are cut when read): each of the first
    # positions, a page across them, every claim, a page past the end, and numbers the
    # documents' page rule leaves to DuckDB, for entity ids (one document) and texts
    # (several merged)
    for text in column("SELECT speaker_entity_id FROM claims") + speakers + words:
        for limit, offset in (("1", "0"), ("1", "1"), ("2", "1"), ("1000", "0"),
                              ("3", "100"), (" 2", "0"), ("2", "+0")):
            cases.append(("claims_by_entity", {"entity": text, "limit": limit,
                                               "offset": offset}))
    for kind, table, key in (("entity", "entities", "entity_id"), ("event", "events", "event_id"),
                             ("date", "dates", "date_id"), ("count", "counts", "count_id"),
                             ("claim", "claims", "claim_id")):
        for fact_id in column(f"SELECT {key} FROM {table}") + ["no-such"]:
            cases.append(("fact_citations", {"kind": kind, "id": fact_id}))
        cases.append(("fact_citations", {"kind": kind.upper(), "id": "x"}))
    for kind in ("", "claim", "count", "date", "event", " Claim "):
        for least in ("0", "1", "2", "3"):
            cases.append(("corroboration", {"kind": kind, "min_articles": least}))
            # pages: one group at each of the first positions, a page across them, every
            # group at once, a page past the end; pages across two and three of the stored
            # documents of 20 positions (min_articles 0 and 1 keep every group: 40 here),
            # past the stored ones, and numbers the documents' rule leaves to DuckDB
            for limit, offset in (("1", "0"), ("1", "1"), ("1", "2"), ("1", "7"), ("3", "2"),
                                  ("1000", "0"), ("20", "1000"), ("20", "15"), ("45", "5"),
                                  ("20", "990"), (" 20", "0"), ("20", "+0")):
                cases.append(("corroboration", {"kind": kind, "min_articles": least,
                                                "limit": limit, "offset": offset}))
    filters = column("SELECT unnest([anchor_event_id, subject]) FROM disagreements")
    for text in ["", "zzz"] + filters + [str(e[1]) for e in events] + [str(e[2]) for e in events]:
        cases.append(("disagreements", {"event": text}))
    days = column("SELECT CAST(unnest([date_start, date_end]) AS VARCHAR) FROM events")
    cases.append(("event_timeline", {}))
    for event_type in column("SELECT event_type FROM events") + ["nothing"]:
        cases.append(("event_timeline", {"type": event_type.upper()}))
    for day in days:
        cases += [("event_timeline", {"from": day}), ("event_timeline", {"to": day}),
                  ("event_timeline", {"from": day, "to": day})]
    # ranges across months, of a type and of every type (its documents by month), written
    # with spaces around, a range ending before it starts, one of more than 32 months, and
    # dates DuckDB reads (or refuses) that the documents do not (the answer table answers)
    types = column("SELECT DISTINCT event_type FROM events")
    for day, event_type in zip(days, types * len(days), strict=False):
        for span in ((-35, 3), (-1, 70), (-400, 400), (-600, 600), (5, -5)):
            start, end = column(f"SELECT CAST(DATE '{day}' + {span[0]} AS VARCHAR) || ',' || "
                                f"CAST(DATE '{day}' + {span[1]} AS VARCHAR)")[0].split(",")
            cases += [("event_timeline", {"type": event_type, "from": start, "to": end}),
                      ("event_timeline", {"from": f" {start} ", "to": end})]
    if days:
        cases += [("event_timeline", {"from": days[0].replace("-", ""), "to": days[0]}),
                  ("event_timeline", {"from": days[0], "to": days[0] + " 00:00:00"}),
                  ("event_timeline", {"type": " x|y ", "from": days[0], "to": days[0]}),
                  ("event_timeline", {"from": "2021-02-30", "to": days[0]})]
    return cases


def assert_answers_agree(con: duckdb.DuckDBPyConnection) -> int:
    """Every case of answer_cases: the answer table's read gives the full SQL's rows (or the
    same parameter error). Returns the number of cases."""
    from factdb.resolve.answers import builds, built

    filled = built(con)
    assert filled == {b.query for b in builds()}, filled
    assert {b.part_of for b in builds()} == {
        q.name for q in registry().values() if q.answer_sql}
    cases = answer_cases(con)
    documents: dict[str, int] = {}
    for name, params in cases:
        q = get(name)
        try:
            expected = as_json(*q.run(con, params, reference=True))
        except QueryParamError as exc:
            with pytest.raises(QueryParamError) as info:
                q.run(con, params)
            assert str(info.value) == str(exc), (name, params)
            continue
        assert as_json(*q.run(con, params)) == expected, (name, params)
        if isinstance(q.execute(con, params), Document):
            documents[name] = documents.get(name, 0) + 1
    # the queries with documents (migration 032) answered from them
    assert set(documents) == {q.name for q in registry().values() if q.answer_doc_sql}
    return len(cases)


def test_answer_tables_agree_with_the_queries_on_the_fixture_corpus(tmp_path: Path) -> None:
    from factdb.resolve.answers import build_all

    con = db.connect(build_fixture_db(tmp_path / "answers.duckdb"))
    try:
        assert answers_unused_before_a_build(con)
        build_all(con, RUN_ID)
        assert assert_answers_agree(con) > 300
        # the expected outputs hold when read from the answer tables too
        for name in sorted(registry()):
            for case in expected_cases(name):
                assert as_json(*get(name).run(con, case["params"])) == case["rows"]
        for name, params, problem in BAD_VALUES:
            with pytest.raises(QueryParamError, match=problem):
                get(name).run(con, params)
        assert_answer_storage(con)
    finally:
        con.close()


def test_fact_citations_of_a_fact_without_mentions(tmp_path: Path) -> None:
    """An event or entity without mentions has no group in answers_corroboration: its
    citations are read from its own row of answers_fact_citations (none), as the full SQL
    gives them; an unknown fact and an unknown kind answer as the full SQL does."""
    from factdb.resolve.answers import build_all

    con = db.connect(build_fixture_db(tmp_path / "answers.duckdb"))
    try:
        con.execute("INSERT INTO events SELECT * REPLACE ('ev-unmentioned' AS event_id) "
                    "FROM events LIMIT 1")
        con.execute("INSERT INTO entities SELECT * REPLACE ('e-unmentioned' AS entity_id) "
                    "FROM entities LIMIT 1")
        build_all(con, RUN_ID)
        q = get("fact_citations")
        for params, found in (({"kind": "event", "id": "ev-unmentioned"}, 1),
                              ({"kind": "entity", "id": "e-unmentioned"}, 1),
                              ({"kind": " Event ", "id": "ev-unmentioned"}, 1),
                              ({"kind": "event", "id": "e-unmentioned"}, 0)):
            expected = as_json(*q.run(con, params, reference=True))
            assert len(expected) == found, params
            assert all(r["citations"] == [] for r in expected), expected
            assert as_json(*q.run(con, params)) == expected, params
        with pytest.raises(QueryParamError, match="kind must be one of"):
            q.run(con, {"kind": "rumour", "id": "ev-unmentioned"})
    finally:
        con.close()


def _preview(citations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The preview rule (docs/adr/0012, eleventh round), written again: the first citation
    of each article, then the others, each in the citation order, at most 10."""
    first = [c for n, c in enumerate(citations)
             if n == 0 or citations[n - 1]["article_id"] != c["article_id"]]
    rest = [c for n, c in enumerate(citations)
            if n > 0 and citations[n - 1]["article_id"] == c["article_id"]]
    return (first + rest)[:10]


def test_long_answers_carry_a_preview_of_their_citations(tmp_path: Path) -> None:
    """corroboration and event_timeline give at most 10 citations a row (the first of each
    article first) and the number of all of them; fact_citations gives every one, from the
    row's kind and a member id (an event: its id). Every mention of the fixture corpus made
    one event's (11 in 9 articles), every count one group's (18 in 11 articles), every claim
    one claim group's: the answer tables agree with the full SQL there too."""
    from factdb.resolve.answers import build_all

    con = db.connect(build_fixture_db(tmp_path / "answers.duckdb"))
    try:
        con.execute("UPDATE event_mentions SET event_id = 'ev-mediation'")
        con.execute("UPDATE counts SET group_id = (SELECT min(group_id) FROM counts)")
        con.execute("UPDATE claims SET claim_group_id = (SELECT min(claim_group_id) "
                    "FROM claims)")
        build_all(con, RUN_ID)
        assert assert_answers_agree(con) > 300
        rows = [r for kind in ("event", "count", "claim") for r in as_json(*get(
            "corroboration").run(con, {"kind": kind, "min_articles": "1", "limit": "1"}))]
        rows += as_json(*get("event_timeline").run(con, {"type": "visit"}))
        cut = 0
        for row in rows:
            kind = row.get("kind", "event")
            member = row.get("member_ids") or [row.get("group_id") or row["event_id"]]
            every = as_json(*get("fact_citations").run(con, {"kind": kind, "id": member[0]}))
            full = every[0]["citations"]
            assert row["citation_count"] == len(full), row
            assert row["citations"] == _preview(full), row
            cut += len(full) > 10
        assert cut >= 3, rows
    finally:
        con.close()


def assert_answer_storage(con: duckdb.DuckDBPyConnection) -> None:
    """The build's headers hold: JSON columns are text, the key column has its index, and
    a query whose read takes keys or decodes JSON exports its full SQL."""
    from factdb.resolve.answers import builds, index_name

    indexes = {r[0] for r in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
    for b in builds():
        types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                                 "WHERE table_name = ?", [b.table]).fetchall())
        assert all(types[c] == "VARCHAR" for c in b.json), (b.table, types)
        assert b.index is None or index_name(b) in indexes, (b.table, indexes)
        q = get(b.part_of)
        assert (q.sql_for(con) == q.sql) == bool(q.answer_keys_sql or q.answer_json), b.query


def answers_unused_before_a_build(con: duckdb.DuckDBPyConnection) -> bool:
    """A database whose answer tables were never built answers with the full SQL."""
    return not any(q.uses_answers(con) for q in registry().values())


def test_answer_tables_agree_with_the_queries_on_the_seeds(seeds_db: Path) -> None:
    """The seeds (tests/fixtures/formats) loaded by the pipeline: its last resolver filled
    the answer tables."""
    con = db.connect(seeds_db, read_only=True)
    try:
        assert assert_answers_agree(con) > 300
    finally:
        con.close()


def test_every_load_rebuilds_the_answer_tables(tmp_path: Path) -> None:
    """Two loads into one database: after the second, the answers include the new articles
    and still agree with the full SQL on every key."""
    from factdb.load import load
    from factdb.settings import Settings
    from tests.scoring.context import FORMATS

    path = tmp_path / "two.duckdb"
    files = sorted(p for p in FORMATS.iterdir() if p.is_file())
    settings = Settings(db_path=str(path))
    load([str(p) for p in files[:2]], settings)
    load([str(p) for p in files[2:]], settings)
    con = db.connect(path, read_only=True)
    try:
        runs = con.execute("SELECT count(DISTINCT run_id) FROM answer_builds").fetchone()
        assert runs == (1,)
        articles = con.execute("SELECT count(DISTINCT article_id) FROM answers_article_facts "
                               "").fetchone()
        assert articles == con.execute("SELECT count(*) FROM articles").fetchone()
        assert assert_answers_agree(con) > 300
    finally:
        con.close()


def _write_expected(path: Path) -> None:
    """Rewrite the expected outputs from the current queries (run, then review the diff)."""
    build_fixture_db(path)
    con = db.connect(path, read_only=True)
    for name in sorted(registry()):
        target = FIXTURES / f"{name}.json"
        cases = expected_cases(name) if target.exists() else [{"params": {}}]
        for case in cases:
            case["rows"] = as_json(*get(name).run(con, case["params"]))
        target.write_text(json.dumps({"cases": cases}, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
        print(f"wrote {target} ({len(cases)} cases)")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        _write_expected(Path(tmp) / "fixture.duckdb")


def test_prepared_reads_take_any_text_and_keyword_names() -> None:
    """run_prepared (the answer reads): a statement prepared once per connection, its
    values passed as literals: quotes and comment marks stay text, a parameter may be
    named like a keyword ($from), one used twice is passed once, None is NULL, and a
    statement DuckDB cannot prepare runs as it is."""
    from factdb.prepared import run_prepared

    con = duckdb.connect(":memory:")
    try:
        sql = ("SELECT $from || '|' || $to AS a, $from = $from AS same, "
               "$none IS NULL AS null_ok -- a comment with $nothing in it")
        for text in ("it's", "x'; DROP TABLE t; --", "$to", "naïve \\ 'q'"):
            row = run_prepared(con, "t", sql, {"from": text, "to": "b", "none": None}
                               ).fetchall()
            assert row == [(f"{text}|b", True, True)]
        assert run_prepared(con, "u", "SELECT $x = 'a' AS ok", {"x": "a"}).fetchall() == [
            (True,)]
        # a second connection prepares its own
        other = con.cursor()
        assert run_prepared(other, "t", sql, {"from": "c", "to": "d", "none": None}
                            ).fetchall() == [("c|d", True, True)]
    finally:
        con.close()
