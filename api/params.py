"""Query-string and path parameters shared by the list endpoints, each described."""

from __future__ import annotations

from typing import Annotated

import duckdb
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api.listing import MAX_LIMIT
from api.settings import ApiSettings

#: The request's DuckDB cursor and the API settings (named dependencies)
Cursor = NamedDependency[duckdb.DuckDBPyConnection]
Settings = NamedDependency[ApiSettings]

Limit = Annotated[int, QueryParameter(
    ge=1, le=MAX_LIMIT, description=f"Most items in the page (1 to {MAX_LIMIT}; default 50)")]
After = Annotated[str | None, QueryParameter(
    description="Keyset cursor: return the items whose id sorts after this one (pass the "
                "previous page's next_cursor)")]
Outlet = Annotated[str | None, QueryParameter(
    description="Keep facts from articles of this outlet (exact name)")]
ArticleId = Annotated[str | None, QueryParameter(
    description="Keep facts of this article (article_id)")]
Text = Annotated[str | None, QueryParameter(
    description="Keep items whose quote (or name, label, title) contains this text, "
                "case-insensitive")]
