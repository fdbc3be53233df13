"""Domain errors. The CLI and the API map these to messages and HTTP statuses in one place."""

from __future__ import annotations

from pathlib import Path


class FactdbError(Exception):
    """Base class of every error factdb raises on purpose."""


class InputError(FactdbError):
    """A source file that cannot be loaded: names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class SchemaError(FactdbError):
    """The database file is not a factdb database, or its migrations disagree with the code."""


class NotBuiltYet(FactdbError):
    """A command whose feature lands in a later release."""
