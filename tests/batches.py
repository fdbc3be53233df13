"""Helpers of the tests that load articles in batches and compare the stores with one load
of all of them (tests/test_scale_entities.py, tests/test_scale_groups.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factdb import db


def write_batches(root: Path, texts: dict[str, str], batches: list[list[str]]) -> list[Path]:
    """One folder per batch under root (batch0, batch1, ...), holding the named texts."""
    folders = []
    for i, names in enumerate(batches):
        folder = root / f"batch{i}"
        folder.mkdir(parents=True)
        for name in names:
            (folder / name).write_text(texts[name], encoding="utf-8")
        folders.append(folder)
    return folders


def table_rows(path: Path, tables: dict[str, str]) -> dict[str, list[Any]]:
    """The rows of each table (name -> ORDER BY), without their run_id: two stores made by
    different loads compare equal when they hold the same facts."""
    con = db.connect(path, read_only=True)
    try:
        out = {}
        for table, order in tables.items():
            cur = con.execute(f"SELECT * FROM {table} ORDER BY {order}")
            names = [d[0] for d in cur.description or []]
            out[table] = [tuple(v for n, v in zip(names, r, strict=True) if n != "run_id")
                          for r in cur.fetchall()]
        return out
    finally:
        con.close()
