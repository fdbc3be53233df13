"""Which extractors and resolvers a load runs, in order.

Extractors run per article, in this order; each sees the rows of the ones before it in
``ctx.products["rows"]`` (events use the article's resolved dates and entities).
Resolvers run once per load, inside the load transaction, over the whole corpus:
entities first (claims link speakers to them, events use them as participants), then
claim groups, events, event-relative windows, fact groups and finally disagreements,
which compare the grouped facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factdb.settings import Settings

if TYPE_CHECKING:
    from factdb.load import Extractor, Resolver


def extractors(settings: Settings) -> list[Extractor]:
    from factdb.extract import claims, counts, dates, entities, events

    return [entities.extract, dates.extract, counts.extract, claims.extract,
            events.make_extractor(settings.event_lexicon_path)]


def resolvers(settings: Settings) -> list[Resolver]:
    from factdb.resolve import aliases, anchors, claim_groups, disagreements, events, groups

    return [aliases.resolve, claim_groups.resolve, events.resolve, anchors.resolve,
            groups.resolve, disagreements.resolve]
