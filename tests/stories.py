"""Short invented stories loaded as articles, for the tests of what articles tell together."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb


def disagreement_sides(tmp_path: Path, db_path: Path, load_into: Callable[..., Any],
                       kind: str, headline: str,
                       *stories: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    """Load (outlet, published, body) stories under one headline; the (position, outlet,
    quote) of every side of the disagreements of a kind."""
    paths = []
    for n, (outlet, published, body) in enumerate(stories):
        path = tmp_path / f"{kind}{n}.md"
        path.write_text(f"---\noutlet: {outlet}\npublished: {published}\n---\n{headline}"
                        f"\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    load_into(*paths)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        return con.execute("""
            SELECT s.position, s.outlet, s.quote FROM disagreements d
            JOIN disagreement_sides s USING (disagreement_id)
            WHERE d.kind = ? ORDER BY s.position, s.outlet""", [kind]).fetchall()
    finally:
        con.close()
