"""Entities (people, organisations, places...) and events, with the mentions that cite them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from litestar import Controller, get
from litestar.exceptions import NotFoundException
from litestar.params import PathParameter, QueryParameter

from api.listing import (
    DEFAULT_LIMIT,
    DETAIL_CITATIONS,
    LIST_CITATIONS,
    Filters,
    by_id,
    mention_citations,
    names_of,
    page,
)
from api.models import Entity, Event, Page
from api.params import After, ArticleId, Cursor, Limit, Text


def _with_citations(cur: Cursor, rows: list[dict[str, Any]], table: str,
                    key: str, per_id: int) -> list[dict[str, Any]]:
    cited = mention_citations(cur, table, key, [r[key] for r in rows], per_id)
    for r in rows:
        r["citations"] = cited.get(r[key], [])
    return rows


class EntityController(Controller):
    path = "/v1/entities"
    tags = ["entities"]

    @get("/", operation_id="list_entities", cache=True, sync_to_thread=True,
         summary="List entities, each with its first mentions as citations")
    def list_entities(
        self, cur: Cursor,
        entity_type: Annotated[str | None, QueryParameter(
            description="Keep entities of this type (PERSON, ORG, GPE, LOC, NORP, FAC, "
                        "...)")] = None,
        q: Annotated[str | None, QueryParameter(
            description="Keep entities whose name or an alias contains this text, "
                        "case-insensitive")] = None,
        article_id: Annotated[str | None, QueryParameter(
            description="Keep entities mentioned in this article (article_id)")] = None,
        limit: Limit = DEFAULT_LIMIT, after: After = None,
    ) -> Page[Entity]:
        f = Filters()
        f.equal("entity_type", entity_type)
        if q:
            f.add("(contains(lower(t.name), lower(?)) OR contains(lower(array_to_string("
                  "t.aliases, chr(31))), lower(?)))", q, q)
        if article_id is not None:
            f.add("t.entity_id IN (SELECT entity_id FROM entity_mentions WHERE article_id = ?)",
                  article_id)
        rows, cursor = page(cur, "entities", "entity_id", f, after, limit)
        rows = _with_citations(cur, rows, "entity_mentions", "entity_id", LIST_CITATIONS)
        return Page[Entity](items=[Entity(**r) for r in rows], next_cursor=cursor)

    @get("/{entity_id:str}", operation_id="get_entity", cache=True, sync_to_thread=True,
         summary="One entity with up to 100 of its mentions as citations")
    def get_entity(self, cur: Cursor, entity_id: Annotated[
            str, PathParameter(description="Id of the entity (entity_id)")]) -> Entity:
        row = by_id(cur, "entities", "entity_id", entity_id)
        if row is None:
            raise NotFoundException(f"no entity with id '{entity_id}'")
        return Entity(**_with_citations(cur, [row], "entity_mentions", "entity_id",
                                        DETAIL_CITATIONS)[0])


def _with_locations(cur: Cursor, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = names_of(cur, [r["location_entity_id"] for r in rows])
    for r in rows:
        r["location"] = names.get(r["location_entity_id"])
    return rows


class EventController(Controller):
    path = "/v1/events"
    tags = ["events"]

    @get("/", operation_id="list_events", cache=True, sync_to_thread=True,
         summary="List events, each with its first mentions as citations")
    def list_events(
        self, cur: Cursor,
        event_type: Annotated[str | None, QueryParameter(
            description="Keep events of this type, case-insensitive")] = None,
        q: Text = None,
        article_id: ArticleId = None,
        date_from: Annotated[date | None, QueryParameter(
            description="Keep events that end on or after this date (YYYY-MM-DD)")] = None,
        date_to: Annotated[date | None, QueryParameter(
            description="Keep events that start on or before this date (YYYY-MM-DD)")] = None,
        limit: Limit = DEFAULT_LIMIT, after: After = None,
    ) -> Page[Event]:
        f = Filters()
        if event_type is not None:
            f.add("lower(t.event_type) = lower(?)", event_type)
        f.contains("label", q)
        if article_id is not None:
            f.add("t.event_id IN (SELECT event_id FROM event_mentions WHERE article_id = ?)",
                  article_id)
        if date_from is not None:
            f.add("coalesce(t.date_end, t.date_start) >= ?", date_from)
        if date_to is not None:
            f.add("t.date_start <= ?", date_to)
        rows, cursor = page(cur, "events", "event_id", f, after, limit)
        rows = _with_locations(cur, rows)
        rows = _with_citations(cur, rows, "event_mentions", "event_id", LIST_CITATIONS)
        return Page[Event](items=[Event(**r) for r in rows], next_cursor=cursor)

    @get("/{event_id:str}", operation_id="get_event", cache=True, sync_to_thread=True,
         summary="One event with up to 100 of its mentions as citations")
    def get_event(self, cur: Cursor, event_id: Annotated[
            str, PathParameter(description="Id of the event (event_id)")]) -> Event:
        row = by_id(cur, "events", "event_id", event_id)
        if row is None:
            raise NotFoundException(f"no event with id '{event_id}'")
        rows = _with_locations(cur, [row])
        return Event(**_with_citations(cur, rows, "event_mentions", "event_id",
                                       DETAIL_CITATIONS)[0])
