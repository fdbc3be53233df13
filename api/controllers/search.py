"""GET /v1/search: full-text search over the sentences of every article.

DuckDB's fts extension cannot be relied on (it is downloaded on first use), so the search
is factdb's own, over the sentence texts cut from the article texts by their offsets:

* q is split into words (letters and digits; at most MAX_WORDS words, q at most MAX_Q
  characters). A sentence matches when it contains every word as a whole word, in any
  case; a word ending in ``*`` matches as a prefix (``attack*``: attack, attacks,
  attacked). No stemming and no phrase search: ``attack`` does not find ``attacks``.
* Ranking: the number of times the words occur in the sentence, then the more distinct
  words, then the newest article, then the sentence id (a stable order for paging).
* Every request reads every sentence of the articles that contain all the words (the
  articles are filtered first, on their whole text): its cost grows with the corpus, not
  with the page. The request time limit of the API applies.

Whole-word matching uses ASCII word boundaries (RE2's ``\\b``, as Python's ``re.ASCII``):
a word next to an accented letter is not split from it.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape
from typing import Annotated, Any

from litestar import Controller, get
from litestar.exceptions import ValidationException
from litestar.params import QueryParameter
from pydantic import BaseModel, Field

from api.listing import rows_as_dicts
from api.params import Cursor

MAX_Q = 200
MAX_WORDS = 12
MAX_LIMIT = 100
MAX_OFFSET = 10_000
FACET_SIZE = 20
SNIPPET_CHARS = 240
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*\*?")


class Facet(BaseModel):
    value: str | None
    count: int


class SearchHit(BaseModel):
    sentence_id: str
    article_id: str
    title: str | None = None
    outlet: str | None = None
    published_on: date | None = None
    role: str = Field(description="headline, byline, dateline, body, caption or boilerplate")
    char_start: int = Field(description="Offset of the sentence in the article text")
    char_end: int = Field(description="End offset of the sentence (exclusive)")
    sentence: str = Field(description="The sentence: the article text from char_start to "
                                      "char_end")
    snippet: str = Field(description="The sentence (cut to about 240 characters around the "
                                     "first match, with … where cut), HTML-escaped, each "
                                     "matched word in <mark>")
    matches: list[list[int]] = Field(description="[start, end] of each matched word, as "
                                                 "offsets in sentence")
    score: int = Field(description="How many times the words occur in the sentence")
    article_view: str = Field(description="Path of the article page at the sentence")


class SearchResult(BaseModel):
    q: str
    words: list[str] = Field(description="The words searched for (lower case; * = prefix)")
    total: int = Field(description="Number of matching sentences (all pages)")
    items: list[SearchHit]
    next_cursor: str | None = Field(None, description="Pass as `after` for the next page")
    facets: dict[str, list[Facet]] = Field(
        description="Counts of the matching sentences by outlet, published_on, role and "
                    "entity (the 20 largest of each)")


def words_of(q: str) -> list[str]:
    """The words of a query, lower case, in order, without repeats; refuses bad queries."""
    if len(q) > MAX_Q:
        raise ValidationException(f"q is longer than {MAX_Q} characters")
    words = list(dict.fromkeys(w.lower() for w in _WORD.findall(q) if w.strip("*")))
    if not words:
        raise ValidationException("q has no word to search for (letters or digits)")
    if len(words) > MAX_WORDS:
        raise ValidationException(f"q has more than {MAX_WORDS} words")
    return words


def pattern(word: str) -> str:
    """The RE2 (and Python re.ASCII) pattern of one word: whole word, or a prefix."""
    if word.endswith("*"):
        return r"(?i)\b" + re.escape(word[:-1]) + r"\w*"
    return r"(?i)\b" + re.escape(word) + r"\b"


def matches_in(sentence: str, words: list[str]) -> list[list[int]]:
    spans: list[tuple[int, int]] = []
    for w in words:
        spans += [m.span() for m in re.finditer(pattern(w), sentence, re.ASCII)]
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return merged


def snippet(sentence: str, spans: list[list[int]]) -> str:
    """The sentence escaped with <mark> around each span, cut around the first span."""
    lo, hi = 0, len(sentence)
    if hi > SNIPPET_CHARS and spans:
        lo = max(0, min(spans[0][0] - SNIPPET_CHARS // 3, hi - SNIPPET_CHARS))
        hi = min(hi, lo + SNIPPET_CHARS)
    out, at = [], lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        out += [escape(sentence[at:s]), "<mark>", escape(sentence[s:e]), "</mark>"]
        at = e
    out.append(escape(sentence[at:hi]))
    return ("…" if lo > 0 else "") + "".join(out) + ("…" if hi < len(sentence) else "")


def _offset(after: str | None) -> int:
    if after is None:
        return 0
    if not after.isdigit() or int(after) > MAX_OFFSET:
        raise ValidationException(f"after must be a cursor from a previous page (a number up "
                                  f"to {MAX_OFFSET})")
    return int(after)


class SearchController(Controller):
    path = "/v1/search"
    tags = ["search"]

    @get("/", operation_id="search_sentences", cache=True, sync_to_thread=True,
         summary="Full-text search over sentences: snippets, facets, filters")
    def search(
        self, cur: Cursor,
        q: Annotated[str, QueryParameter(
            min_length=1, max_length=MAX_Q,
            description=f"Words to find (every word, whole, any case; word* for a prefix; "
                        f"at most {MAX_WORDS} words and {MAX_Q} characters)")],
        outlet: Annotated[str | None, QueryParameter(
            description="Keep sentences of articles of this outlet (exact name)")] = None,
        role: Annotated[str | None, QueryParameter(
            description="Keep sentences of this role: headline, byline, dateline, body, "
                        "caption or boilerplate")] = None,
        entity: Annotated[str | None, QueryParameter(
            description="Keep sentences that mention this entity (id, name or alias)")] = None,
        article_id: Annotated[str | None, QueryParameter(
            description="Keep sentences of this article")] = None,
        published_from: Annotated[date | None, QueryParameter(
            description="Keep articles published on or after this date")] = None,
        published_to: Annotated[date | None, QueryParameter(
            description="Keep articles published on or before this date")] = None,
        limit: Annotated[int, QueryParameter(
            ge=1, le=MAX_LIMIT, description=f"Most hits in the page (1 to {MAX_LIMIT})")] = 20,
        after: Annotated[str | None, QueryParameter(
            description="Cursor of the next page (the previous page's next_cursor)")] = None,
    ) -> SearchResult:
        words = words_of(q)
        offset = _offset(after)
        patterns = [pattern(w) for w in words]
        where: list[str] = []
        params: list[Any] = []
        for p in patterns:  # the article has every word somewhere: a cheap first cut
            where.append("regexp_matches(a.text, ?)")
            params.append(p)
        for column, value in (("a.outlet", outlet), ("s.role", role),
                              ("s.article_id", article_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if published_from is not None:
            where.append("a.published_on >= ?")
            params.append(published_from)
        if published_to is not None:
            where.append("a.published_on <= ?")
            params.append(published_to)
        if entity is not None:
            where.append("s.sentence_id IN (SELECT m.sentence_id FROM entity_mentions AS m "
                         "WHERE m.entity_id IN (SELECT entity_id "
                         "FROM factdb_entity_lookup(?)))")
            params.append(entity)
        found = " AND ".join("regexp_matches(sentence, ?)" for _ in patterns)
        score = " + ".join("len(regexp_extract_all(sentence, ?))" for _ in patterns)
        distinct = " + ".join("CAST(regexp_matches(sentence, ?) AS INTEGER)"
                              for _ in patterns)
        cur.execute(f"""
            CREATE OR REPLACE TEMP TABLE search_hits AS
            WITH cut AS (
                SELECT s.sentence_id, s.article_id, a.title, a.outlet, a.published_on,
                       s.role, s.char_start, s.char_end,
                       substr(a.text, s.char_start + 1, s.char_end - s.char_start) AS sentence
                FROM sentences AS s JOIN articles AS a ON a.article_id = s.article_id
                WHERE {" AND ".join(where)}
            )
            SELECT *, {score} AS score, {distinct} AS distinct_words
            FROM cut WHERE {found}""", [*params, *patterns, *patterns, *patterns])
        total_row = cur.execute("SELECT count(*) FROM search_hits").fetchone()
        total = int(total_row[0]) if total_row else 0
        rows = rows_as_dicts(cur.execute(
            "SELECT * EXCLUDE (distinct_words) FROM search_hits "
            "ORDER BY score DESC, distinct_words DESC, published_on DESC NULLS LAST, "
            "sentence_id LIMIT ? OFFSET ?", [limit, offset]))
        items = [_hit(r, words) for r in rows]
        more = offset + len(items) < total and offset + limit <= MAX_OFFSET
        return SearchResult(q=q, words=words, total=total, items=items,
                            next_cursor=str(offset + limit) if more else None,
                            facets=_facets(cur))


def _hit(row: dict[str, Any], words: list[str]) -> SearchHit:
    spans = matches_in(row["sentence"], words)
    return SearchHit(**row, snippet=snippet(row["sentence"], spans), matches=spans,
                     article_view=f"/pages/articles/{row['article_id']}?at={row['char_start']}"
                                  f"-{row['char_end']}#c{row['char_start']}-{row['char_end']}")


def _facets(cur: Any) -> dict[str, list[Facet]]:
    out: dict[str, list[Facet]] = {}
    for name, sql in (
            ("outlet", "SELECT outlet, count(*) FROM search_hits GROUP BY ALL"),
            ("published_on", "SELECT CAST(published_on AS VARCHAR), count(*) FROM search_hits "
                             "GROUP BY ALL"),
            ("role", "SELECT role, count(*) FROM search_hits GROUP BY ALL"),
            ("entity", "SELECT e.name, count(DISTINCT h.sentence_id) FROM search_hits AS h "
                       "JOIN entity_mentions AS m ON m.sentence_id = h.sentence_id "
                       "JOIN entities AS e ON e.entity_id = m.entity_id GROUP BY ALL")):
        rows = cur.execute(f"SELECT * FROM ({sql}) AS f(v, n) ORDER BY n DESC, v NULLS LAST "
                           f"LIMIT {FACET_SIZE}").fetchall()
        out[name] = [Facet(value=v, count=n) for v, n in rows]
    return out
