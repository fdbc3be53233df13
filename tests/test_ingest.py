"""Ingestion: formats, metadata, stable ids, reloads, new versions, publication dates."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb

from factdb import db
from factdb.load import LoadReport
from tests.scoring.context import FORMATS

Loader = Callable[..., LoadReport]
BARE = {"extractors": [], "resolvers": []}


def articles(path: Path) -> list[tuple[object, ...]]:
    con = db.connect(path, read_only=True)
    try:
        return con.execute(
            "SELECT source_uri, outlet, title, url, published_on, published_basis, language, "
            "source_format, text FROM articles ORDER BY source_uri").fetchall()
    finally:
        con.close()


def test_every_format_is_read(tmp_path: Path, db_path: Path, load_into: Loader) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.md").write_text("---\noutlet: Daily Example\ntitle: Dam bursts\n"
                              "published: 2023-09-11\nurl: https://example.org/dam\n"
                              "language: en\n---\n\nDam bursts\n\nThe dam burst on Sunday.\n")
    (src / "b.txt").write_text("\ufeffFloods spread.\r\nRoads were closed on Monday.\r\n")
    (src / "c.json").write_text(json.dumps([
        {"text": "Markets rallied.", "outlet": "Wire One", "published": "2024-05-01"},
        {"text": "Bonds fell.", "title": "Bonds"}]))
    (src / "d.jsonl").write_text(json.dumps({"text": "A striker scored twice."}) + "\n\n" +
                                 json.dumps({"text": "The coach resigned.",
                                             "published": "2024-06-02"}) + "\n")
    (src / "e.html").write_text(
        "<html><head><title>Quake hits region</title>"
        "<meta property='og:site_name' content='Example Post'></head><body><article>"
        "<h1>Quake hits region</h1><p>A magnitude 6.1 earthquake struck the region on "
        "Tuesday, officials said, damaging hundreds of buildings in several towns.</p>"
        "<p>Rescue teams searched collapsed homes through the night for survivors.</p>"
        "</article></body></html>")
    (src / "notes.csv").write_text("ignored")
    report = load_into(src, **BARE)
    assert (report.files, report.added, report.problems) == (5, 7, [])
    assert report.notes == [f"{src / 'notes.csv'}: skipped, not an article format "
                            "(.htm, .html, .json, .jsonl, .markdown, .md, .ndjson, .txt)"]
    rows = {Path(r[0]).name: r for r in articles(db_path)}
    assert rows["a.md"][1:8] == ("Daily Example", "Dam bursts", "https://example.org/dam",
                                 date(2023, 9, 11), "metadata", "en", "md")
    assert rows["a.md"][8] == "Dam bursts\n\nThe dam burst on Sunday."
    assert rows["b.txt"][8] == "Floods spread.\nRoads were closed on Monday."
    assert rows["c.json#0"][1] == "Wire One" and rows["c.json#1"][2] == "Bonds"
    assert rows["d.jsonl#L3"][4:6] == (date(2024, 6, 2), "metadata")
    assert rows["e.html"][1:3] == ("Example Post", "Quake hits region")
    assert "magnitude 6.1 earthquake" in rows["e.html"][8]


def test_same_content_twice_changes_nothing(db_path: Path, load_into: Loader) -> None:
    load_into(FORMATS, **BARE)
    con = db.connect(db_path, read_only=True)
    snapshot = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                for t in ("articles", "sentences", "article_versions")}
    con.close()
    report = load_into(FORMATS, **BARE)
    assert (report.added, report.unchanged, report.replaced) == (0, 5, 0)
    con = db.connect(db_path, read_only=True)
    assert {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
            for t in snapshot} == snapshot
    assert con.execute("SELECT count(*), count(DISTINCT status) FROM extraction_runs"
                       ).fetchone() == (2, 1)


def test_article_id_is_content_derived(tmp_path: Path, db_path: Path, load_into: Loader) -> None:
    (tmp_path / "x.txt").write_text("Same words.")
    (tmp_path / "y.txt").write_text("Same words.")
    report = load_into(tmp_path / "x.txt", tmp_path / "y.txt", **BARE)
    assert (report.added, report.unchanged) == (1, 1)
    con = db.connect(db_path, read_only=True)
    (aid, sha), = con.execute("SELECT article_id, sha256 FROM articles").fetchall()
    assert aid == "a" + sha[:16]


def test_new_version_of_a_source_is_recorded(tmp_path: Path, db_path: Path,
                                             load_into: Loader) -> None:
    src = tmp_path / "story.txt"
    src.write_text("Storm kills 3.\n\nThree people died on Monday.")
    first = load_into(src, **BARE)
    src.write_text("Storm kills 4.\n\nFour people died on Monday, officials said.")
    second = load_into(src, **BARE)
    assert second.replaced == 1
    con = db.connect(db_path, read_only=True)
    (current,) = con.execute("SELECT article_id FROM articles").fetchone() or ()
    versions = con.execute("SELECT article_id, run_id, superseded_by, superseded_run FROM "
                           "article_versions ORDER BY loaded_at").fetchall()
    old = versions[0]
    assert versions == [(old[0], first.run_id, current, second.run_id),
                        (current, second.run_id, None, None)]
    assert con.execute("SELECT count(*) FROM sentences WHERE article_id = ?",
                       [old[0]]).fetchone() == (0,)


def test_publication_date_bases(tmp_path: Path, db_path: Path, load_into: Loader) -> None:
    (tmp_path / "meta.txt").write_text("---\npublished: 2022-03-04\n---\nRain fell.")
    (tmp_path / "stamp.txt").write_text("Fire spreads\n\nPublished: 12 August 2021 09:00 GMT\n\n"
                                        "A fire spread on Wednesday.")
    (tmp_path / "dateline.txt").write_text(
        "LAGOS, Nov. 3 (Wire) - Voting ended, the commission said. The count began on "
        "October 30, 2019.")
    (tmp_path / "inferred.txt").write_text(
        "The league said on March 2, 2020 that the season would pause. Clubs agreed.")
    (tmp_path / "none.txt").write_text("Nothing here has a date at all.")
    load_into(tmp_path, **BARE)
    got = {Path(r[0]).name: (r[4], r[5]) for r in articles(db_path)}
    # the bases name the evidence (factdb/ingest/pubdate.py): a timestamp line or a dateline
    # is 'dateline' (a year-less dateline takes its year from the story's bounds), a
    # reporting clause with a date ("said on March 2, 2020") is 'text'
    assert got == {
        "meta.txt": (date(2022, 3, 4), "metadata"),
        "stamp.txt": (date(2021, 8, 12), "dateline"),
        "dateline.txt": (date(2019, 11, 3), "dateline"),
        "inferred.txt": (date(2020, 3, 2), "text"),
        "none.txt": (None, None),
    }


def test_seed_publication_dates(db_path: Path, load_into: Loader) -> None:
    load_into(FORMATS, **BARE)
    got = {Path(r[0]).name: (r[4], r[5]) for r in articles(db_path)}
    assert got == {
        "01-wire-reuters-report.txt": (date(2024, 2, 18), "dateline"),
        "02-gulf-ledger.md": (date(2024, 2, 18), "metadata"),
        "03-capitol-dispatch.html": (date(2024, 2, 19), "metadata"),
        "04-levant-wire.json": (date(2024, 2, 19), "metadata"),
        "05-mesopotamia-today.txt": (date(2024, 2, 20), "dateline"),
    }


def test_outlet_from_a_dateline_agency(tmp_path: Path, db_path: Path,
                                       load_into: Loader) -> None:
    (tmp_path / "wire.txt").write_text("Quake\n\nLIMA, May 2 (Andes Wire) - A quake hit Peru.")
    (tmp_path / "meta.txt").write_text("---\noutlet: Lima Post\n---\nLIMA, May 2 (Andes Wire) - "
                                       "A quake hit.")
    (tmp_path / "plain.txt").write_text("A quake hit Peru on Tuesday.")
    load_into(tmp_path, **BARE)
    con = db.connect(db_path, read_only=True)
    got = con.execute("SELECT source_uri, outlet, outlet_basis FROM articles").fetchall()
    assert {Path(u).name: (o, b) for u, o, b in got} == {
        "wire.txt": ("Andes Wire", "dateline"), "meta.txt": ("Lima Post", "metadata"),
        "plain.txt": (None, None)}


def test_every_load_is_a_run(db_path: Path, load_into: Loader) -> None:
    report = load_into(FORMATS, **BARE)
    con = duckdb.connect(str(db_path), read_only=True)
    row = con.execute("SELECT status, article_count, factdb_version, length(config_sha256), "
                      "command FROM extraction_runs WHERE run_id = ?",
                      [report.run_id]).fetchone()
    assert row == ("completed", 5, "0.1.0", 64, "load formats")  # no absolute path stored
    assert con.execute("SELECT DISTINCT run_id FROM articles").fetchall() == [(report.run_id,)]
