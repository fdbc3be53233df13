"""The schema contract: migrations, tables and columns, and the provenance invariant."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from factdb import db
from factdb.errors import SchemaError

CONTRACT = {
    "articles": ["article_id", "source_uri", "url", "outlet", "title", "published_on",
                 "published_basis", "language", "text", "sha256", "run_id"],
    "sentences": ["sentence_id", "article_id", "seq", "char_start", "char_end", "role"],
    "entities": ["entity_id", "name", "entity_type", "aliases", "mention_count",
                 "article_count"],
    "entity_mentions": ["mention_id", "entity_id"],
    "dates": ["date_id", "value_start", "value_end", "granularity", "basis", "anchor"],
    "counts": ["count_id", "value", "value_low", "value_high", "qualifier", "unit",
               "event_type", "window_start", "window_end", "anchor_event_id"],
    "claims": ["claim_id", "speaker", "speaker_entity_id", "cue", "is_direct_quote",
               "claim_group_id"],
    "events": ["event_id", "event_type", "label", "date_start", "date_end",
               "location_entity_id", "mention_count", "article_count"],
    "event_mentions": ["event_id"],
    "extraction_runs": ["run_id", "started_at", "finished_at", "factdb_version",
                        "config_sha256", "article_count", "status"],
}
DATE_COLUMNS = {("articles", "published_on"), ("dates", "value_start"), ("dates", "value_end"),
                ("counts", "window_start"), ("counts", "window_end"),
                ("events", "date_start"), ("events", "date_end")}


def test_every_contract_table_and_column_exists(db_path: Path) -> None:
    con = db.connect(db_path)
    for table, columns in CONTRACT.items():
        have = dict(db.table_columns(con, table))
        expected = columns + (list(db.PROVENANCE_COLUMNS) if table in db.FACT_TABLES else [])
        assert [c for c in expected if c not in have] == [], table
        for t, c in DATE_COLUMNS:
            if t == table:
                assert have[c] == "DATE", (t, c)
    assert dict(db.table_columns(con, "entities"))["aliases"] == "VARCHAR[]"


def test_migrations_are_applied_in_order_and_recorded_once(db_path: Path) -> None:
    con = db.connect(db_path)
    recorded = con.execute("SELECT version, name FROM schema_migrations ORDER BY version")
    assert recorded.fetchall() == [(v, n) for v, n, _ in db.migrations()]
    con.close()
    con = db.connect(db_path)  # reconnecting applies nothing twice
    assert db.migrate(con) == []
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone() == (
        len(db.migrations()),)


def test_an_edited_migration_is_refused(db_path: Path) -> None:
    con = db.connect(db_path)
    con.execute("UPDATE schema_migrations SET sha256 = 'x' WHERE version = 1")
    with pytest.raises(SchemaError, match="changed after it was applied"):
        db.migrate(con)


def test_read_only_open_of_a_non_factdb_file_is_a_clear_error(tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(SchemaError, match="not a factdb database"):
        db.connect(other, read_only=True)
    with pytest.raises(SchemaError, match="no such database"):
        db.connect(tmp_path / "missing.duckdb", read_only=True)


@pytest.mark.parametrize("table", db.FACT_TABLES)
def test_provenance_invariant_holds_for_every_fact_row(
        seeds_con: duckdb.DuckDBPyConnection, table: str) -> None:
    """articles.text[char_start:char_end] == quote, checked in Python (0-based, end exclusive)."""
    texts = dict(seeds_con.execute("SELECT article_id, text FROM articles").fetchall())
    rows = seeds_con.execute(
        f"SELECT article_id, sentence_id, char_start, char_end, quote, extractor, confidence, "
        f"run_id FROM {table}").fetchall()
    assert rows, f"{table} is empty: the invariant would hold without being tested"
    bad = [r for r in rows if texts[r[0]][r[2]:r[3]] != r[4]]
    assert bad == []
    runs = {r[0] for r in seeds_con.execute("SELECT run_id FROM extraction_runs").fetchall()}
    sentences = {r[0] for r in seeds_con.execute("SELECT sentence_id FROM sentences").fetchall()}
    for article_id, sentence_id, start, end, quote, extractor, confidence, run_id in rows:
        assert sentence_id in sentences and sentence_id.startswith(article_id + ":")
        assert run_id in runs and extractor and 0 <= confidence <= 1 and 0 <= start < end
        assert quote


def test_sentences_are_grounded_and_ordered(seeds_con: duckdb.DuckDBPyConnection) -> None:
    texts = dict(seeds_con.execute("SELECT article_id, text FROM articles").fetchall())
    rows = seeds_con.execute("SELECT article_id, seq, char_start, char_end, role FROM sentences "
                             "ORDER BY article_id, seq").fetchall()
    last: dict[str, int] = {}
    for article_id, seq, start, end, role in rows:
        text = texts[article_id][start:end]
        assert text == text.strip() and text, (article_id, seq)
        assert start >= last.get(article_id, 0)
        last[article_id] = end
        assert role in ("headline", "byline", "dateline", "body", "caption", "boilerplate")
