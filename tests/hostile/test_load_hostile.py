"""Hostile input to `factdb load`: special files, a busy database, half-bad JSON lists, and
the names a load stores (issue 14, items 5 and 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from factdb import db
from factdb.cli import EXIT_BUSY, main
from factdb.load import LoadReport

Loader = Callable[..., LoadReport]
BARE = {"extractors": [], "resolvers": []}
ROOT = Path(__file__).resolve().parents[2]


def _stored(db_path: Path, sql: str) -> list[tuple[object, ...]]:
    con = db.connect(db_path, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_fifo_in_a_folder_is_skipped_not_opened(tmp_path: Path, load_into: Loader) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "ok.txt").write_text("The ferry resumed service on Tuesday.")
    os.mkfifo(folder / "pipe.txt")
    result: list[LoadReport] = []
    worker = threading.Thread(target=lambda: result.append(load_into(folder, **BARE)),
                              daemon=True)
    worker.start()
    worker.join(30)
    assert not worker.is_alive(), "the load blocked on the FIFO"
    (report,) = result
    assert report.added == 1 and report.problems == []
    assert report.notes == [f"{folder / 'pipe.txt'}: skipped, not a regular file (FIFO)"]


def test_a_fifo_named_on_the_command_line_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "factdb.cli", "load", "-q", str(fifo),
                           "--db", str(tmp_path / "x.duckdb")], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip() == (f"factdb: error: {fifo}: not a regular file or directory "
                                   "(FIFO)")


def test_a_busy_database_is_one_line_and_exit_code_4(tmp_path: Path, db_path: Path,
                                                     load_into: Loader) -> None:
    (tmp_path / "a.txt").write_text("The bridge reopened after repairs.")
    load_into(tmp_path / "a.txt", **BARE)
    holder = subprocess.Popen(  # another process holds the file, as a server does
        [sys.executable, "-c", "import duckdb, sys, time; "
         f"c = duckdb.connect({str(db_path)!r}, read_only=True); print('ok', flush=True); "
         "sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        result = CliRunner().invoke(main, ["load", "-q", str(tmp_path / "a.txt"),
                                           "--db", str(db_path)])
    finally:
        holder.communicate("", timeout=30)
    assert result.exit_code == EXIT_BUSY == 4
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"factdb: busy: {db_path}: the database is "
                                                   f"in use by another process (process ")
    assert "Traceback" not in result.output


def test_one_bad_item_of_a_json_list_costs_only_that_item(tmp_path: Path, db_path: Path,
                                                          load_into: Loader) -> None:
    items = [{"text": "Rain closed the mountain pass."}, {"title": "no text here"},
             {"text": "Snow ploughs reopened the pass."}, 7]
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(items))
    report = load_into(path, **BARE)
    assert report.added == 2
    assert report.problems == [f"{path}#1: JSON object has no string field 'text'",
                               f"{path}#3: expected a JSON object with 'text', got int"]
    assert sorted(_stored(db_path, "SELECT source_uri FROM articles")) == [
        ("batch.json#0",), ("batch.json#2",)]


def test_one_bad_line_of_a_jsonl_file_costs_only_that_line(tmp_path: Path, db_path: Path,
                                                           load_into: Loader) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "The orchestra cancelled its tour."}\n{"text": \n\n'
                    '{"text": "   "}\n{"text": "Tickets will be refunded."}\n')
    report = load_into(path, **BARE)
    assert report.added == 2
    assert report.problems == [
        f"{path}:2: malformed JSON line: Expecting value (column 10)",
        f"{path}#L4: article has no text"]
    assert sorted(_stored(db_path, "SELECT source_uri FROM articles")) == [
        ("feed.jsonl#L1",), ("feed.jsonl#L5",)]


def test_strict_still_fails_on_one_bad_item(tmp_path: Path, load_into: Loader) -> None:
    from factdb.errors import InputError

    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": "Fine."}, {"text": 3}]))
    with pytest.raises(InputError, match="batch.json#1: JSON object has no string field"):
        load_into(path, strict=True, **BARE)


def test_stored_names_are_relative_and_the_same_from_any_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from factdb.load import load
    from factdb.settings import Settings

    folder = tmp_path / "wire" / "today"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("The council approved the budget.")
    (folder / "sub" / "b.md").write_text("The mayor signed the order.")
    (folder / "c.txt").write_text("\x00\x01binary")
    names = []
    for i, (cwd, arg) in enumerate([(tmp_path, str(folder)), (folder, "."),
                                    (tmp_path / "wire", "today/")]):
        monkeypatch.chdir(cwd)
        path = tmp_path / f"db{i}.duckdb"
        load([arg], Settings(db_path=str(path)), command=f"load {arg}", **BARE)
        names.append(sorted(r[0] for r in _stored(path, "SELECT source_uri FROM articles")))
        runs = _stored(path, "SELECT command, config_json, warnings FROM extraction_runs")
        assert str(tmp_path) not in repr(runs), runs
    assert names == [["today/a.txt", "today/sub/b.md"]] * 3


def test_a_source_root_setting_names_files_from_that_root(tmp_path: Path) -> None:
    from factdb.load import load
    from factdb.settings import Settings

    folder = tmp_path / "archive" / "2020"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("The library extended its hours.")
    path = tmp_path / "x.duckdb"
    load([str(folder / "a.txt")], Settings(db_path=str(path), source_root=str(tmp_path)),
         **BARE)
    assert _stored(path, "SELECT source_uri FROM articles") == [("archive/2020/a.txt",)]


def test_duckdb_refuses_a_second_writer(tmp_path: Path) -> None:
    """The premise of the busy test: DuckDB's own lock error, turned into DatabaseBusy."""
    from factdb.errors import DatabaseBusy
    from factdb.load import _connect_for_writing

    path = tmp_path / "x.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys; "
                               f"c = duckdb.connect({str(path)!r}); print('ok', flush=True); "
                               "sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(DatabaseBusy, match="in use by another process"):
            _connect_for_writing(str(path))
    finally:
        holder.communicate("", timeout=30)
    con = duckdb.connect(str(path))  # and once the holder is gone, the file is free again
    con.close()
