"""GET /health: is the database there, and what is in it."""

from __future__ import annotations

from pathlib import Path

from litestar import get

from api.models import Health
from api.params import Cursor, Settings
from factdb import __version__


@get("/health", operation_id="health", sync_to_thread=True, tags=["health"],
     summary="Database file name, article count and schema version")
def health(cur: Cursor, settings: Settings) -> Health:
    articles = cur.execute("SELECT count(*) FROM articles").fetchone()
    version = cur.execute("SELECT max(version) FROM schema_migrations").fetchone()
    # the file's name only: an absolute path tells a caller about the server's disk
    return Health(status="ok", db_path=Path(settings.db_path).name,
                  article_count=int(articles[0]) if articles else 0,
                  schema_version=int(version[0]) if version and version[0] is not None else 0,
                  factdb_version=__version__)
