"""DuckDB values as JSON-ready Python values (dates as ISO strings, structs as objects)."""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

import msgspec


def jsonable(value: Any) -> Any:
    """A value DuckDB returned, as something json.dumps writes faithfully."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return str(value)


#: DuckDB type names whose Python values msgspec's JSON encoder writes as jsonable() does
#: (strings, integers, booleans, floats, NaN and infinities as null, dates and naive
#: timestamps in ISO form, lists and structs of them, JSON kept as msgspec.Raw)
_NATIVE_TYPES = frozenset({
    "VARCHAR", "JSON", "BOOLEAN", "DOUBLE", "FLOAT", "DATE", "TIMESTAMP", "STRUCT",
    "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
    "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"})
#: the upper-case words of a type name (a struct's field names are lower case; an upper
#: case one only makes the column take the slow path)
_TYPE_WORDS = re.compile(r"\b[A-Z][A-Z_]*\b")


@lru_cache(maxsize=512)
def native_json(kind: str) -> bool:
    """Whether values of this DuckDB type (its name, as a cursor's description gives it)
    encode as jsonable() writes them without passing through it: no Decimal, interval,
    blob, time, time-zoned timestamp, map, union or UUID inside."""
    return all(word in _NATIVE_TYPES for word in _TYPE_WORDS.findall(kind))


def json_rows(columns: Sequence[str], kinds: Sequence[str],
              rows: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    """Rows as JSON objects ready for msgspec's encoder: values of the columns of native
    types as they are (no call a value), the others through jsonable(); msgspec.Raw (a
    stored JSON text) is kept as it is in any column."""
    slow = [i for i, kind in enumerate(kinds) if not native_json(kind)]
    if not slow:
        return [dict(zip(columns, r, strict=True)) for r in rows]
    out = []
    for r in rows:
        row = list(r)
        for i in slow:
            if not isinstance(row[i], msgspec.Raw):
                row[i] = jsonable(row[i])
        out.append(dict(zip(columns, row, strict=True)))
    return out
