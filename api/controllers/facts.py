"""Counts, dates and claims: fact rows, each with its citation."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Controller, get
from litestar.exceptions import NotFoundException
from litestar.params import PathParameter, QueryParameter

from api.listing import DEFAULT_LIMIT, Filters, by_id, page, with_citation
from api.models import Claim, Count, DateFact, Page
from api.params import After, ArticleId, Cursor, Limit, Outlet, Text


def _lower_equal(f: Filters, column: str, value: str | None) -> None:
    if value is not None:
        f.add(f"lower(t.{column}) = lower(?)", value)


class CountController(Controller):
    path = "/v1/counts"
    tags = ["facts"]

    @get("/", operation_id="list_counts", cache=True, sync_to_thread=True,
         summary="List reported counts (numbers of things), each with its citation")
    def list_counts(
        self, cur: Cursor,
        unit: Annotated[str | None, QueryParameter(
            description="Keep counts of this unit (e.g. attack), case-insensitive")] = None,
        qualifier: Annotated[str | None, QueryParameter(
            description="Keep counts with this qualifier: exact, more_than, at_least, "
                        "less_than, at_most, about, none")] = None,
        event_type: Annotated[str | None, QueryParameter(
            description="Keep counts of this event type, case-insensitive")] = None,
        event_id: Annotated[str | None, QueryParameter(
            description="Keep counts anchored to this event (anchor_event_id)")] = None,
        article_id: ArticleId = None, outlet: Outlet = None, q: Text = None,
        limit: Limit = DEFAULT_LIMIT, after: After = None,
    ) -> Page[Count]:
        f = Filters()
        _lower_equal(f, "unit", unit)
        f.equal("qualifier", qualifier)
        _lower_equal(f, "event_type", event_type)
        f.equal("anchor_event_id", event_id)
        f.equal("article_id", article_id)
        f.outlet(outlet)
        f.contains("quote", q)
        rows, cursor = page(cur, "counts", "count_id", f, after, limit)
        return Page[Count](items=[Count(**r) for r in with_citation(cur, rows)], next_cursor=cursor)

    @get("/{count_id:str}", operation_id="get_count", cache=True, sync_to_thread=True,
         summary="One count with its citation")
    def get_count(self, cur: Cursor, count_id: Annotated[
            str, PathParameter(description="Id of the count (count_id)")]) -> Count:
        row = by_id(cur, "counts", "count_id", count_id)
        if row is None:
            raise NotFoundException(f"no count with id '{count_id}'")
        return Count(**with_citation(cur, [row])[0])


class DateController(Controller):
    path = "/v1/dates"
    tags = ["facts"]

    @get("/", operation_id="list_dates", cache=True, sync_to_thread=True,
         summary="List date expressions with their resolved values, each with its citation")
    def list_dates(
        self, cur: Cursor,
        granularity: Annotated[str | None, QueryParameter(
            description="Keep dates of this granularity: day, week, month, year, "
                        "range")] = None,
        basis: Annotated[str | None, QueryParameter(
            description="Keep dates resolved this way: explicit, publication, relative, "
                        "event")] = None,
        value_from: Annotated[date | None, QueryParameter(
            description="Keep dates whose value ends on or after this date "
                        "(YYYY-MM-DD)")] = None,
        value_to: Annotated[date | None, QueryParameter(
            description="Keep dates whose value starts on or before this date "
                        "(YYYY-MM-DD)")] = None,
        article_id: ArticleId = None, outlet: Outlet = None, q: Text = None,
        limit: Limit = DEFAULT_LIMIT, after: After = None,
    ) -> Page[DateFact]:
        f = Filters()
        f.equal("granularity", granularity)
        f.equal("basis", basis)
        if value_from is not None:
            f.add("coalesce(t.value_end, t.value_start) >= ?", value_from)
        if value_to is not None:
            f.add("t.value_start <= ?", value_to)
        f.equal("article_id", article_id)
        f.outlet(outlet)
        f.contains("quote", q)
        rows, cursor = page(cur, "dates", "date_id", f, after, limit)
        return Page[DateFact](items=[DateFact(**r) for r in with_citation(cur, rows)],
                              next_cursor=cursor)

    @get("/{date_id:str}", operation_id="get_date", cache=True, sync_to_thread=True,
         summary="One date with its citation")
    def get_date(self, cur: Cursor, date_id: Annotated[
            str, PathParameter(description="Id of the date (date_id)")]) -> DateFact:
        row = by_id(cur, "dates", "date_id", date_id)
        if row is None:
            raise NotFoundException(f"no date with id '{date_id}'")
        return DateFact(**with_citation(cur, [row])[0])


class ClaimController(Controller):
    path = "/v1/claims"
    tags = ["facts"]

    @get("/", operation_id="list_claims", cache=True, sync_to_thread=True,
         summary="List attributed claims (who said what), each with its citation")
    def list_claims(
        self, cur: Cursor,
        speaker_entity_id: Annotated[str | None, QueryParameter(
            description="Keep claims whose speaker is this entity (entity_id)")] = None,
        speaker: Annotated[str | None, QueryParameter(
            description="Keep claims whose speaker text contains this, "
                        "case-insensitive")] = None,
        claim_group_id: Annotated[str | None, QueryParameter(
            description="Keep claims of this claim group (the same claim in several "
                        "articles)")] = None,
        is_direct_quote: Annotated[bool | None, QueryParameter(
            description="true: only direct quotations; false: only reported "
                        "speech")] = None,
        article_id: ArticleId = None, outlet: Outlet = None, q: Text = None,
        limit: Limit = DEFAULT_LIMIT, after: After = None,
    ) -> Page[Claim]:
        f = Filters()
        f.equal("speaker_entity_id", speaker_entity_id)
        f.contains("speaker", speaker)
        f.equal("claim_group_id", claim_group_id)
        f.equal("is_direct_quote", is_direct_quote)
        f.equal("article_id", article_id)
        f.outlet(outlet)
        f.contains("quote", q)
        rows, cursor = page(cur, "claims", "claim_id", f, after, limit)
        return Page[Claim](items=[Claim(**r) for r in with_citation(cur, rows)], next_cursor=cursor)

    @get("/{claim_id:str}", operation_id="get_claim", cache=True, sync_to_thread=True,
         summary="One claim with its citation")
    def get_claim(self, cur: Cursor, claim_id: Annotated[
            str, PathParameter(description="Id of the claim (claim_id)")]) -> Claim:
        row = by_id(cur, "claims", "claim_id", claim_id)
        if row is None:
            raise NotFoundException(f"no claim with id '{claim_id}'")
        return Claim(**with_citation(cur, [row])[0])
