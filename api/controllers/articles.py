"""Articles and their sentences."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Controller, get
from litestar.exceptions import NotFoundException
from litestar.params import PathParameter, QueryParameter

from api.listing import DEFAULT_LIMIT, Filters, by_id, page
from api.models import Article, ArticleDetail, Page, Sentence
from api.params import After, Cursor, Limit, Text
from factdb.db import FACT_TABLES, quote_ident

#: Every column but the text (lists leave it out; GET /v1/articles/{id} has it).
ARTICLE_COLUMNS = "t.* EXCLUDE (text)"
ArticlePath = Annotated[str, PathParameter(description="Id of the article (article_id)")]


class ArticleController(Controller):
    path = "/v1/articles"
    tags = ["articles"]

    @get("/", operation_id="list_articles", cache=True, sync_to_thread=True,
         summary="List articles (without their text)")
    def list_articles(
        self, cur: Cursor,
        outlet: Annotated[str | None, QueryParameter(description="Keep articles of this outlet "
                                                            "(exact name)")] = None,
        q: Text = None,
        published_from: Annotated[date | None, QueryParameter(
            description="Keep articles published on or after this date (YYYY-MM-DD)")] = None,
        published_to: Annotated[date | None, QueryParameter(
            description="Keep articles published on or before this date (YYYY-MM-DD)")] = None,
        limit: Limit = DEFAULT_LIMIT, after: After = None,
    ) -> Page[Article]:
        f = Filters()
        f.equal("outlet", outlet)
        if q:
            f.add("(contains(lower(t.title), lower(?)) OR contains(lower(t.text), lower(?)))",
                  q, q)
        if published_from is not None:
            f.add("t.published_on >= ?", published_from)
        if published_to is not None:
            f.add("t.published_on <= ?", published_to)
        rows, cursor = page(cur, "articles", "article_id", f, after, limit,
                            columns=ARTICLE_COLUMNS)
        return Page[Article](items=[Article(**r) for r in rows], next_cursor=cursor)

    @get("/{article_id:str}", operation_id="get_article", cache=True, sync_to_thread=True,
         summary="One article with its text and the number of facts of each kind")
    def get_article(self, cur: Cursor,
                    article_id: ArticlePath) -> ArticleDetail:
        row = by_id(cur, "articles", "article_id", article_id)
        if row is None:
            raise NotFoundException(f"no article with id '{article_id}'")
        counts = " UNION ALL ".join(
            f"SELECT '{t}', count(*) FROM {quote_ident(t)} WHERE article_id = $id"
            for t in FACT_TABLES)
        row["fact_counts"] = dict(cur.execute(counts, {"id": article_id}).fetchall())
        return ArticleDetail(**row)

    @get("/{article_id:str}/sentences", operation_id="list_article_sentences",
         cache=True, sync_to_thread=True,
         summary="The sentences of one article, in order, with roles")
    def list_sentences(
        self, cur: Cursor, article_id: ArticlePath,
        role: Annotated[str | None, QueryParameter(
            description="Keep sentences of this role (headline, byline, dateline, body, "
                        "caption, boilerplate)")] = None,
        limit: Limit = DEFAULT_LIMIT,
        after: Annotated[int | None, QueryParameter(
            description="Keyset cursor: return sentences whose seq is greater than this "
                        "(the previous page's next_cursor)")] = None,
    ) -> Page[Sentence]:
        found = cur.execute("SELECT text FROM articles WHERE article_id = ?",
                            [article_id]).fetchone()
        if found is None:
            raise NotFoundException(f"no article with id '{article_id}'")
        f = Filters()
        f.equal("article_id", article_id)
        f.equal("role", role)
        rows, cursor = page(cur, "sentences", "seq", f, after, limit,
                            columns="t.*")
        text: str = found[0]
        for r in rows:
            r["text"] = text[r["char_start"]:r["char_end"]]
        return Page[Sentence](items=[Sentence(**r) for r in rows], next_cursor=cursor)
