"""The pipeline's stages and their order: the one place that lists what a load runs.

Extractors run per article, in this order; each sees the rows of the ones before it in
``ctx.rows`` (events use the article's resolved dates and entities). Resolvers run once
per load, inside the load transaction, over the whole corpus: entities first (claims link
speakers to them, events use them as participants), then claim groups, events,
event-relative windows, fact groups and finally disagreements, which compare the grouped
facts.
"""

from __future__ import annotations

from typing import Any, Protocol

import duckdb

from factdb.extract import claims, counts, dates, entities, events
from factdb.extract.context import ArticleContext
from factdb.resolve import anchors, answers, disagreements, fact_groups, fact_log
from factdb.resolve import claims as claim_groups
from factdb.resolve import entities as entity_resolution
from factdb.resolve import events as event_coreference
from factdb.runs import Run
from factdb.settings import Settings

Rows = dict[str, list[dict[str, Any]]]


class Extractor(Protocol):
    """Per article, without the database: table name -> new rows."""

    def __call__(self, ctx: ArticleContext, /) -> Rows: ...


class Resolver(Protocol):
    """Corpus-wide, inside the load transaction after the new rows are in."""

    def __call__(self, con: duckdb.DuckDBPyConnection, run: Run, /) -> None: ...


def extractors(settings: Settings) -> list[Extractor]:
    return [entities.extract, dates.extract, counts.extract, claims.extract,
            events.make_extractor(settings.event_lexicon_path)]


def resolvers(settings: Settings) -> list[Resolver]:
    return [entity_resolution.resolve, claim_groups.resolve, event_coreference.resolve,
            anchors.resolve, fact_groups.resolve, disagreements.resolve, fact_log.resolve,
            answers.resolve]
