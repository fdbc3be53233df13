"""Which extractors and resolvers a load runs, in order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factdb.settings import Settings

if TYPE_CHECKING:
    from factdb.load import Extractor, Resolver


def extractors(settings: Settings) -> list[Extractor]:
    return []


def resolvers(settings: Settings) -> list[Resolver]:
    return []
