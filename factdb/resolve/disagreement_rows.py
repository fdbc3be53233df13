"""The rows every kind of disagreement cites: a fact's evidence, and a table of chosen
articles to join on."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
import pyarrow as pa

EVIDENCE = ("fact_id", "article_id", "outlet", "quote", "char_start", "char_end")


def evidence(row: dict[str, Any]) -> dict[str, Any]:
    return {k: row[k] for k in EVIDENCE}


@contextmanager
def chosen_articles(con: duckdb.DuckDBPyConnection, articles: set[str]) -> Iterator[None]:
    """These article ids as the table ``_chosen`` (article_id), for a join: a join reads
    only their rows, where ``IN ?`` with a list parameter scans every row."""
    con.register("_chosen", pa.table({"article_id": pa.array(sorted(articles), pa.string())}))
    try:
        yield
    finally:
        con.unregister("_chosen")
