"""Pages for the people who read factdb: events, entities, articles, disagreements.

Served under /pages/ by the factdb server, from the same named-query answers as the JSON
API (docs/adr/0013). Jinja2 templates with autoescape, one CSS file, no script."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from litestar import Response, Router, get
from litestar.enums import MediaType
from litestar.params import PathParameter, QueryParameter
from litestar.response import Redirect
from litestar.static_files import create_static_files_router

from api.pages import views
from api.pages.data import article_href
from api.params import Cursor

HERE = Path(__file__).resolve().parent
EventId = Annotated[str, PathParameter(description="Id of the event (event_id)")]
EntityId = Annotated[str, PathParameter(description="Id of the entity (entity_id)")]
ArticleId = Annotated[str, PathParameter(description="Id of the article (article_id)")]
PAGES_PATH = "/pages"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["article_href"] = article_href
    return env


def render(template: str, status: int = 200, **context: Any) -> Response[str]:
    html = environment().get_template(template).render(**context)
    return Response(content=html, status_code=status, media_type=MediaType.HTML)


def not_found(what: str, ident: str) -> Response[str]:
    return render("not_found.html", status=404, what=what, ident=ident)


@get("/", sync_to_thread=True, include_in_schema=False)
def landing_page(cur: Cursor) -> Response[str]:
    return render("landing.html", **views.landing(cur))


@get("/events/{event_id:str}", sync_to_thread=True, include_in_schema=False)
def event_page(cur: Cursor, event_id: EventId) -> Response[str]:
    page = views.event(cur, event_id)
    return not_found("event", event_id) if page is None else render("event.html", **page)


@get("/entities/{entity_id:str}", sync_to_thread=True, include_in_schema=False)
def entity_page(cur: Cursor, entity_id: EntityId) -> Response[str]:
    page = views.entity(cur, entity_id)
    return not_found("entity", entity_id) if page is None else render("entity.html", **page)


@get("/articles/{article_id:str}", sync_to_thread=True, include_in_schema=False)
def article_page(cur: Cursor, article_id: ArticleId,
                 at: Annotated[str | None, QueryParameter(
                     description="A span START-END of the article text to mark")] = None
                 ) -> Response[str]:
    page = views.article(cur, article_id, at)
    return not_found("article", article_id) if page is None else render("article.html", **page)


@get("/disagreements", sync_to_thread=True, include_in_schema=False)
def disagreements_page(cur: Cursor) -> Response[str]:
    return render("disagreements.html", **views.disagreements(cur))


@get("/", include_in_schema=False, sync_to_thread=False)
def server_root() -> Redirect:
    """The server's root opens the pages (a person who types the address lands there)."""
    return Redirect(path=PAGES_PATH + "/", status_code=302)


def pages_router() -> Router:
    """The pages and their stylesheet under /pages/, and / redirecting there."""
    static = create_static_files_router(path="/static", directories=[HERE / "static"],
                                        include_in_schema=False)
    pages = Router(path=PAGES_PATH, route_handlers=[landing_page, event_page, entity_page,
                                                    article_page, disagreements_page, static])
    return Router(path="/", route_handlers=[server_root, pages])
