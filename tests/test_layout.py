"""The package layout (docs/adr/0007): imports run down the floors, no cycles, small files.

Every module under factdb/ and api/ is parsed with ``ast`` (nothing is imported), every
import statement (module level or inside a function) becomes an arrow, and the arrows are
checked against the floors below. A module no floor names fails the test, so a new
top-level module has to be placed on a floor on purpose.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("factdb", "api")
MAX_LINES = 600

#: Floors, lowest first: a module may import from its own floor or any floor below, never
#: from one above. The longest matching prefix decides a module's floor.
FLOORS: dict[str, int] = {
    # the domain errors: imports nothing from factdb, raised at every floor
    "factdb.errors": 0,
    # language knowledge: pure functions over strings; no article, no database
    "factdb.lang": 1,
    # shared base modules, importable from anywhere above lang
    "factdb": 2,  # the package itself: __version__
    "factdb.settings": 2,
    "factdb.db": 2,
    "factdb.runs": 2,
    "factdb.nlp": 2,
    "factdb.sql": 2,  # package data (schema and query files)
    # article records: reading, front matter, segmentation, publication dates
    "factdb.ingest": 3,
    # per-article facts, without the database
    "factdb.extract": 4,
    # corpus-wide facts, inside the load transaction
    "factdb.resolve": 5,
    # the pipeline: its stages and their order, and the load that runs them
    "factdb.stages": 6,
    "factdb.load": 6,
    "factdb.lake": 6,  # the DuckLake catalog: the store of a distributed load
    "factdb.scale": 6,  # the load on a Dask cluster
    # the outlets
    "factdb.publish": 7,
    "factdb.queries": 7,
    "factdb.documents": 7,  # stored answer documents, decoded (queries)
    "factdb.prepared": 7,  # statements prepared once per connection (queries, api)
    "factdb.changes": 7,
    "factdb.sqlrun": 7,
    "factdb.sqlpool": 7,
    "factdb.sqlguard": 7,
    "factdb.sqlguard_functions": 7,
    "factdb.summary": 7,
    "factdb.__main__": 7,
    # the web API, over the outlets it serves
    "api": 8,
    # the command line, the outermost shell: `factdb serve` starts the API
    "factdb.cli": 9,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[module_name(path)] = path
    return found


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def imports_of(name: str, path: Path, known: Iterable[str]) -> set[str]:
    """The modules of factdb/api that one module imports (``from a import b`` counts as
    ``a.b`` when that is a module, else as ``a``)."""
    known = set(known)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    here = name if is_package(path) else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            # "import a.b.c" names a.b.c; keep the longest known module of the name
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: imports_of(name, path, mods) for name, path in mods.items()}


def floor_of(module: str, floors: Mapping[str, int] = FLOORS) -> int | None:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix in floors:
            return floors[prefix]
    return None


def upward_imports(graph: Mapping[str, Iterable[str]],
                   floors: Mapping[str, int] = FLOORS) -> list[str]:
    bad = []
    for source, targets in sorted(graph.items()):
        low = floor_of(source, floors)
        for target in sorted(targets):
            high = floor_of(target, floors)
            if low is not None and high is not None and high > low:
                bad.append(f"{source} (floor {low}) imports {target} (floor {high})")
    return bad


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


# --- the checks on the tree --------------------------------------------------------------

GRAPH = import_graph()


def test_every_module_has_a_floor() -> None:
    assert [m for m in GRAPH if floor_of(m) is None] == []


def test_no_upward_imports() -> None:
    assert upward_imports(GRAPH) == []


def test_no_import_cycles() -> None:
    assert cycles(GRAPH) == []


def test_resolve_uses_no_extractor_internals() -> None:
    reach = sorted(f"{m} -> {t}" for m, targets in GRAPH.items() if m.startswith("factdb.resolve")
                   for t in targets if t.startswith("factdb.extract"))
    assert reach == []


def test_no_file_over_the_limit() -> None:
    long = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".yaml", ".sql"):
                n = len(path.read_text(encoding="utf-8").splitlines())
                if n > MAX_LINES:
                    long[str(path.relative_to(ROOT))] = n
    assert long == {}


# --- the checker itself can fail -----------------------------------------------------------

def test_graph_sees_the_real_arrows() -> None:
    """The parsed graph holds arrows known to exist (a graph of nothing passes every rule)."""
    assert "factdb.stages" in GRAPH["factdb.load"]
    assert "factdb.lang.names" in GRAPH["factdb.resolve.entities"]
    assert "factdb.extract.claims" in GRAPH["factdb.stages"]
    assert "factdb.extract.dates.atoms" in GRAPH["factdb.extract.dates"]


@pytest.mark.parametrize(("source", "statement", "expected", "upward"), [
    ("factdb/lang/names.py", "from factdb.extract import tokens", "factdb.extract.tokens", True),
    ("factdb/lang/names.py", "from factdb.extract.entities import extract",
     "factdb.extract.entities", True),
    ("factdb/resolve/events.py", "import factdb.load", "factdb.load", True),
    ("factdb/ingest/segment.py", "from ..extract import context", "factdb.extract.context",
     True),
    ("factdb/extract/counts/typing.py", "from ..context import ArticleContext",
     "factdb.extract.context", False),
])
def test_an_added_import_is_seen(tmp_path: Path, source: str, statement: str,
                                 expected: str, upward: bool) -> None:
    """A module given one more import statement (here inside a function) shows that arrow,
    and the rules catch it when it runs up a floor."""
    path = ROOT / source
    copy = tmp_path / path.name
    copy.write_text(path.read_text(encoding="utf-8") + f"\n\ndef _added() -> None:\n"
                    f"    {statement}  # noqa\n", encoding="utf-8")
    name = module_name(path)
    arrows = imports_of(name, copy, GRAPH)
    assert expected in arrows
    assert expected not in GRAPH[name]
    assert bool(upward_imports({**GRAPH, name: arrows})) is upward


def test_a_cycle_is_seen() -> None:
    graph = {**GRAPH, "factdb.lang.names": {*GRAPH["factdb.lang.names"], "factdb.lang.places"},
             "factdb.lang.places": {*GRAPH["factdb.lang.places"], "factdb.lang.names"}}
    assert ["factdb.lang.names", "factdb.lang.places"] in cycles(graph)
