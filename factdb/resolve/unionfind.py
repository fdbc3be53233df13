"""The one union-find of the resolvers: path halving, and the smaller root wins a union,
so the groups (and the ids drawn from their roots) do not depend on the order of unions.

Subclasses refuse a union in ``allowed`` (a split judgement, two dated events of one
article) and carry data along in ``merged``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

K = TypeVar("K", int, str)  # comparable: the smaller root wins


class UnionFind(Generic[K]):
    def __init__(self, items: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {x: x for x in items}

    def find(self, x: K) -> K:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def allowed(self, root_a: K, root_b: K) -> bool:
        """Whether two groups (given by their roots) may become one."""
        return True

    def merged(self, root: K, child: K) -> None:
        """Called after the group of child joined the group of root."""

    def union(self, a: K, b: K, force: bool = False) -> bool:
        """Join the groups of a and b; False when ``allowed`` refuses (unless force)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force and not self.allowed(ra, rb):
            return False
        root, child = min(ra, rb), max(ra, rb)
        self.parent[child] = root
        self.merged(root, child)
        return True
