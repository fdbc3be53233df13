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
