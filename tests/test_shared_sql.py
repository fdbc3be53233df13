"""The SQL fragments the named queries share are written once, as macros of migration 008.

The macros are used by every named query that builds a citation, a count label or an entity
lookup; an older database gets them from `factdb migrate` and then gives the expected
rows; and the canned queries of the SQLite copy carry the macros' expansion, not their
names (SQLite has no macros).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from factdb import db
from factdb.cli import main
from factdb.errors import SchemaError, TranspileError
from factdb.publish.macros import expand_macros, schema_macros
from factdb.publish.transpile import SchemaInfo, to_sqlite
from factdb.queries import get, registry
from tests.test_queries import as_json, build_fixture_db, expected_cases

MACROS = {"factdb_citation", "factdb_count_label", "factdb_entity_lookup",
          # migration 032: the answer tables' keys statements and lookup builds
          "factdb_best_entities", "factdb_word_bounds", "factdb_word_runs",
          # migration 035: counts_around_event's search and the build of its label table
          "factdb_event_search",
          # migration 038: the texts that find an entity, claims_by_entity's parts per
          # text, disagreements' filter (the stored answers per text and their touched files)
          "factdb_text_entities", "factdb_claims_by_entity_parts", "factdb_disagreement_kept",
          # migration 039: the documents of event_timeline an event is in
          "factdb_event_buckets",
          # migration 040: the speakers claims_by_entity's read and search take for a text
          "factdb_claim_speakers"}
#: the citation, written out: the six fields of a citation in one struct
CITATION = re.compile(r"struct_pack\(\s*article_id\s*:=.*?char_end\s*:=[^)]*\)", re.S)
COUNT_LABEL = re.compile(r"qualifier IN \('exact', 'none'\)")
ENTITY_RANK = re.compile(r"match_rank")


def test_migration_008_creates_the_macros() -> None:
    assert set(schema_macros()) == MACROS
    con = db.connect(":memory:")
    try:
        names = {r[0] for r in con.execute(
            "SELECT function_name FROM duckdb_functions() WHERE function_type IN "
            "('macro', 'table_macro') AND NOT internal").fetchall()}
    finally:
        con.close()
    assert MACROS <= names


def test_an_event_is_in_the_documents_of_every_month_it_touches() -> None:
    """factdb_event_buckets: the months from an event's start to its end (its end when
    later), for its lowercased type and every type, and its type's every date; an undated
    event in its type's only."""
    con = db.connect(":memory:")
    try:
        rows = con.execute("""
            SELECT factdb_event_buckets(t, CAST(s AS DATE), CAST(e AS DATE))
            FROM (VALUES ('Vote', '2021-11-30', '2022-01-02'), ('vote', '2021-11-30', NULL),
                         ('vote', '2021-11-30', '2021-10-01'), ('vote', NULL, '2021-10-01'))
                 AS v(t, s, e)""").fetchall()
    finally:
        con.close()
    assert [r[0] for r in rows] == [
        ["vote|2021-11", "|2021-11", "vote|2021-12", "|2021-12", "vote|2022-01", "|2022-01",
         "vote|*"],
        ["vote|2021-11", "|2021-11", "vote|*"],
        ["vote|2021-11", "|2021-11", "vote|*"],
        ["vote|*"]]


@pytest.mark.parametrize("name", sorted(registry()))
def test_no_query_writes_a_shared_fragment_out(name: str) -> None:
    sql = get(name).sql
    assert not CITATION.search(sql)
    assert not COUNT_LABEL.search(sql)
    assert not ENTITY_RANK.search(sql)


def test_the_answer_reads_share_the_entity_lookup_and_the_word_runs() -> None:
    """The best entities of a text and the runs of whole words of a name are written once
    (migration 032), not in each keys statement and lookup build that needs them; so are
    the speakers claims_by_entity takes for a text (migration 040)."""
    from factdb.resolve.answers import ANSWER_DIR

    texts = {p.name: p.read_text(encoding="utf-8") for p in ANSWER_DIR.glob("*.sql")}
    best = {n for n, t in texts.items() if "factdb_best_entities(" in t}
    assert best == {"entity_profile.keys.sql"}
    speakers = {n for n, t in texts.items() if "factdb_claim_speakers(" in t}
    assert speakers == {"claims_by_entity.search.sql", "claims_by_entity.read.sql"}
    assert not [n for n, t in texts.items() if "answers_speaker_lookup AS" in t]
    runs = {n for n, t in texts.items() if "factdb_word_runs(" in t}
    assert runs == {"claims_by_entity.speakers.build.sql", "entity_profile.lookup.build.sql"}
    assert not [n for n, t in texts.items() if "regexp_full_match" in t or "QUALIFY" in t]


def test_every_query_with_citations_uses_the_citation_macro() -> None:
    users = {name for name, q in registry().items() if "factdb_citation(" in q.sql}
    assert users == set(registry())
    labels = {name for name, q in registry().items() if "factdb_count_label(" in q.sql}
    assert labels == {"article_facts", "corroboration", "fact_citations"}
    lookups = {name for name, q in registry().items() if "factdb_entity_lookup(" in q.sql}
    assert lookups == {"claims_by_entity", "entity_profile"}


