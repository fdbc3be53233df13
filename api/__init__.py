"""The factdb HTTP API (Litestar): create_app() builds it over one database."""

from __future__ import annotations

from api.app import create_app

__all__ = ["create_app"]
