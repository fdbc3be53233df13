"""YAML front matter: a leading ``---`` block with url, outlet, title, published, language."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import yaml

from factdb.errors import InputError

META_KEYS = ("url", "outlet", "title", "published", "language")
#: Values that say a field is not known: the field is missing, not malformed.
UNKNOWN_VALUES = frozenset({"", "unknown", "none", "null", "nil", "n/a", "na", "-", "--", "?",
                            "not known", "not available", "unavailable", "undated", "tbd"})
_FENCE = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(raw: str, path: str,
                       warnings: list[str] | None = None) -> tuple[dict[str, Any], str]:
    """Return (metadata, body). A file without front matter has empty metadata.

    A field whose value says it is not known (``published: unknown``) is left out, and a
    warning naming the field is appended to ``warnings``."""
    if not raw.startswith("---"):
        return {}, raw
    m = _FENCE.match(raw)
    if not m:
        raise InputError(path, "front matter starts with '---' but has no closing '---' line")
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(path, f"malformed YAML front matter{where}: {problem}") from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError(path, "front matter must be a mapping of keys to values")
    return check_metadata(meta, path, warnings), raw[m.end() :]


def is_unknown(value: Any) -> bool:
    """Does a metadata value say that the field is not known (empty, null, unknown, n/a)?"""
    return value is None or (isinstance(value, str) and value.strip().lower() in UNKNOWN_VALUES)


def check_metadata(meta: dict[str, Any], path: str,
                   warnings: list[str] | None = None) -> dict[str, Any]:
    """Validate the known keys; unknown keys are ignored. A known key whose value says it is
    not known is missing (with a warning when the key is present)."""
    out: dict[str, Any] = {}
    for key in META_KEYS:
        value = meta.get(key)
        if is_unknown(value):
            if key in meta and warnings is not None:
                shown = "empty" if value is None or not str(value).strip() else repr(value)
                warnings.append(f"metadata '{key}' is {shown}: treated as missing")
            continue
        if key == "published":
            out[key] = parse_published(value, path)
        elif isinstance(value, str | int | float):
            out[key] = str(value).strip() or None
        else:
            raise InputError(path, f"metadata '{key}' must be a string, got {type(value).__name__}")
    return out


def parse_published(value: Any, path: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for fmt in ("%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d %H:%M:%S"):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                pass
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise InputError(path, f"metadata 'published' is not an ISO date (YYYY-MM-DD): {value!r}")
