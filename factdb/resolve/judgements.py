"""User judgements that correct entity resolution: a small YAML file applied on every load.

    merge:                      # these names are one entity
      - [Valerii Zaluzhnyi, the commander-in-chief]
    split:                      # these names are different entities
      - [George Bush, George W. Bush]
    type:                       # the type of the entity with this name
      Wagner: ORG

Names are matched with the transliteration-aware key of ``factdb.lang.names``, so one
spelling stands for its variants. See docs/judgements.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from factdb.errors import InputError
from factdb.lang.names import match_key

ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                          "LAW", "WORK_OF_ART", "LANGUAGE"})
SECTIONS = ("merge", "split", "type")


@dataclass(frozen=True)
class Judgements:
    merge: list[list[str]] = field(default_factory=list)
    split: list[list[str]] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.merge or self.split or self.types)


def load_judgements(path: str | Path | None) -> Judgements:
    """The judgements in a file; none when path is None. A bad file is an InputError."""
    if path is None or str(path) == "":
        return Judgements()
    p = Path(path)
    if not p.is_file():
        raise InputError(p, "no such judgements file")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(p, f"judgements file is not UTF-8 text ({exc.reason})") from exc
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 1}" if where is not None else ""
        raise InputError(p, f"judgements file is not valid YAML{at}") from exc
    return parse_judgements(data, p)


def parse_judgements(data: Any, path: str | Path) -> Judgements:
    """Check the structure of loaded YAML and build Judgements from it."""
    if data is None:
        return Judgements()
    if not isinstance(data, dict):
        raise InputError(path, "judgements file must be a mapping with keys merge, split, type")
    unknown = sorted(str(k) for k in data if k not in SECTIONS)
    if unknown:
        raise InputError(path, f"unknown judgement section(s) {', '.join(unknown)}; "
                               f"expected {', '.join(SECTIONS)}")
    merge = _name_lists(data.get("merge"), "merge", path)
    split = _name_lists(data.get("split"), "split", path)
    types = data.get("type") or {}
    if not isinstance(types, dict):
        raise InputError(path, "'type' must map names to entity types, e.g. {Wagner: ORG}")
    checked: dict[str, str] = {}
    for name, kind in types.items():
        if not isinstance(name, str) or not name.strip():
            raise InputError(path, f"'type': {name!r} is not a name")
        if not isinstance(kind, str) or kind.upper() not in ENTITY_TYPES:
            raise InputError(path, f"'type': {name}: {kind!r} is not one of "
                                   f"{', '.join(sorted(ENTITY_TYPES))}")
        checked[name.strip()] = kind.upper()
    return Judgements(merge=merge, split=split, types=checked)


def _name_lists(value: Any, section: str, path: str | Path) -> list[list[str]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(path, f"'{section}' must be a list of name lists, e.g. [[A, B]]")
    out = []
    for n, item in enumerate(value, 1):
        if not isinstance(item, list) or len(item) < 2:
            raise InputError(path, f"'{section}' item {n} must be a list of at least two names")
        names = []
        for name in item:
            if not isinstance(name, str) or not name.strip():
                raise InputError(path, f"'{section}' item {n}: {name!r} is not a name")
            names.append(name.strip())
        out.append(names)
    return out


# --- applying them to the entity resolver's clusters (factdb.resolve.entities) ---------------

class _Clusters(Protocol):
    """What the judgements read of entities.Clusters: the units and the union-find."""

    @property
    def units(self) -> Sequence[Any]: ...

    def find(self, x: int) -> int: ...

    def union(self, a: int, b: int, force: bool = False) -> bool: ...


@dataclass
class Applied:
    action: str
    names: list[str]
    entity_type: str | None
    roots: list[int]
    note: str


def apply_merges(cl: _Clusters, judgements: Judgements) -> list[Applied]:
    applied = []
    index = _key_index(cl)
    for names in judgements.merge:
        found = _roots_named(cl, index, names)
        missing = [n for n in names if not found[n]]
        roots = sorted({r for rs in found.values() for r in rs})
        for r in roots[1:]:
            cl.union(roots[0], r, force=True)
        note = f"merged {len(roots)} entities" if len(roots) > 1 else \
            "already one entity" if roots else "no entity has these names"
        if missing and roots:
            note += "; not found: " + ", ".join(missing)
        applied.append(Applied("merge", names, None, [cl.find(r) for r in roots[:1]], note))
    return applied


def describe_splits(cl: _Clusters, judgements: Judgements) -> list[Applied]:
    applied = []
    index = _key_index(cl)
    for names in judgements.split:
        found = _roots_named(cl, index, names)
        missing = [n for n in names if not found[n]]
        roots = sorted({cl.find(r) for rs in found.values() for r in rs})
        note = f"kept apart as {len(roots)} entities"
        if missing:
            note += "; not found: " + ", ".join(missing)
        applied.append(Applied("split", names, None, roots, note))
    return applied


def _key_index(cl: _Clusters) -> dict[str, set[int]]:
    index: dict[str, set[int]] = defaultdict(set)
    for i, u in enumerate(cl.units):
        for key in u.keys.values():
            if key:
                index[key].add(i)
    return index


def _roots_named(cl: _Clusters, index: dict[str, set[int]],
                 names: list[str]) -> dict[str, set[int]]:
    return {n: {cl.find(i) for i in index.get(match_key(n), ())} for n in names}


def typed(cl: _Clusters, judgements: Judgements, applied: list[Applied]) -> dict[int, str]:
    forced: dict[int, str] = {}
    index = _key_index(cl)
    for name, kind in judgements.types.items():
        roots = sorted(_roots_named(cl, index, [name])[name])
        for r in roots:
            forced[r] = kind
        note = f"set the type of {len(roots)} entities" if roots else "no entity has this name"
        applied.append(Applied("type", [name], kind, roots, note))
    return forced
