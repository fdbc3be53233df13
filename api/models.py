"""Typed response and request bodies of the API (pydantic)."""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Citation(BaseModel):
    """Where a fact is stated: articles.text[char_start:char_end] == quote, in the sentence
    sentence (sentence[mark_start:mark_end] == quote)."""

    article_id: str
    outlet: str | None = Field(None, description="Publisher of the article, if known")
    url: str | None = Field(None, description="URL of the article, if known")
    published_on: date | None = Field(None, description="Publication date of the article")
    quote: str = Field(description="The exact text that states the fact")
    char_start: int = Field(description="Offset of the quote in the article text (0-based)")
    char_end: int = Field(description="End offset of the quote (exclusive)")
    sentence: str | None = Field(
        None, description="The sentence the quote lies in (the sentences, when it spans "
                          "several), as in the article text")
    sentence_start: int | None = Field(
        None, description="Offset of the sentence in the article text")
    mark_start: int | None = Field(
        None, description="Offset of the quote in the sentence: mark it from here ...")
    mark_end: int | None = Field(None, description="... to here (exclusive)")
    article_view: str | None = Field(
        None, description="Path of the article page at the quote, on this server "
                          "(/pages/articles/ID?at=START-END#cSTART-END)")


class Page(BaseModel, Generic[T]):
    """One page of a list. Pass next_cursor as `after` to get the next page."""

    items: list[T]
    next_cursor: str | None = Field(
        None, description="Cursor of the next page (the last item's id); null on the last page")


class Problem(BaseModel):
    """An error (RFC 9457 problem details, served as application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str


class Article(BaseModel):
    model_config = ConfigDict(extra="allow")

    article_id: str
    source_uri: str
    url: str | None = None
    outlet: str | None = None
    outlet_basis: str | None = Field(None, description="Where outlet comes from: metadata or "
                                                       "dateline")
    title: str | None = None
    published_on: date | None = None
    published_basis: str | None = Field(
        None, description="Where published_on comes from: metadata, text or inferred")
    language: str | None = None
    source_format: str
    char_count: int
    run_id: str


class ArticleDetail(Article):
    text: str = Field(description="The article text every offset refers to")
    fact_counts: dict[str, int] = Field(
        default_factory=dict, description="Number of fact rows of each table in this article")


class Sentence(BaseModel):
    model_config = ConfigDict(extra="allow")

    sentence_id: str
    article_id: str
    seq: int
    char_start: int
    char_end: int
    role: str = Field(description="headline, byline, dateline, body, caption or boilerplate")
    paragraph: int
    role_reason: str | None = None
    text: str = Field(description="The sentence: the article text from char_start to char_end")


class Fact(BaseModel):
    """Provenance columns every fact row carries."""

    model_config = ConfigDict(extra="allow")

    article_id: str
    sentence_id: str
    char_start: int
    char_end: int
    quote: str
    extractor: str
    confidence: float
    confidence_reason: str | None = Field(
        None, description="What set the confidence, in plain English (the evidence and what "
                          "lowered it); NULL for rows loaded before factdb recorded it")
    run_id: str
    citations: list[Citation] = Field(description="Where the fact is stated")


class Count(Fact):
    count_id: str
    value: float | None = None
    value_low: float | None = None
    value_high: float | None = None
    qualifier: str | None = Field(
        None, description="exact, more_than, at_least, less_than, at_most, about or none")
    unit: str | None = None
    event_type: str | None = None
    window_start: date | None = None
    window_end: date | None = None
    anchor_event_id: str | None = None
    place: str | None = Field(None, description="Where the counted things happened, as written")
    window_relation: str | None = Field(
        None, description="How the window relates to its anchor: before, after, since, until, "
                          "between, as_of, so_far, during, past")
    group_id: str | None = Field(None, description="Fact group: the same count in several "
                                                   "articles (fact_groups)")


class DateFact(Fact):
    date_id: str
    value_start: date | None = None
    value_end: date | None = None
    granularity: str | None = None
    basis: str | None = None
    anchor: str | None = None
    relation: str | None = Field(None, description="before, after, since, until or between")
    group_id: str | None = Field(None, description="Fact group: the same date in several "
                                                   "articles (fact_groups)")


class Claim(Fact):
    claim_id: str
    speaker: str | None = None
    speaker_entity_id: str | None = None
    cue: str | None = None
    is_direct_quote: bool
    claim_group_id: str | None = None
    content: str | None = Field(None, description="What was said, without the attribution "
                                                  "(quote is the whole attributed statement)")
    speaker_kind: str | None = Field(
        None, description="named_person, named_org, anonymous, document or outlet")
    hedge: bool | None = Field(None, description="Hedged attribution (sources said, "
                                                 "reportedly)")
    original_source: str | None = Field(None, description="The original reporter, when the "
                                                          "article relays another outlet")
    is_relayed: bool | None = None


class Entity(BaseModel):
    model_config = ConfigDict(extra="allow")

    entity_id: str
    name: str
    entity_type: str
    aliases: list[str]
    mention_count: int
    article_count: int
    citations: list[Citation] = Field(
        description="Mentions of the entity (the first few in a list, up to 100 by id)")


class Event(BaseModel):
    model_config = ConfigDict(extra="allow")

    event_id: str
    event_type: str
    label: str
    date_start: date | None = None
    date_end: date | None = None
    location_entity_id: str | None = None
    location: str | None = Field(None, description="Name of the location entity")
    mention_count: int
    article_count: int
    citations: list[Citation] = Field(
        description="Mentions of the event (the first few in a list, up to 100 by id)")


class QueryParamInfo(BaseModel):
    name: str
    description: str
    required: bool
    default: str | None = None


class QueryInfo(BaseModel):
    name: str
    title: str
    description: str
    params: list[QueryParamInfo]
    path: str = Field(description="Where to run it: GET with the params as query string")


class QueryResult(BaseModel):
    query: str
    params: dict[str, str] = Field(description="The parameter values used, defaults filled")
    columns: list[str]
    rows: list[dict[str, Any]] = Field(description="One object per row; lists and structs "
                                                   "as JSON, dates as ISO strings")
    truncated: bool = Field(description="True when rows were cut at the server's row limit")


class SqlRequest(BaseModel):
    sql: str = Field(description="One read-only SELECT over the factdb tables", min_length=1)
    dialect: Literal["duckdb", "postgres", "sqlite"] = Field(
        "duckdb", description="SQL dialect of `sql`; it is translated to DuckDB")


class SqlResponse(BaseModel):
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(description="True when rows were cut at the row limit")
    sql_executed: str = Field(description="The DuckDB SQL that actually ran")


class Health(BaseModel):
    status: Literal["ok"]
    db_path: str
    article_count: int
    schema_version: int = Field(description="Highest applied schema migration")
    factdb_version: str
