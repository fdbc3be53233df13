"""Bad input: a clear message naming the file and the problem, --strict, and crash safety."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from factdb import db
from factdb.errors import InputError
from factdb.load import LoadReport
from factdb.settings import Settings
from tests.scoring.context import FORMATS, ROOT

Loader = Callable[..., LoadReport]
BARE = {"extractors": [], "resolvers": []}

CASES: list[tuple[str, bytes, str]] = [
    ("latin1.txt", "Caf\xe9 owners protest new tax.".encode("latin-1"),
     "not valid UTF-8 (byte 0xe9 at offset 3)"),
    ("empty.txt", b"", "file is empty"),
    ("blank.md", b"  \n\n\t\n", "file is empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file looks binary"),
    ("controls.txt", bytes(range(1, 9)) * 20, "file looks binary (too many control characters)"),
    ("badyaml.md", b"---\ntitle: [unclosed\n---\nText.", "malformed YAML front matter"),
    ("nofence.md", b"---\ntitle: x\nText without a closing fence.",
     "front matter starts with '---' but has no closing '---' line"),
    ("listmeta.md", b"---\n- a\n- b\n---\nText.", "front matter must be a mapping"),
    ("baddate.md", b"---\npublished: last tuesday\n---\nText.",
     "metadata 'published' is not an ISO date"),
    ("badjson.json", b'{"text": "unterminated', "malformed JSON at line 1"),
    ("notext.json", b'{"title": "no text"}', "JSON object has no string field 'text'"),
    ("emptytext.json", b'{"text": "   "}', "article has no text"),
    ("scalar.json", b"42", "expected a JSON object with 'text', got int"),
    ("emptylist.json", b"[]", "JSON list is empty"),
    ("badline.jsonl", b'{"text": \n', "malformed JSON line"),
    ("onlyblank.jsonl", b"\n\n", "file is empty"),
    ("badmeta.json", b'{"text": "x", "outlet": {"a": 1}}', "metadata 'outlet' must be a string"),
    ("nothing.html", b"<html><body><nav>Home</nav></body></html>",
     "no article text found in the HTML page"),
]


@pytest.mark.parametrize("name, content, problem", CASES, ids=[c[0] for c in CASES])
def test_bad_file_is_skipped_with_a_clear_message(tmp_path: Path, db_path: Path,
                                                  load_into: Loader, name: str,
                                                  content: bytes, problem: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("The river rose two metres overnight.")
    report = load_into(tmp_path, **BARE)
    assert report.added == 1
    assert len(report.problems) == 1
    assert report.problems[0].startswith(str(bad)) and problem in report.problems[0]


@pytest.mark.parametrize("name, content, problem", CASES, ids=[c[0] for c in CASES])
def test_strict_fails_the_whole_load(tmp_path: Path, db_path: Path, load_into: Loader,
                                     name: str, content: bytes, problem: str) -> None:
    (tmp_path / "good.txt").write_text("The river rose two metres overnight.")
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputError) as info:
        load_into(tmp_path, strict=True, **BARE)
    assert info.value.path.startswith(str(tmp_path / name)) and problem in info.value.problem
    assert not db_path.exists()


def test_oversized_file(tmp_path: Path, db_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 300)
    report = __import__("factdb.load", fromlist=["load"]).load(
        [str(big)], Settings(db_path=str(db_path), max_file_bytes=1000), **BARE)
    assert report.problems == [f"{big}: file is 1,500 bytes, over the limit of 1,000 (set "
                               "FACTDB_MAX_FILE_BYTES to raise it)"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path, load_into: Loader) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    report = load_into(locked, **BARE)
    assert report.problems == [f"{locked}: cannot be read: permission denied"]


def test_file_refused_by_the_os(tmp_path: Path, load_into: Loader,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The same refusal as above, for every user: root reads a mode-000 file, so here the OS
    refusal is made by the open itself; the load reports it and goes on."""
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    (tmp_path / "ok.txt").write_text("Crops failed after the drought.")
    real_open = Path.open

    def refusing_open(self: Path, *args: object, **kwargs: object) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refusing_open)
    report = load_into(tmp_path, **BARE)
    assert report.added == 1
    assert report.problems == [f"{locked}: cannot be read: permission denied"]


