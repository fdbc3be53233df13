"""Errors of the publishing commands."""

from __future__ import annotations

from factdb.errors import FactdbError


class PublishError(FactdbError):
    """A publish or export that cannot be done (nothing was written)."""


class UnknownTable(FactdbError):
    """No table of that name in the database."""
