"""A load on a Dask cluster into a DuckLake catalog (docs/adr/0014-scale-out.md, docs/scale.md).

The driver reads the sources, segments them and settles their reference dates (cheap, and
publication dates are settled across articles), then cuts the new articles into shards of
about ``shard_chars`` characters of text, whole files together. Each Dask task extracts one
shard with the per-article pipeline of ``factdb.load`` (spaCy loaded once per worker
process) and writes one Parquet file per table under ``<catalog>/shards/<shard>/`` with a
name derived from the shard's article ids: temp name, then rename, so a retried task or a
re-run writes the same files. A task that fails is retried; a shard that keeps failing is
reported by file, as a bad file is. The driver then makes one commit: in its workspace (a
DuckDB database with the full schema, filled from the catalog) it replaces the rows of the
shards' articles, runs the resolvers, and publishes the rows that changed (the batch's and
any the resolvers rewrote) to the catalog in one transaction (``factdb.lake.publish``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from tqdm import tqdm

from factdb import db, lake
from factdb.errors import InputError
from factdb.load import (
    LoadReport,
    Prepared,
    _check_user_files,
    _extract,
    _write,
    default_extractors,
    default_resolvers,
    plan,
    publishable,
    publishable_command,
    read_all,
)
from factdb.runs import Run
from factdb.settings import Settings

#: Characters of article text per shard (the issue's 10-50 MB per task, at full scale).
SHARD_CHARS = 20_000_000
#: Tries of a shard's task before its files are reported as failed.
RETRIES = 2


@dataclass
class Shard:
    name: str
    prepared: list[Prepared]

    @property
    def files(self) -> list[str]:
        return sorted({p.doc.source_uri for p in self.prepared})


@dataclass
class ShardResult:
    name: str
    tables: dict[str, str]  # table -> Parquet file
    failed: dict[str, str]  # article id -> problem (an extractor failed on it)


def shards(prepared: Sequence[Prepared], shard_chars: int = SHARD_CHARS) -> list[Shard]:
    """Consecutive articles, whole source files together, up to shard_chars of text each.
    The name is a digest of the shard's article ids: the same articles, the same files."""
    out: list[list[Prepared]] = [[]]
    size = 0
    for i, p in enumerate(prepared):
        same_file = i and prepared[i - 1].doc.source_uri == p.doc.source_uri
        if out[-1] and size >= shard_chars and not same_file:
            out.append([])
            size = 0
        out[-1].append(p)
        size += len(p.doc.text)
    return [Shard(hashlib.sha256("\n".join(p.doc.article_id for p in group).encode())
                  .hexdigest()[:20], group) for group in out if group]


def extract_shard(shard: Shard, run: Run, settings: Settings, out_dir: str,
                  strict: bool = False) -> ShardResult:
    """A worker's task: the per-article pipeline over one shard, written as Parquet."""
    fault = os.environ.get("FACTDB_FAULT_SHARD", "")  # fault injection for tests/test_scale.py
    if fault == f"{shard.name}:always":
        raise RuntimeError("injected fault")  # a shard that fails on every try
    if fault == shard.name and not Path(out_dir, f".{fault}.tried").exists():
        Path(out_dir, f".{fault}.tried").touch()  # the worker process dies, once
        os._exit(1)
    rows, failed = _extract(shard.prepared, run, default_extractors(settings), False,
                            settings, strict)
    target = Path(out_dir) / shard.name
    target.mkdir(parents=True, exist_ok=True)
    con = db.connect(":memory:")  # the schema's types and checks for the rows
    written: dict[str, str] = {}
    try:
        for table, table_rows in rows.items():
            if not table_rows:
                continue
            db.insert_rows(con, table, table_rows)
            final = target / f"{table}.parquet"
            tmp = target / f".{table}.{os.getpid()}.tmp"
            con.execute(f"COPY {db.quote_ident(table)} TO '{tmp}' "
                        "(FORMAT parquet, COMPRESSION zstd)")
            os.replace(tmp, final)
            written[table] = str(final)
    finally:
        con.close()
    return ShardResult(shard.name, written, failed)


def load(paths: Sequence[str], settings: Settings, catalog: str, *, workers: int = 2,
         scheduler: str | None = None, strict: bool = False, progress: bool = False,
         command: str | None = None, shard_chars: int = SHARD_CHARS) -> LoadReport:
    """Load sources into the DuckLake catalog at ``catalog``, extracting on a Dask cluster:
    a LocalCluster of ``workers`` processes, or the cluster at ``scheduler``."""
    began = time.perf_counter()
    _check_user_files(settings)
    run = Run(command=publishable_command(command or "load " + " ".join(paths), paths),
              settings=settings)
    docs, problems, notes, n_files = read_all(paths, settings, strict, progress)
    stages = {"read": time.perf_counter() - began}
    root = Path(catalog).resolve()
    root.mkdir(parents=True, exist_ok=True)
    con = _workspace(root)
    done: int | None = None
    try:
        workspace = str(con.execute("SELECT current_database()").fetchone()[0])  # type: ignore[index]
        before = db.row_counts(con, db.SUMMARY_TABLES)
        fresh, unchanged, replaced = plan(con, docs)
        stages["workspace and plan"] = time.perf_counter() - began - sum(stages.values())
        results, shard_problems = _run_shards(shards(list(fresh.values()), shard_chars), run,
                                              settings, root / "shards", workers, scheduler,
                                              strict, progress)
        stages["shards"] = time.perf_counter() - began - sum(stages.values())
        for result in results:
            for article_id, problem in result.failed.items():
                fresh.pop(article_id, None)
                replaced.pop(article_id, None)
                problems.append(problem)
        for article_id, problem in shard_problems.items():
            fresh.pop(article_id, None)
            replaced.pop(article_id, None)
            if problem not in problems:
                problems.append(problem)
        run.warnings = [publishable(m, paths, settings.source_root) for m in problems + notes]
        files: dict[str, list[str]] = {}
        for result in results:
            for table, path in result.tables.items():
                files.setdefault(table, []).append(path)
        timed: dict[str, float] = {}
        _write(con, run, fresh, replaced, {},
               [_timed(r, timed) for r in default_resolvers(settings)], parquet=files)
        after = db.row_counts(con, db.SUMMARY_TABLES)
        stages["insert and resolvers"] = time.perf_counter() - began - sum(stages.values())
        lake.publish(con, workspace)
        stages["publish"] = time.perf_counter() - began - sum(stages.values())
        con.execute("CHECKPOINT")
        done = lake.snapshot_id(con)
        for result in results:
            shutil.rmtree(root / "shards" / result.name, ignore_errors=True)
    finally:
        con.close()
        _keep_workspace(root, done)
    stages.update(timed)  # within "insert and resolvers": the time of each resolver
    redated = sum(p.stored for p in fresh.values())
    return LoadReport(
        run_id=run.run_id, files=n_files, added=len(fresh) - redated, unchanged=unchanged,
        replaced=len(replaced) - redated, problems=problems, notes=notes, table_rows=after,
        seconds=time.perf_counter() - began,
        new_rows={t: max(after[t] - before[t], 0) for t in after}, stages=stages,
        redated=redated,
    )