def test_unreadable_directory_entry(tmp_path: Path, load_into: Loader) -> None:
    """A dangling link is unreadable for everyone, root included."""
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    (tmp_path / "ok.txt").write_text("Crops failed after the drought.")
    report = load_into(tmp_path, **BARE)
    assert report.added == 1
    assert report.problems == [f"{tmp_path / 'gone.txt'}: cannot be read: No such file or "
                               "directory"]


def test_missing_path_and_unknown_type_fail_fast(tmp_path: Path, load_into: Loader) -> None:
    with pytest.raises(InputError, match="no such file or directory"):
        load_into(tmp_path / "nope", **BARE)
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match=r"unsupported file type '\.pdf'"):
        load_into(tmp_path / "x.pdf", **BARE)


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = db.connect(path, read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "ORDER BY 1").fetchall()]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall() for t in tables}
    finally:
        con.close()


def test_a_load_killed_before_commit_leaves_the_database_as_it_was(
        tmp_path: Path, db_path: Path, load_into: Loader) -> None:
    first = tmp_path / "first"
    first.mkdir()
    (first / "one.txt").write_text("The bridge closed on Friday after cracks were found.")
    load_into(first)
    before = snapshot(db_path)
    env = {**os.environ, "FACTDB_FAULT": "before-commit"}
    proc = subprocess.run(
        [sys.executable, "-m", "factdb.cli", "load", str(FORMATS), "--db", str(db_path), "-q"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == -9, proc.stderr  # SIGKILL mid-transaction
    assert snapshot(db_path) == before
    report = load_into(FORMATS)  # and the database is still usable
    assert report.added == 5


def test_a_failing_extractor_rolls_back(tmp_path: Path, db_path: Path,
                                        load_into: Loader) -> None:
    (tmp_path / "a.txt").write_text("Wheat prices rose on Monday.")
    load_into(tmp_path / "a.txt", **BARE)
    before = snapshot(db_path)

    def broken(con: object, run: object) -> None:
        raise RuntimeError("resolver failed")

    with pytest.raises(RuntimeError, match="resolver failed"):
        load_into(FORMATS, extractors=[], resolvers=[broken])
    assert snapshot(db_path) == before


def _fragile(ctx: object) -> dict[str, list[dict[str, object]]]:
    """An extractor with a bug that only one article triggers."""
    if "BOOM" in getattr(ctx, "text", ""):
        raise ValueError("cannot parse BOOM")
    return {}


def _two_articles(tmp_path: Path) -> tuple[Path, Path]:
    good = tmp_path / "good.txt"
    good.write_text("Harbour reopens\n\nThe harbour reopened on Monday.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("Harbour closes\n\nThe harbour closed after the BOOM.\n", encoding="utf-8")
    return good, bad


def test_an_extractor_failing_on_one_article_costs_only_that_article(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    good, bad = _two_articles(tmp_path)
    report = load_into(good, bad, extractors=[_fragile], resolvers=[])
    assert report.added == 1
    assert len(report.problems) == 1
    # an extractor's problem names the article by its stored name (articles.source_uri)
    assert report.problems[0].startswith("bad.txt: extractor")
    assert "ValueError: cannot parse BOOM" in report.problems[0]
    con = db.connect(db_path, read_only=True)
    try:
        # stored names are relative (a file argument: its name), messages too
        assert con.execute("SELECT source_uri FROM articles").fetchall() == [("good.txt",)]
        warnings = con.execute("SELECT warnings FROM extraction_runs").fetchone()
        assert warnings is not None and str(warnings[0]).startswith("['bad.txt: extractor")
        assert str(tmp_path) not in str(warnings[0])
    finally:
        con.close()


def test_strict_fails_the_whole_load_when_an_extractor_fails(
        tmp_path: Path, db_path: Path, load_into: Callable[..., LoadReport]) -> None:
    good, bad = _two_articles(tmp_path)
    with pytest.raises(InputError, match="bad.txt: extractor .*_fragile failed"):
        load_into(good, bad, extractors=[_fragile], resolvers=[], strict=True)
    if db_path.exists():
        con = db.connect(db_path, read_only=True)
        try:
            assert con.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        finally:
            con.close()