def test_macros_give_the_values_the_queries_gave() -> None:
    con = db.connect(":memory:")
    text = "Headline here. Fighting stopped on Monday, officials said. Another one."
    try:
        con.execute("INSERT INTO articles BY NAME SELECT 'a1' AS article_id, 'f.txt' AS "
                    "source_uri, 'Ledger' AS outlet, DATE '2024-03-05' AS published_on, "
                    "? AS text, 'x' AS sha256, 'r' AS run_id, 'txt' AS source_format, "
                    "len(?) AS char_count", [text, text])
        con.execute("INSERT INTO sentences BY NAME SELECT * FROM (VALUES "
                    "('a1:0', 'a1', 0, 0, 14, 'headline', 0), "
                    "('a1:1', 'a1', 1, 15, 58, 'body', 1), "
                    "('a1:2', 'a1', 2, 59, 71, 'body', 1)) "
                    "AS v(sentence_id, article_id, seq, char_start, char_end, role, paragraph)")
        row = con.execute(
            "SELECT factdb_count_label('at_least', 12.0, 'attack', 'Xland', DATE '2024-01-01',"
            " DATE '2024-01-31'), factdb_count_label(NULL, 2.5, NULL, NULL, NULL, "
            "DATE '2024-02-01'), factdb_count_label('exact', NULL, 'x', NULL, NULL, NULL), "
            "factdb_citation('a1', NULL, 'u', 'stopped', 24, 31), "
            "factdb_citation('a1', 'Ledger', NULL, 'said. Another', 53, 66), "
            "factdb_citation('zz', NULL, NULL, 'q', 3, 4), "
            "factdb_citation('a1', NULL, NULL, ' ', 14, 15)").fetchone()
    finally:
        con.close()
    assert text[24:31] == "stopped" and text[53:66] == "said. Another"
    view = "/pages/articles/{}?at={}-{}#c{}-{}"
    assert row == ("at least 12 attack in Xland (2024-01-01 to 2024-01-31)",
                   "2.5 (until 2024-02-01)", "? x",
                   {"article_id": "a1", "outlet": None, "url": "u",
                    "published_on": date(2024, 3, 5), "quote": "stopped",
                    "char_start": 24, "char_end": 31,
                    "sentence": "Fighting stopped on Monday, officials said.",
                    "sentence_start": 15, "mark_start": 9, "mark_end": 16,
                    "article_view": view.format("a1", 24, 31, 24, 31)},
                   # a quote across two sentences: both sentences
                   {"article_id": "a1", "outlet": "Ledger", "url": None,
                    "published_on": date(2024, 3, 5), "quote": "said. Another",
                    "char_start": 53, "char_end": 66,
                    "sentence": "Fighting stopped on Monday, officials said. Another one.",
                    "sentence_start": 15, "mark_start": 38, "mark_end": 51,
                    "article_view": view.format("a1", 53, 66, 53, 66)},
                   # an article that is not there: no date, no sentence
                   {"article_id": "zz", "outlet": None, "url": None, "published_on": None,
                    "quote": "q", "char_start": 3, "char_end": 4, "sentence": None,
                    "sentence_start": None, "mark_start": None, "mark_end": None,
                    "article_view": view.format("zz", 3, 4, 3, 4)},
                   # a quote between two sentences: the article's date, no sentence
                   {"article_id": "a1", "outlet": None, "url": None,
                    "published_on": date(2024, 3, 5), "quote": " ",
                    "char_start": 14, "char_end": 15, "sentence": None,
                    "sentence_start": None, "mark_start": None, "mark_end": None,
                    "article_view": view.format("a1", 14, 15, 14, 15)})


def test_migrate_brings_a_database_without_macros_up(tmp_path: Path) -> None:
    """A database built before 008 (no macros, no 008 row) is brought up by `factdb migrate`
    and then answers every named query as expected."""
    path = build_fixture_db(tmp_path / "old.duckdb")
    con = duckdb.connect(str(path))
    con.execute("DROP MACRO factdb_citation")
    con.execute("DROP MACRO factdb_count_label")
    con.execute("DROP MACRO TABLE factdb_entity_lookup")
    con.execute("DELETE FROM schema_migrations WHERE version >= 8")
    con.close()
    with pytest.raises(SchemaError, match="factdb migrate"):
        db.connect(path, read_only=True)
    result = CliRunner().invoke(main, ["migrate", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "migrations applied: 008" in result.output
    con = db.connect(path, read_only=True)
    try:
        for name in sorted(registry()):
            for case in expected_cases(name):
                columns, rows = get(name).run(con, case["params"])
                assert as_json(columns, rows) == case["rows"], (name, case["params"])
    finally:
        con.close()


def test_canned_queries_carry_the_expansion() -> None:
    schema = SchemaInfo()
    for name, q in registry().items():
        sqlite = to_sqlite(q.sql, schema, {p.name: p.default for p in q.params
                                           if p.default is not None})
        assert not any(m in sqlite for m in MACROS), name


def test_expansion_substitutes_arguments_not_struct_keys() -> None:
    import sqlglot

    tree = sqlglot.parse_one("SELECT factdb_citation(a.article_id, a.outlet, a.url, m.quote, "
                             "m.char_start, m.char_end + 1) AS c", read="duckdb")
    out = expand_macros(tree).sql("duckdb")
    # the arguments replace the parameters (inside the subquery too); the keys stay
    for part in ("'article_id': a.article_id, 'outlet': a.outlet, 'url': a.url",
                 "'quote': m.quote, 'char_start': m.char_start, 'char_end': (m.char_end + 1)",
                 "fdb_around.char_end > m.char_start",
                 "fdb_around.char_start < (m.char_end + 1)",
                 "WHERE fdb_around.article_id = a.article_id",
                 "WHERE fdb_article.article_id = a.article_id"):
        assert part in out, (part, out)
    assert "cited_" not in out
    with pytest.raises(TranspileError, match="takes 6 arguments"):
        expand_macros(sqlglot.parse_one("SELECT factdb_citation(1)", read="duckdb"))
