"""The benchmark corpus generator: deterministic, every format, and loadable.

The generator is a bench/ script; the tests run it as a user would (tests/ imports
nothing from bench/)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from factdb import db
from factdb.ingest.readers import read_source
from factdb.load import load
from factdb.settings import Settings
from tests.scoring.context import ROOT

N = 30


def generate(n: int, out_dir: Path, seed: int = 0) -> list[Path]:
    """Run bench/gen_corpus.py and return the files it wrote, in order."""
    subprocess.run([sys.executable, str(ROOT / "bench" / "gen_corpus.py"), str(n), str(out_dir),
                    "--seed", str(seed)], check=True, capture_output=True)
    return sorted(out_dir.iterdir())


def _contents(paths: list[Path]) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in paths]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate(N, tmp_path_factory.mktemp("corpus"))


def test_same_seed_same_files(corpus: list[Path], tmp_path: Path) -> None:
    again = generate(N, tmp_path / "again")
    assert _contents(again) == _contents(corpus)


def test_other_seed_other_files(corpus: list[Path], tmp_path: Path) -> None:
    other = generate(N, tmp_path / "other", seed=1)
    assert _contents(other) != _contents(corpus)


def test_requested_number_of_articles_in_every_format(corpus: list[Path]) -> None:
    docs = [d for p in corpus for d in read_source(p, 10**7)]
    assert len(docs) == N
    assert len({d.article_id for d in docs}) == N
    assert set(Counter(d.source_format for d in docs)) == {"txt", "md", "json", "jsonl", "html"}
    assert {p.suffix for p in corpus} == {".txt", ".md", ".json", ".jsonl", ".html"}
    lengths = sorted(len(d.text.split()) for d in docs)
    assert lengths[0] >= 250 and lengths[-1] <= 900, lengths


def test_articles_carry_page_junk_and_metadata(corpus: list[Path]) -> None:
    docs = [d for p in corpus for d in read_source(p, 10**7)]
    text = "\n".join(d.text for d in docs)
    for marker in ("Read more:", "All rights reserved", "(Photo:", '," '):
        assert marker in text, marker
    assert sum(d.published is not None for d in docs) > N // 2
    assert all(d.language in ("en", None) for d in docs)


def test_corpus_loads_without_problems(corpus: list[Path], tmp_path: Path) -> None:
    report = load([str(corpus[0].parent)], Settings(db_path=str(tmp_path / "g.duckdb")),
                  extractors=[], resolvers=[])
    assert (report.added, report.problems, report.notes) == (N, [], [])
    con = db.connect(tmp_path / "g.duckdb", read_only=True)
    try:
        roles = dict(con.execute(
            "SELECT role, count(*) FROM sentences GROUP BY role").fetchall())
    finally:
        con.close()
    assert {"headline", "body", "boilerplate"} <= set(roles)
    assert roles["body"] > 10 * N
