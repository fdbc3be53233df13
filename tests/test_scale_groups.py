"""Incremental fact groups (issue 16 item 3, factdb.resolve.fact_groups, migration 036): a
load groups again only the blocks its batch can change (a count's unit, qualifier and
value; a date's day range), including the facts of an older article whose outlet or
original source changed, and the store holds what one load of every article gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from factdb import db
from factdb.load import load
from factdb.resolve import fact_groups
from factdb.settings import Settings
from tests.batches import table_rows, write_batches

#: an older article quoting a firm that a later article shows to be an outlet: its claim
#: becomes a relay of that outlet (claims.known_outlets), so its group's sources change
TEXTS = {
    "flood.md": "---\noutlet: Coastal Herald\npublished: 2026-03-02\n---\n"
                "Floods kill twelve in Marrow County\n\nTwelve people were killed in the "
                "flooding in Marrow County on Sunday, Ravensworth Partners said. Rescue "
                "teams searched the river banks on Monday.\n",
    "buses.md": "---\noutlet: Denholm Gazette\npublished: 2026-03-01\n---\nCouncil buys "
                "buses\n\nThe Denholm council approved 40 new buses on Friday, the mayor "
                "said. The buses will arrive in May.\n",
    "homes.md": "---\noutlet: Ravensworth Partners\npublished: 2026-03-03\n---\nStorm "
                "destroys homes\n\nThe storm destroyed 30 homes along the coast of Marrow "
                "County on Sunday, officials said.\n",
    "toll.md": "---\noutlet: Valley Post\npublished: 2026-03-04\n---\nFlood toll\n\n"
               "Twelve people died in the floods in Marrow County, the police said.\n",
}
TABLES = {"fact_groups": "group_id", "fact_group_inputs": "fact_id",
          "counts": "count_id", "dates": "date_id"}


def _facts_of(path: Path, name: str) -> set[str]:
    """The count and date ids of the article loaded from file ``name``."""
    con = db.connect(path, read_only=True)
    try:
        return {str(r[0]) for r in con.execute("""
            SELECT count_id FROM counts JOIN articles USING (article_id)
            WHERE source_uri LIKE '%' || ? UNION
            SELECT date_id FROM dates JOIN articles USING (article_id)
            WHERE source_uri LIKE '%' || ?""", [name, name]).fetchall()}
    finally:
        con.close()


@pytest.fixture
def regrouped(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """Per load, the facts the resolver grouped again."""
    out: list[set[str]] = []
    group = fact_groups._group

    def spy(con: Any, counts: list[dict[str, Any]], dates: list[tuple[Any, ...]]
            ) -> dict[str, str]:
        out.append({c["fact_id"] for c in counts} | {d[0] for d in dates})
        return group(con, counts, dates)

    monkeypatch.setattr(fact_groups, "_group", spy)
    return out


def _batches_and_whole(tmp_path: Path, batches: list[list[str]]) -> tuple[Path, Path]:
    store, whole = tmp_path / "batches.duckdb", tmp_path / "whole.duckdb"
    for folder in write_batches(tmp_path / "in", TEXTS, batches):
        load([str(folder)], Settings(db_path=str(store)))
    load([str(tmp_path / "in")], Settings(db_path=str(whole)))
    return store, whole


def test_a_batch_changing_an_older_articles_sources_regroups_its_facts(
        tmp_path: Path, regrouped: list[set[str]]) -> None:
    store, whole = _batches_and_whole(tmp_path, [["flood.md", "buses.md"], ["homes.md"]])
    flood, buses, homes = (_facts_of(store, n) for n in ("flood.md", "buses.md", "homes.md"))
    con = db.connect(store, read_only=True)
    try:
        relayed = con.execute("""
            SELECT DISTINCT g.relay_count, g.original_sources FROM counts c
            JOIN fact_groups g USING (group_id) JOIN articles a USING (article_id)
            WHERE a.source_uri LIKE '%flood.md'""").fetchall()
    finally:
        con.close()
    assert relayed == [(1, ["Ravensworth Partners"])]  # the later outlet made it a relay
    # the second load shares no block with the older article's counts, yet groups them
    # again: their article's original source changed; the unrelated article keeps its own
    second = regrouped[1]
    assert homes <= second
    assert {f for f in flood if f.split(":")[-1].startswith("c")} <= second
    assert not buses & second
    assert table_rows(store, TABLES) == table_rows(whole, TABLES)
    regrouped.clear()
    load([str(tmp_path / "in" / "batch1")], Settings(db_path=str(store)))  # nothing new
    assert regrouped == [set()]
    assert table_rows(store, TABLES) == table_rows(whole, TABLES)


def test_a_batch_touching_one_group_leaves_the_others_untouched(
        tmp_path: Path, regrouped: list[set[str]]) -> None:
    store, whole = _batches_and_whole(tmp_path, [["flood.md", "buses.md"], ["toll.md"]])
    flood, buses, toll = (_facts_of(store, n) for n in ("flood.md", "buses.md", "toll.md"))
    second = regrouped[1]
    assert toll <= second and not buses & second
    con = db.connect(store, read_only=True)
    try:
        told = con.execute("""
            SELECT g.article_count FROM fact_groups g WHERE g.group_id IN (
                SELECT group_id FROM counts JOIN articles USING (article_id)
                WHERE source_uri LIKE '%toll.md')""").fetchall()
        kept = con.execute("SELECT count(DISTINCT block), count(*) FROM fact_group_inputs "
                           "WHERE fact_id IN ?", [sorted(second)]).fetchone()
        blocks = con.execute("SELECT count(DISTINCT block) FROM fact_group_inputs").fetchone()
    finally:
        con.close()
    assert told == [(2,)]  # the older article's twelve dead and the new one's: one group
    assert flood & second  # the older article's counts of that block, grouped again
    assert kept is not None and blocks is not None and kept[0] < blocks[0]
    assert table_rows(store, TABLES) == table_rows(whole, TABLES)
