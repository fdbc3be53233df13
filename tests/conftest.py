"""Shared fixtures: contexts built from small texts, and databases loaded from files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from factdb import db
from factdb.extract.context import ArticleContext
from factdb.load import LoadReport, load
from factdb.settings import Settings
from tests.scoring.context import FORMATS, make_context


@pytest.fixture
def context_for() -> Callable[..., ArticleContext]:
    return make_context


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture
def load_into(db_path: Path) -> Callable[..., LoadReport]:
    """Load paths into the test database with the default pipeline (or given extractors)."""

    def run(*paths: Path | str, **kwargs: object) -> LoadReport:
        return load([str(p) for p in paths], Settings(db_path=str(db_path)), **kwargs)  # type: ignore[arg-type]

    return run


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds loaded once with the full pipeline (read-only use)."""
    path = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    load([str(FORMATS)], Settings(db_path=str(path)))
    return path


@pytest.fixture
def seeds_con(seeds_db: Path) -> duckdb.DuckDBPyConnection:
    con = db.connect(seeds_db, read_only=True)
    yield con
    con.close()


BROWSER_TESTS = "tests/test_browser.py"
RUN_BROWSER_TESTS = ("to run them: scripts/install-browser.sh (as root; installs "
                     "/usr/bin/chromium), then .venv/bin/pytest -q tests/test_browser.py")


def browser_summary(skipped: list[pytest.TestReport], ignored: bool) -> list[str]:
    """The lines that say the browser tests did not run, and how to run them (none when
    they ran)."""
    if skipped:
        reasons = sorted({str(r.longrepr[2]).removeprefix("Skipped: ")
                          if isinstance(r.longrepr, tuple) else "skipped" for r in skipped})
        return [f"{len(skipped)} browser tests ({BROWSER_TESTS}) were SKIPPED: "
                + "; ".join(reasons), RUN_BROWSER_TESTS]
    if ignored:
        return [f"the browser tests ({BROWSER_TESTS}) were not run (--ignore)",
                RUN_BROWSER_TESTS]
    return []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter,
                            exitstatus: int, config: pytest.Config) -> None:
    """`make test` says clearly when the browser tests did not run, and how to run them."""
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if isinstance(r, pytest.TestReport) and "browser" in r.keywords]
    ignored = any(str(p).rstrip("/").endswith(BROWSER_TESTS)
                  for p in (config.getoption("ignore", None) or []))
    lines = browser_summary(skipped, ignored)
    if lines:
        terminalreporter.write_sep("=", "browser tests did not run", yellow=True)
        for line in lines:
            terminalreporter.write_line(line, yellow=True)
