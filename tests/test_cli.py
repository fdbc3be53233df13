"""The command line, and the docs that describe it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from factdb.cli import main
from factdb.errors import SchemaError
from tests.scoring.context import FORMATS, ROOT


def all_commands(group: click.Group = main, prefix: tuple[str, ...] = ()
                 ) -> list[tuple[tuple[str, ...], click.Command]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        out.append(((*prefix, name), cmd))
        if isinstance(cmd, click.Group):
            out.extend(all_commands(cmd, (*prefix, name)))
    return out


@pytest.mark.parametrize("path, cmd", all_commands(), ids=lambda x: " ".join(x)
                         if isinstance(x, tuple) else "")
def test_every_command_has_help(path: tuple[str, ...], cmd: click.Command) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert cmd.help and len(cmd.help.split()) >= 4
    if not isinstance(cmd, click.Group):
        options = {p.name for p in cmd.params if isinstance(p, click.Option)}
        if "db_path" in options:
            assert "--db FILE" in result.output
        assert all(p.help for p in cmd.params if isinstance(p, click.Option)), path


def test_expected_commands_exist() -> None:
    names = {" ".join(p) for p, _ in all_commands()}
    assert {"load", "sql", "query", "export", "export parquet", "publish", "serve"} <= names
    for path, cmd in all_commands():
        if isinstance(cmd, click.Group) or path == ("info",):
            continue
        assert any(p.name == "db_path" for p in cmd.params), path


def readme_quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "README quick start has no sh block"
    return [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()
            if line.strip()]


def test_readme_quick_start_is_two_make_targets_that_exist() -> None:
    commands = readme_quick_start()
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.MULTILINE))
    assert {"run", "test"} <= targets
    run_recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert run_recipe and "factdb load seeds/" in run_recipe.group(1)
    assert "factdb serve" in run_recipe.group(1)
    test_recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert test_recipe and "pytest" in test_recipe.group(1)
    assert "install" in re.search(r"^run:(.*)$", makefile, re.MULTILINE).group(1)  # type: ignore[union-attr]
    assert "install-dev" in re.search(r"^test:(.*)$", makefile, re.MULTILINE).group(1)  # type: ignore[union-attr]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert readme_quick_start()[1] in ci.splitlines()


def test_load_prints_a_summary_and_sql_reads(tmp_path: Path) -> None:
    runner = CliRunner()
    dbfile = tmp_path / "cli.duckdb"
    result = runner.invoke(main, ["load", str(FORMATS), "--db", str(dbfile)])
    assert result.exit_code == 0, result.output
    assert f"database: {dbfile}" in result.output
    assert re.search(r"5 files, 5 articles added, 0 unchanged", result.output)
    assert re.search(r"articles\s+5\s+\(\+5\)", result.output)
    result = runner.invoke(main, ["sql", "SELECT outlet FROM articles WHERE outlet IS NOT NULL "
                                  "ORDER BY outlet", "--db", str(dbfile), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"outlet": o} for o in [
        "Capitol Dispatch", "Levant Wire", "Mesopotamia Today", "Reuters", "The Gulf Ledger"]]


def test_load_with_problems_exits_1_and_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{")
    (tmp_path / "ok.txt").write_text("The port reopened on Tuesday.")
    result = CliRunner().invoke(main, ["load", str(tmp_path), "--db",
                                       str(tmp_path / "x.duckdb"), "-q"])
    assert result.exit_code == 1
    result = CliRunner().invoke(main, ["load", str(tmp_path), "--db",
                                       str(tmp_path / "y.duckdb"), "--strict"])
    assert result.exit_code == 2
    assert f"factdb: error: {tmp_path / 'bad.json'}: malformed JSON" in result.output
    assert not (tmp_path / "y.duckdb").exists()


def test_sql_refuses_writes(tmp_path: Path) -> None:
    dbfile = tmp_path / "ro.duckdb"
    CliRunner().invoke(main, ["load", str(FORMATS), "--db", str(dbfile), "-q"])
    result = CliRunner().invoke(main, ["sql", "DELETE FROM articles", "--db", str(dbfile)])
    assert result.exit_code == 2 and "factdb: error:" in result.output
    result = CliRunner().invoke(main, ["sql", "SELECT count(*) AS n FROM articles", "--db",
                                       str(dbfile), "--json"])
    assert json.loads(result.output) == [{"n": 5}]


def test_migrate_brings_an_older_database_up_to_date(tmp_path: Path) -> None:
    from factdb import db

    path = tmp_path / "old.duckdb"
    con = db.connect(path)
    last = max(v for v, _, _ in db.migrations())
    con.execute("DELETE FROM schema_migrations WHERE version = ?", [last])
    con.close()
    with pytest.raises(SchemaError, match="factdb migrate"):
        db.connect(path, read_only=True)
    result = CliRunner().invoke(main, ["migrate", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert f"migrations applied: {last:03d}" in result.output
    db.connect(path, read_only=True).close()
    again = CliRunner().invoke(main, ["migrate", "--db", str(path)])
    assert "none (already current)" in again.output


def test_serve_on_a_busy_port_says_what_to_do_before_announcing(tmp_path: Path) -> None:
    import socket

    from factdb.cli import EXIT_PORT

    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    port = busy.getsockname()[1]
    try:
        # no database is needed: the port is checked before anything is opened
        result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb"),
                                           "--port", str(port), "--no-datasette"])
    finally:
        busy.close()
    assert result.exit_code == EXIT_PORT == 5
    assert "serving" not in result.output
    assert (f"factdb: port {port} is in use (another server, or an earlier `factdb serve`): "
            "pass --port N (or set PORT=N, also for `make run`), or stop the other server"
            ) in result.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`5` `factdb serve`: the port is in use" in readme


def test_test_run_says_when_the_browser_tests_were_skipped() -> None:
    from tests.conftest import RUN_BROWSER_TESTS, browser_summary

    report = pytest.TestReport(
        "tests/test_browser.py::test_x", ("tests/test_browser.py", 1, "test_x"),
        {"browser": 1}, "skipped",
        ("tests/test_browser.py", 1, "Skipped: /usr/bin/chromium is not installed"), "setup")
    assert browser_summary([report, report], ignored=False) == [
        "2 browser tests (tests/test_browser.py) were SKIPPED: /usr/bin/chromium is not "
        "installed", RUN_BROWSER_TESTS]
    assert browser_summary([], ignored=True) == [
        "the browser tests (tests/test_browser.py) were not run (--ignore)", RUN_BROWSER_TESTS]
    assert browser_summary([], ignored=False) == []
    assert "scripts/install-browser.sh" in RUN_BROWSER_TESTS
