"""factdb must work on articles it has never seen: the names, places, numbers and dates of
the seed articles belong in tests/ and seeds/, never in factdb/, api/ or sql/."""

from __future__ import annotations

import re

import pytest

from tests.scoring.context import ROOT

#: What only the seed articles say: their people, groups, places, numbers and dates.
SEED_FACTS = [
    "Qaani", "Ghaani", "Esmail", "Soleimani", "Suleimani", "Muhandis", "Sudani", "Nujaba",
    "Kataib", "Kataeb", "Kata'ib", "Hizbullah", "Quds", "Tower 22", "Baghdad", "Jordan",
    "Iraq", "Syria", "85 targets", "2,500", "February 4", "Feb. 4", "Jan. 29", "January 29",
    "more than 20 attacks", "160 attacks", "two weeks before the visit",
]
SOURCES = sorted(p for d in ("factdb", "api", "sql") for p in (ROOT / d).rglob("*")
                 if p.is_file() and p.suffix in (".py", ".sql", ".yaml", ".yml", ".md"))


def test_there_are_sources_to_check() -> None:
    assert len(SOURCES) > 50


@pytest.mark.parametrize("fact", SEED_FACTS)
def test_no_seed_fact_in_the_code(fact: str) -> None:
    pattern = re.compile(r"(?<![\w])" + re.escape(fact) + r"(?![\w])", re.IGNORECASE)
    found = [f"{p.relative_to(ROOT)}:{n}" for p in SOURCES
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found == []
