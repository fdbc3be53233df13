"""The seeds, end to end: what a reader of the five articles knows, asked of every surface.

The seeds are outlets retelling one wire report; these tests hold the pipeline to the
facts a careful reader takes from them. The expected values live here, in the tests,
never in factdb/.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner
from litestar.testing import TestClient

from api.app import create_app
from api.settings import ApiSettings
from factdb.cli import main
from factdb.queries import get

ARTICLES = 5


def _before_after(rows: list[dict[str, Any]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    before = [r for r in rows if r["period"] == "before"]
    after = [r for r in rows if r["period"] == "after"]
    assert len(before) == 1, before
    return before[0], after


def _check_answer(rows: list[dict[str, Any]], texts: dict[str, str]) -> None:
    before, after = _before_after(rows)
    assert (before["qualifier"], before["value"], before["value_low"]) == ("more_than", 20, 21)
    assert str(before["window_start"]) == "2024-01-15"
    assert str(before["window_end"]) == "2024-01-28"  # two weeks ending the day before
    assert before["article_count"] == ARTICLES
    assert len({c["article_id"] for c in before["citations"]}) == ARTICLES
    from_feb4 = [r for r in after if str(r["window_start"]) == "2024-02-04"]
    assert len(from_feb4) == 1 and from_feb4[0]["qualifier"] == "none"
    assert from_feb4[0]["value"] == 0 and from_feb4[0]["article_count"] == 3
    assert all(r["qualifier"] == "none" for r in after)  # the other sides of the dispute
    for row in [before, *after]:
        for c in row["citations"]:
            assert texts[c["article_id"]][c["char_start"]:c["char_end"]] == c["quote"]


@pytest.fixture(scope="module")
def texts(seeds_db: Path) -> dict[str, str]:
    con = duckdb.connect(str(seeds_db), read_only=True)
    try:
        return dict(con.execute("SELECT article_id, text FROM articles").fetchall())
    finally:
        con.close()


def test_counts_around_the_visit_in_process(seeds_con: duckdb.DuckDBPyConnection,
                                            texts: dict[str, str]) -> None:
    columns, rows = get("counts_around_event").run(seeds_con,
                                                   {"event": "visit", "unit": "attack"})
    _check_answer([dict(zip(columns, r, strict=True)) for r in rows], texts)


def test_counts_around_the_visit_from_the_cli(seeds_db: Path, texts: dict[str, str]) -> None:
    result = CliRunner().invoke(main, ["query", "counts_around_event", "--db", str(seeds_db),
                                       "-p", "event=visit", "-p", "unit=attack", "--json"])
    assert result.exit_code == 0, result.output
    _check_answer(json.loads(result.output), texts)


def test_counts_around_the_visit_from_the_api(seeds_db: Path, texts: dict[str, str]) -> None:
    app = create_app(ApiSettings.from_env(db_path=str(seeds_db)))
    with TestClient(app=app) as client:
        response = client.get("/v1/queries/counts_around_event",
                              params={"event": "visit", "unit": "attack"})
        assert response.status_code == 200, response.text
        _check_answer(response.json()["rows"], texts)


def test_counts_around_the_visit_in_plain_sql(seeds_db: Path, texts: dict[str, str]) -> None:
    """The same answer from the public tables through the read-only SQL command."""
    sql = """
        SELECT CASE WHEN c.window_end < e.date_start THEN 'before' ELSE 'after' END AS period,
               c.qualifier, c.value, c.value_low, min(c.window_start) AS window_start,
               max(c.window_end) AS window_end, count(DISTINCT c.article_id) AS article_count,
               list(struct_pack(article_id := c.article_id, quote := c.quote,
                                char_start := c.char_start, char_end := c.char_end))
                   AS citations
        FROM counts c JOIN events e ON e.event_type = 'visit' AND e.article_count = 5
        WHERE c.unit = 'attack' AND c.group_id IN (
            SELECT group_id FROM counts WHERE anchor_event_id = e.event_id
            UNION SELECT group_id FROM counts WHERE window_start > e.date_start
                                               AND qualifier = 'none')
        GROUP BY 1, 2, 3, 4, c.group_id ORDER BY period DESC, window_start"""
    result = CliRunner().invoke(main, ["sql", "--db", str(seeds_db), "--json", sql])
    assert result.exit_code == 0, result.output
    _check_answer(json.loads(result.output), texts)


def test_the_visit_is_one_event_on_its_day(seeds_con: duckdb.DuckDBPyConnection) -> None:
    visits = seeds_con.execute(
        "SELECT date_start, article_count FROM events WHERE event_type = 'visit'").fetchall()
    assert visits == [(date(2024, 1, 29), ARTICLES)]


def test_every_before_count_is_anchored_to_the_visit(
        seeds_con: duckdb.DuckDBPyConnection) -> None:
    rows = seeds_con.execute("""
        SELECT c.article_id, e.event_type, e.date_start FROM counts c
        LEFT JOIN events e ON e.event_id = c.anchor_event_id
        WHERE c.unit = 'attack' AND c.qualifier = 'more_than' AND c.value = 20""").fetchall()
    assert len({r[0] for r in rows}) == ARTICLES
    assert {(r[1], r[2]) for r in rows} == {("visit", date(2024, 1, 29))}


def test_when_the_attacks_stopped_is_a_disagreement(
        seeds_con: duckdb.DuckDBPyConnection) -> None:
    rows = seeds_con.execute("""
        SELECT d.disagreement_id, list(DISTINCT s.position ORDER BY s.position)
        FROM disagreements d JOIN disagreement_sides s USING (disagreement_id)
        WHERE d.kind = 'window' AND d.subject LIKE 'no attack%'
        GROUP BY d.disagreement_id""").fetchall()
    assert len(rows) == 1
    assert rows[0][1] == ["since 2024-01-29", "since 2024-02-01", "since 2024-02-04"]


def test_troops_targets_and_tolls_are_counts(seeds_con: duckdb.DuckDBPyConnection) -> None:
    facts = set(seeds_con.execute(
        "SELECT unit, value, place FROM counts WHERE qualifier <> 'none'").fetchall())
    assert ("troop", 2500, "Iraq") in facts and ("troop", 900, "Syria") in facts
    assert ("target", 85, "Iraq and Syria") in facts
    assert ("soldier", 3, "Jordan") in facts


def test_the_quoted_commander_is_one_claim_group(seeds_con: duckdb.DuckDBPyConnection) -> None:
    groups = seeds_con.execute("""
        SELECT claim_group_id, count(DISTINCT article_id) FROM claims
        WHERE is_direct_quote AND content ILIKE '%direct intervention%'
        GROUP BY 1""").fetchall()
    assert len(groups) == 1 and groups[0][1] >= 3


def test_one_wire_report_relayed_four_times_is_one_independent_source(
        seeds_con: duckdb.DuckDBPyConnection) -> None:
    groups = seeds_con.execute("""
        SELECT DISTINCT g.article_count, g.independent_source_count, g.relay_count,
               g.original_sources
        FROM counts c JOIN fact_groups g USING (group_id)
        WHERE c.unit = 'attack' AND c.qualifier = 'more_than' AND c.value = 20""").fetchall()
    assert groups == [(5, 1, 4, ["Reuters"])]


def test_a_strike_told_as_four_years_earlier_is_not_the_february_strike(
        seeds_con: duckdb.DuckDBPyConnection) -> None:
    days = seeds_con.execute("""
        SELECT DISTINCT d.value_start, d.value_end FROM event_mentions m
        JOIN events e USING (event_id) JOIN dates d ON d.date_id = m.date_id
        WHERE e.event_type = 'strike' AND e.date_start = DATE '2024-02-02'""").fetchall()
    assert days == [(date(2024, 2, 2), date(2024, 2, 2))]
