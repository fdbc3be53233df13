"""In-memory caches for the read-only API: a bounded response store, an SQL result LRU and
single-flight (one computation per key at a time).

The database is opened read-only and cannot change while it is served (DuckDB's file lock
keeps writers out), so the same GET request, or the same SELECT, always gives the same
answer: answers are kept, least recently used first out, within a byte or entry budget.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import timedelta
from typing import Any, Generic, TypeVar

from litestar.stores.base import Store

V = TypeVar("V")

#: SQL whose result may differ between runs (time, randomness) is never cached.
VOLATILE_SQL = re.compile(
    r"\b(random|setseed|uuid|gen_random_uuid|now|today|current_date|current_time|"
    r"current_timestamp|get_current_time|get_current_timestamp|transaction_timestamp|"
    r"localtime|localtimestamp)\b", re.IGNORECASE)


class LruStore(Store):
    """A Litestar store holding at most max_bytes of values; least recently used go first.

    Expiry is not needed (the data does not change) and is ignored."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._data: OrderedDict[str, bytes] = OrderedDict()

    async def set(self, key: str, value: str | bytes,
                  expires_in: int | timedelta | None = None) -> None:
        data = value.encode() if isinstance(value, str) else value
        if len(data) > self.max_bytes:
            return
        await self.delete(key)
        self._data[key] = data
        self.size += len(data)
        while self.size > self.max_bytes:
            _, old = self._data.popitem(last=False)
            self.size -= len(old)

    async def get(self, key: str, renew_for: int | timedelta | None = None) -> bytes | None:
        data = self._data.get(key)
        if data is not None:
            self._data.move_to_end(key)
        return data

    async def delete(self, key: str) -> None:
        old = self._data.pop(key, None)
        if old is not None:
            self.size -= len(old)

    async def delete_all(self) -> None:
        self._data.clear()
        self.size = 0

    async def exists(self, key: str) -> bool:
        return key in self._data

    async def expires_in(self, key: str) -> int | None:
        return None


class ResultCache(Generic[V]):
    """A thread-safe LRU of at most max_entries values (0 keeps nothing)."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._data: OrderedDict[Any, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> V | None:
        with self._lock:
            value = self._data.get(key)
            if value is not None:
                self._data.move_to_end(key)
            return value

    def put(self, key: Any, value: V) -> None:
        if self.max_entries <= 0:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.max_entries:
                self._data.popitem(last=False)


class SingleFlight(Generic[V]):
    """One computation per key at a time: callers asking for a key that is being computed
    wait for that computation and share its value (or its exception) instead of running
    it again. Nothing is kept once the computation ends (the response cache keeps values)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._flights: dict[Any, _Flight[V]] = {}

    def run(self, key: Any, compute: Callable[[], V]) -> V:
        with self._lock:
            flight = self._flights.get(key)
            leader = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
        if not leader:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return flight.value  # type: ignore[return-value]
        try:
            flight.value = compute()
            return flight.value
        except BaseException as exc:
            flight.error = exc
            raise
        finally:
            with self._lock:
                del self._flights[key]
            flight.done.set()


class _Flight(Generic[V]):
    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: V | None = None
        self.error: BaseException | None = None