def _workspace(root: Path) -> duckdb.DuckDBPyConnection:
    """The driver's workspace, ``<catalog>/workspace/workspace.duckdb``, with the catalog
    attached: kept from the last load when it holds the catalog's last snapshot (its
    ``snapshot`` file names that snapshot, written after the commit), else made again from
    the catalog. The file is removed while a load changes the workspace, so a killed or
    failed load leaves a workspace that the next load does not trust."""
    folder = root / "workspace"
    folder.mkdir(exist_ok=True)
    marker, path = folder / "snapshot", folder / "workspace.duckdb"
    kept = marker.read_text(encoding="utf-8").strip() if marker.is_file() else ""
    marker.unlink(missing_ok=True)
    current = ""
    if kept and lake.is_catalog(root):
        probe = duckdb.connect(":memory:")
        try:
            lake.attach(probe, root, read_only=True)
            current = str(lake.snapshot_id(probe))
        finally:
            probe.close()
    reuse = bool(kept) and kept == current and path.is_file()
    if not reuse:
        for old in folder.glob("workspace.duckdb*"):
            old.unlink()
    con = db.connect(path)
    try:
        workspace = str(con.execute("SELECT current_database()").fetchone()[0])  # type: ignore[index]
        lake.attach(con, root)
        lake.sync_schema(con, workspace)
        if not reuse:
            lake.copy_in(con, workspace)
        elif str(lake.snapshot_id(con)) != kept:  # a schema change made a snapshot
            con.close()
            marker.unlink(missing_ok=True)
            path.unlink()
            return _workspace(root)
    except BaseException:
        con.close()
        raise
    return con


def _keep_workspace(root: Path, snapshot: int | None) -> None:
    """Mark the workspace as the catalog's snapshot ``snapshot`` (None: a load failed,
    remove it)."""
    folder = root / "workspace"
    if snapshot is None:
        for old in folder.glob("workspace.duckdb*"):
            old.unlink(missing_ok=True)
        return
    tmp = folder / f"snapshot.{os.getpid()}.tmp"
    tmp.write_text(f"{snapshot}\n", encoding="utf-8")
    os.replace(tmp, folder / "snapshot")


def _timed(resolver: Any, seconds: dict[str, float]) -> Any:
    """The resolver, recording its wall time as seconds["resolver <module>"]."""
    def call(con: Any, run: Run) -> None:
        began = time.perf_counter()
        resolver(con, run)
        name = f"resolver {getattr(resolver, '__module__', '?').rsplit('.', 1)[-1]}"
        seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - began
    return call


def _run_shards(todo: list[Shard], run: Run, settings: Settings, out_dir: Path, workers: int,
                scheduler: str | None, strict: bool, progress: bool,
                ) -> tuple[list[ShardResult], dict[str, str]]:
    """Every shard's result, in shard order, and the articles of shards that kept failing
    (article id -> problem naming its file)."""
    if not todo:
        return [], {}
    import dask
    from dask.distributed import Client, LocalCluster, as_completed

    out_dir.mkdir(parents=True, exist_ok=True)
    cluster: Any = None
    if scheduler:
        client = Client(scheduler)
    else:
        # a batch job: no statistical profiler sampling every worker's stack every 10 ms
        with dask.config.set({"distributed.worker.profile.enabled": False}):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    results: dict[str, ShardResult] = {}
    failed: dict[str, str] = {}
    try:
        futures = {client.submit(extract_shard, shard, run, settings, str(out_dir), strict,
                                 key=f"factdb-shard-{run.run_id}-{shard.name}",
                                 retries=RETRIES): shard for shard in todo}
        bar = tqdm(total=len(todo), desc="shards", unit="shard", file=sys.stderr,
                   disable=not progress or None, leave=False)
        for future in as_completed(futures):
            shard = futures[future]
            try:
                results[shard.name] = future.result()
            except Exception as exc:
                if strict and isinstance(exc, InputError):
                    raise
                for p in shard.prepared:
                    error = InputError(p.doc.source_uri, "extraction failed on every try "
                                       f"({RETRIES + 1}) of its shard {shard.name} "
                                       f"({type(exc).__name__}: {exc}); not loaded")
                    if strict:
                        raise error from exc
                    failed[p.doc.article_id] = str(error)
            bar.update(1)
        bar.close()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return [results[s.name] for s in todo if s.name in results], failed
