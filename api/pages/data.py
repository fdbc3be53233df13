"""What the pages show: the named queries' answers (the same as every other surface), plus
the presentation reads of base tables the pages need (the sentence around a cited span,
the article text and its sentence roles, participants, judgements). docs/adr/0013."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

import duckdb

from factdb.ingest.records import STORY_ROLES
from factdb.queries import registry

#: the most citations listed under one fact; the rest are counted ("and N more")
MAX_CITATIONS = 25
_SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def article_href(article_id: str, start: int | None = None, end: int | None = None) -> str:
    """The article view, at a span when given (the link form of docs/adr/0013)."""
    base = "/pages/articles/" + quote(article_id, safe="")
    if start is None or end is None:
        return base
    return f"{base}?at={start}-{end}#c{start}-{end}"


def parse_span(value: str | None, length: int) -> tuple[int, int] | None:
    """`START-END` inside a text of `length` characters, else None (ignored, not an error)."""
    m = _SPAN.match(value or "")
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (start, end) if 0 <= start < end <= length else None


def run(cur: duckdb.DuckDBPyConnection, name: str, **values: Any) -> list[dict[str, Any]]:
    """A named query's answer rows as dicts (its answer table when filled, ADR 0012)."""
    columns, rows = registry()[name].run(cur, values)
    return [dict(zip(columns, r, strict=True)) for r in rows]


@dataclass
class ArticleInfo:
    article_id: str
    outlet: str | None
    source: str
    published_on: Any
    url: str | None
    title: str | None
    text: str
    #: sentence starts, ends and roles, in text order
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The outlet, or the article's file name when the outlet is not known."""
        return self.outlet or PurePosixPath(self.source).name

    def sentence_span(self, start: int, end: int) -> tuple[int, int, str]:
        """The sentence(s) holding [start, end): their span and the first one's role."""
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        j = max(bisect.bisect_left(self.ends, end), i)
        if not self.starts:
            return start, end, "body"
        j = min(j, len(self.ends) - 1)
        return (min(self.starts[i], start), max(self.ends[j], end), self.roles[i])


class Articles:
    """The articles a page cites, read once per page."""

    def __init__(self, cur: duckdb.DuckDBPyConnection) -> None:
        self.cur = cur
        self.cache: dict[str, ArticleInfo] = {}

    def load(self, ids: set[str]) -> None:
        missing = sorted(ids - self.cache.keys())
        if not missing:
            return
        for row in self.cur.execute(
                "SELECT article_id, outlet, source_uri, published_on, url, title, text "
                "FROM articles WHERE article_id IN (SELECT unnest($ids))",
                {"ids": missing}).fetchall():
            self.cache[row[0]] = ArticleInfo(*row)
        for aid, start, end, role in self.cur.execute(
                "SELECT article_id, char_start, char_end, role FROM sentences "
                "WHERE article_id IN (SELECT unnest($ids)) ORDER BY article_id, char_start",
                {"ids": missing}).fetchall():
            info = self.cache.get(aid)
            if info is not None:
                info.starts.append(start)
                info.ends.append(end)
                info.roles.append(role)

    def get(self, article_id: str) -> ArticleInfo | None:
        self.load({article_id})
        return self.cache.get(article_id)

    def cite(self, citations: list[dict[str, Any]] | None,
             limit: int = MAX_CITATIONS) -> dict[str, Any]:
        """Citations a person can read: outlet, date, the sentence with the span marked, and
        the link to the article view at that offset. {"items": [...], "more": n}."""
        citations = citations or []
        shown = citations[:limit]
        self.load({c["article_id"] for c in shown})
        items = []
        for c in shown:
            info = self.cache.get(c["article_id"])
            start, end = c["char_start"], c["char_end"]
            if info is None:
                continue
            s0, s1, role = info.sentence_span(start, end)
            items.append({
                "article_id": info.article_id, "outlet": info.label,
                "published_on": info.published_on, "url": info.url,
                "before": info.text[s0:start].lstrip(), "quote": info.text[start:end],
                "after": info.text[end:s1].rstrip(), "role": role,
                "furniture": role not in STORY_ROLES,
                "href": article_href(info.article_id, start, end),
                "char_start": start, "char_end": end})
        return {"items": items, "more": len(citations) - len(shown)}
