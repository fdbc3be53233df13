"""Extraction runs: one row per load, recording what produced which rows."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from os.path import basename, isabs
from typing import Any

from factdb import __version__
from factdb.settings import Settings


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class Run:
    command: str
    settings: Settings
    run_id: str = field(default_factory=lambda: f"run-{utcnow():%Y%m%dT%H%M%S}-"
                                                f"{uuid.uuid4().hex[:8]}")
    started_at: datetime = field(default_factory=utcnow)
    warnings: list[str] = field(default_factory=list)

    def row(self, article_count: int, status: str, extra_config: dict[str, Any]) -> dict[str, Any]:
        config = asdict(self.settings)
        config.pop("db_path")
        config.update(extra_config)
        for key, value in config.items():  # run records name files, never absolute paths
            if key.endswith(("_path", "_root")) and isinstance(value, str) and isabs(value):
                config[key] = basename(value.rstrip("/")) or value
        return {
            "run_id": self.run_id,
            "started_at": self.started_at,
            "finished_at": utcnow(),
            "factdb_version": __version__,
            "config_sha256": self.settings.fingerprint(),
            "article_count": article_count,
            "status": status,
            "config_json": json.dumps(config, sort_keys=True, default=str),
            "command": self.command,
            "warnings": self.warnings,
        }
