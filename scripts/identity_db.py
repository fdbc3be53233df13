"""Show that a change left the database unchanged: build a database from a fixed corpus,
then compare two such databases table by table and row by row.

    python scripts/identity_db.py corpus DIR          # copy the identity corpus into DIR
    python scripts/identity_db.py build DIR OUT.duckdb  # load DIR/* with this checkout's factdb
    python scripts/identity_db.py compare A.duckdb B.duckdb

The corpus is the seed articles (seeds/), the format fixtures (tests/fixtures/formats/) and
../shared/realnews/. Build both databases from the same DIR (the stored source paths are
part of the rows). `compare` ignores what differs between any two loads by design: run ids
(replaced by the run's order), wall-clock timestamps and the run records' timings; it prints
every table's row count and each differing row, and exits 1 when anything differs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
#: timings and records of the run itself, not facts
SKIP_TABLES = {"schema_migrations"}
VOLATILE_TYPES = ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE")


def corpus(out: Path) -> None:
    formats = ROOT / "tests" / "fixtures" / "formats"
    # before the seed articles became seeds/, seeds/ held the format retellings
    sources = {
        "seeds": SHARED / "seeds",
        "formats": formats if formats.is_dir() else ROOT / "seeds",
        "realnews": SHARED / "realnews",
    }
    for name, src in sources.items():
        shutil.copytree(src, out / name, dirs_exist_ok=True)
    print(f"corpus in {out}: {sorted(p.name for p in out.iterdir())}")


def build(corpus_dir: Path, out: Path) -> None:
    factdb = Path(sys.executable).parent / "factdb"
    parts = sorted(str(p) for p in corpus_dir.iterdir() if p.is_dir())
    for part in parts:
        subprocess.run([str(factdb), "load", part, "--db", str(out)], check=False)


def _rows(con: duckdb.DuckDBPyConnection, table: str, runs: dict[str, str]) -> list[tuple]:
    cols = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_name = ? order by ordinal_position", [table]).fetchall()
    keep = [c for c, t in cols if t not in VOLATILE_TYPES
            and not (table == "extraction_runs" and c in ("config_json", "command"))]
    quoted = ", ".join(f'"{c}"' for c in keep)
    rows = con.execute(f'select {quoted} from "{table}"').fetchall()  # noqa: S608

    def norm(v: object) -> object:
        if isinstance(v, str):
            for run, label in runs.items():
                v = v.replace(run, label)
            return v
        if isinstance(v, list):
            return tuple(norm(x) for x in v)
        if isinstance(v, dict):
            return tuple(sorted((k, norm(x)) for k, x in v.items()))
        return v

    return sorted((tuple(norm(v) for v in r) for r in rows), key=repr)


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [t for (t,) in con.execute(
        "select table_name from information_schema.tables where table_type = 'BASE TABLE' "
        "order by table_name").fetchall() if t not in SKIP_TABLES]


def compare(a: Path, b: Path) -> int:
    ca, cb = duckdb.connect(str(a), read_only=True), duckdb.connect(str(b), read_only=True)
    label = {}
    for con in (ca, cb):
        runs = [r for (r,) in con.execute(
            "select run_id from extraction_runs order by started_at").fetchall()]
        label[id(con)] = {r: f"run#{i}" for i, r in enumerate(runs)}
    ta, tb = set(_tables(ca)), set(_tables(cb))
    differing = 0
    for t in sorted(ta ^ tb):
        print(f"table {t}: only in {'A' if t in ta else 'B'}")
        differing += 1
    for t in sorted(ta & tb):
        ra, rb = _rows(ca, t, label[id(ca)]), _rows(cb, t, label[id(cb)])
        if ra == rb:
            print(f"{t:<24} {len(ra):>7} rows  identical")
            continue
        differing += 1
        sa, sb = set(ra), set(rb)
        print(f"{t:<24} {len(ra):>7} / {len(rb)} rows  DIFFER "
              f"({len(sa - sb)} only in A, {len(sb - sa)} only in B)")
        for r in sorted(sa - sb, key=repr)[:5]:
            print(f"   A: {r}")
        for r in sorted(sb - sa, key=repr)[:5]:
            print(f"   B: {r}")
    print("identical" if not differing else f"{differing} tables differ")
    return 1 if differing else 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "corpus":
        corpus(Path(argv[1]))
        return 0
    if len(argv) >= 3 and argv[0] == "build":
        build(Path(argv[1]), Path(argv[2]))
        return 0
    if len(argv) >= 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
