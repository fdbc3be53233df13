"""The distributed load (factdb.scale) into a DuckLake catalog (factdb.lake), issue 16.

seeds/ is loaded once by the single-process load into a DuckDB file and once on a Dask
LocalCluster of 2 workers into a catalog, in shards small enough that there are several,
with one worker process killed in the middle of its first shard (the task is run again
on the restarted worker). The two stores must answer every named query, for every key the
store holds, identically, and hold the same rows in every table; a re-run of the
distributed load must change no fact table of the catalog.
"""

from __future__ import annotations

import fnmatch
import json
import os
from pathlib import Path
from typing import Any

import duckdb
import pytest

from factdb import db, lake, scale
from factdb.load import load
from factdb.queries import registry
from factdb.settings import Settings

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
#: columns that name the run or the time of a load: the only ones the two loads may differ in
RUN_COLUMNS = {"run_id", "superseded_run", "loaded_at", "started_at", "finished_at",
               "built_at", "command", "applied_at"}
#: tables that describe the loads themselves, not the facts
RUN_TABLES = {"extraction_runs", "schema_migrations", "answer_builds"}
SHARD_CHARS = 6_000  # seeds/ in about 3-5 shards


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("scale")
    single = root / "single.duckdb"
    load([str(SEEDS)], Settings(db_path=str(single)))
    catalog = root / "catalog"
    settings = Settings(db_path=str(root / "unused.duckdb"))
    prepared = _prepared(settings)
    first = scale.shards(prepared, SHARD_CHARS)[0].name
    os.environ["FACTDB_FAULT_SHARD"] = first  # the worker running it dies, once
    try:
        report = scale.load([str(SEEDS)], settings, str(catalog), workers=2,
                            shard_chars=SHARD_CHARS)
    finally:
        del os.environ["FACTDB_FAULT_SHARD"]
    return {"single": single, "catalog": catalog, "report": report, "settings": settings,
            "killed": catalog / "shards" / f".{first}.tried",
            "shards": len(scale.shards(prepared, SHARD_CHARS))}


def _prepared(settings: Settings) -> list[Any]:
    return _prepared_from(SEEDS, settings)


def test_shards_are_deterministic_and_whole_files() -> None:
    prepared = _prepared(Settings(db_path=":memory:"))
    a, b = scale.shards(prepared, SHARD_CHARS), scale.shards(prepared, SHARD_CHARS)
    assert [s.name for s in a] == [s.name for s in b]
    assert len(a) >= 2
    assert [p.doc.article_id for s in a for p in s.prepared] == [
        p.doc.article_id for p in prepared]
    assert all(len(set(s.files) & set(t.files)) == 0 for s in a for t in a if s is not t)


def test_a_worker_was_killed_and_the_load_completed(stores: dict[str, Any]) -> None:
    assert stores["killed"].exists()
    report = stores["report"]
    assert (report.added, report.problems) == (5, [])
    # the shards' Parquet files are in the catalog now: the driver removed them
    assert [p for p in (stores["catalog"] / "shards").iterdir() if p.is_dir()] == []


def _rows(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[Any, ...]]:
    cols = [c for c, _ in db.table_columns(con, table) if c not in RUN_COLUMNS]
    names = ", ".join(db.quote_ident(c) for c in cols)
    return sorted((tuple(r) for r in con.execute(
        f"SELECT {names} FROM {db.quote_ident(table)}").fetchall()), key=repr)


def test_same_rows_in_every_table(stores: dict[str, Any]) -> None:
    served = lake.serving_copy(stores["catalog"])
    one = db.connect(stores["single"], read_only=True)
    two = db.connect(served, read_only=True)
    try:
        tables = db.list_tables(one)
        assert db.list_tables(two) == tables
        for table in tables:
            if table not in RUN_TABLES:
                assert _rows(two, table) == _rows(one, table), table
    finally:
        one.close()
        two.close()


def _keys(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, str]]]:
    """Every key of every named query that the store holds."""
    def col(sql: str) -> list[str]:
        return [str(r[0]) for r in con.execute(sql).fetchall()]

    entities = col("SELECT entity_id FROM entities ORDER BY 1")
    events = col("SELECT event_id FROM events ORDER BY 1")
    units = col("SELECT DISTINCT unit FROM counts WHERE unit IS NOT NULL ORDER BY 1")
    ids = {"entity": entities, "event": events,
           "date": col("SELECT date_id FROM dates ORDER BY 1"),
           "count": col("SELECT count_id FROM counts ORDER BY 1"),
           "claim": col("SELECT claim_id FROM claims ORDER BY 1")}
    return {
        "article_facts": [{"article": a} for a in col("SELECT article_id FROM articles")],
        "claims_by_entity": [{"entity": e} for e in entities],
        "entity_profile": [{"entity": e} for e in entities],
        "corroboration": [{}, {"kind": "count"}, {"kind": "date", "min_articles": "1"}],
        "counts_around_event": [{"event": e, "unit": u} for e in events for u in units[:3]],
        "disagreements": [{}] + [{"event": e} for e in events],
        "event_timeline": [{}],
        "fact_citations": [{"kind": k, "id": i} for k, v in ids.items() for i in v],
    }


def _answers(path: str, keys: dict[str, list[dict[str, str]]], runs: list[str]) -> dict[str, Any]:
    con = db.connect(path, read_only=True)
    out: dict[str, Any] = {}
    try:
        for name, query in registry().items():
            for values in keys[name]:
                columns, rows = query.run(con, values)
                text = json.dumps([columns, rows], default=str, sort_keys=True)
                for run in runs:
                    text = text.replace(run, "RUN")
                out[f"{name} {json.dumps(values, sort_keys=True)}"] = text
    finally:
        con.close()
    return out


def test_every_named_query_answers_the_same(stores: dict[str, Any]) -> None:
    served = lake.serving_copy(stores["catalog"])
    one = db.connect(stores["single"], read_only=True)
    try:
        keys = _keys(one)
        runs = [str(r[0]) for r in one.execute("SELECT run_id FROM extraction_runs").fetchall()]
    finally:
        one.close()
    assert set(keys) == set(registry())
    assert sum(len(v) for v in keys.values()) > 100
    runs.append(stores["report"].run_id)
    assert _answers(served, keys, runs) == _answers(str(stores["single"]), keys, runs)


def _snapshot_tables(catalog: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(":memory:")
    try:
        lake.attach(con, catalog, read_only=True)
        con.execute("USE lake")
        return {t: _rows(con, t) for t in lake.tables(con, "lake") if t not in RUN_TABLES}
    finally:
        con.close()


def test_a_rerun_changes_nothing(stores: dict[str, Any]) -> None:
    before = _snapshot_tables(stores["catalog"])
    report = scale.load([str(SEEDS)], stores["settings"], str(stores["catalog"]), workers=2,
                        shard_chars=SHARD_CHARS)
    assert (report.added, report.unchanged, report.problems) == (0, 5, [])
    assert _snapshot_tables(stores["catalog"]) == before


def test_the_cli_reads_the_catalog(stores: dict[str, Any]) -> None:
    from click.testing import CliRunner

    from factdb.cli import main

    result = CliRunner().invoke(main, ["sql", "--db", str(stores["catalog"]), "--json",
                                       "SELECT count(*) AS n FROM articles"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"n": 5}]
    info = CliRunner().invoke(main, ["info", "--db", str(stores["catalog"])])
    assert info.exit_code == 0, info.output
    assert any(line.split()[:2] == ["articles", "5"] for line in info.output.splitlines())


def test_a_shard_that_keeps_failing_is_reported_by_file(tmp_path: Path) -> None:
    """On an existing cluster (--scheduler): the articles of the failing shard are skipped
    with a problem naming their file; the others are loaded."""
    from dask.distributed import LocalCluster

    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "harbour.txt").write_text(
        "Harbour reopens after storm\n\nThe harbour of the coastal town reopened on Monday, "
        "three days after a storm damaged 14 fishing boats, the port authority said.\n",
        encoding="utf-8")
    (sources / "library.txt").write_text(
        "Library extends opening hours\n\nThe city library will open until 9 pm on weekdays "
        "from March, its director said, after 2,300 readers signed a petition.\n",
        encoding="utf-8")
    settings = Settings(db_path=str(tmp_path / "unused.duckdb"))
    docs = {p.doc.source_uri: p for p in _prepared_from(sources, settings)}
    shards = scale.shards(list(docs.values()), 1)
    assert len(shards) == 2
    bad = next(s for s in shards if s.files == ["in/harbour.txt"])
    os.environ["FACTDB_FAULT_SHARD"] = f"{bad.name}:always"
    try:
        with LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1",
                          dashboard_address=None) as cluster:
            report = scale.load([str(sources)], settings, str(tmp_path / "catalog"),
                                scheduler=cluster.scheduler_address, shard_chars=1)
    finally:
        del os.environ["FACTDB_FAULT_SHARD"]
    assert report.added == 1
    assert len(report.problems) == 1
    assert report.problems[0].startswith("in/harbour.txt: extraction failed on every try (3)")
    assert "RuntimeError: injected fault" in report.problems[0]
    con = duckdb.connect(":memory:")
    try:
        lake.attach(con, tmp_path / "catalog", read_only=True)
        assert con.execute("SELECT source_uri FROM lake.articles").fetchall() == [
            ("in/library.txt",)]
        assert con.execute("SELECT count(*) FROM lake.counts").fetchone()[0] > 0  # type: ignore[index]
    finally:
        con.close()


def _prepared_from(sources: Path, settings: Settings) -> list[Any]:
    from factdb.load import plan, read_all

    docs = read_all([str(sources)], settings, False, False)[0]
    con = db.connect(":memory:")
    try:
        return list(plan(con, docs)[0].values())
    finally:
        con.close()


FERRY = ("Ferry timetable cut for winter\n\nThe island ferry will sail twice a day instead of "
         "four times from November, Mayor Dorrance said on Tuesday. Dorrance said 1,200 "
         "residents had signed a letter asking for the later sailing to be kept.\n")
BRIDGE = ("Island council approves bridge study\n\nThe island council voted on Thursday to pay "
          "for a study of a fixed bridge to the mainland, Mayor Helen Dorrance said. Helen "
          "Dorrance said the study would cost 85,000 pounds and take nine months, and that "
          "1,200 residents had asked for it.\n")


#: one story twice: an undated report, and a dated copy of it
UNDATED = ("Harbour of Port Ellery reopens after storm\n\nThe harbour of Port Ellery reopened "
           "on Monday, three days after a storm damaged 14 fishing boats, the harbour master "
           "Ann Quill said. Quill said 230 fishermen had been unable to work.\n")
DATED = ("PORT ELLERY, March 5, 2024 (Coast Wire) - The harbour of Port Ellery reopened on "
         "Monday after a storm damaged 14 fishing boats, harbour master Ann Quill said on "
         "Tuesday. Quill said 230 fishermen of Port Ellery had been unable to work.\n")


def _file_tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = db.connect(path, read_only=True)
    try:
        return {t: _rows(con, t) for t in db.list_tables(con) if t not in RUN_TABLES}
    finally:
        con.close()


def test_a_second_batch_republishes_what_it_resolves_anew(tmp_path: Path) -> None:
    """Batch two names the full name of a person batch one named by surname only: the
    resolvers merge them, which rewrites entity ids (and claim speakers, fact groups) of
    the first batch's article; and it brings the dated copy of an undated story of batch
    one, which is dated and extracted again. The catalog after both batches holds exactly
    the rows of a single-process file loaded with the same two batches, in every table."""
    from dask.distributed import LocalCluster

    batches = [tmp_path / "one", tmp_path / "two"]
    for folder in batches:
        folder.mkdir()
    for folder, name, text in ((batches[0], "ferry.txt", FERRY),
                               (batches[0], "harbour.txt", UNDATED),
                               (batches[1], "bridge.txt", BRIDGE),
                               (batches[1], "wire.txt", DATED)):
        (folder / name).write_text(text, encoding="utf-8")
    single = tmp_path / "single.duckdb"
    catalog = tmp_path / "catalog"
    settings = Settings(db_path=str(tmp_path / "unused.duckdb"))
    surname_ids = []
    redated = []
    with LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        for batch in batches:
            load([str(batch)], Settings(db_path=str(single)))
            report = scale.load([str(batch)], settings, str(catalog),
                                scheduler=cluster.scheduler_address)
            assert (report.added, report.problems) == (2, [])
            assert (catalog / "workspace" / "snapshot").is_file()  # kept for the next batch
            surname_ids.append(_surname_ids(single))
            redated.append(report.redated)
    assert redated == [0, 1]
    # the test is about something: the first article's mention moved to another entity
    assert surname_ids[0] and surname_ids[1] and surname_ids[0] != surname_ids[1]
    expected = _file_tables(single)
    got = _snapshot_tables(catalog)
    assert sorted(got) == sorted(expected)
    for table in expected:
        assert got[table] == expected[table], table


def _surname_ids(path: Path) -> set[str]:
    con = db.connect(path, read_only=True)
    try:
        return {str(r[0]) for r in con.execute(
            "SELECT entity_id FROM entity_mentions WHERE surface = 'Dorrance'").fetchall()}
    finally:
        con.close()


def test_a_workspace_that_is_not_the_last_snapshot_is_made_again(
        stores: dict[str, Any]) -> None:
    """The driver keeps its workspace between loads only while its ``snapshot`` file names
    the catalog's last snapshot; otherwise (another writer, a failed load) it is made
    again from the catalog."""
    folder = stores["catalog"] / "workspace"
    assert (folder / "snapshot").is_file()  # the loads above left a trusted workspace
    con = db.connect(folder / "workspace.duckdb")
    try:
        con.execute("DELETE FROM entity_mentions")  # a workspace the catalog does not hold
    finally:
        con.close()
    (folder / "snapshot").write_text("-1\n", encoding="utf-8")
    con = scale._workspace(stores["catalog"])
    try:
        assert not (folder / "snapshot").exists()  # untrusted while a load runs
        counts = con.execute("SELECT (SELECT count(*) FROM entity_mentions), "
                             "(SELECT count(*) FROM lake.entity_mentions)").fetchone()
    finally:
        con.close()
    assert counts is not None and counts[0] == counts[1] > 0
    scale._keep_workspace(stores["catalog"], None)  # a failed load: the workspace goes
    assert list(folder.glob("workspace.duckdb*")) == []


# --- incremental resolution (issue 16 item 3) -------------------------------------------------

REALNEWS = Path(__file__).resolve().parent.parent.parent / "shared" / "realnews"
#: the fact log records each article's facts as of the load that logged it: a history, so
#: by design it differs between loading in batches and loading at once
HISTORY_TABLES = {"fact_versions", "fact_logged_versions"}


#: a subset of realnews that exercises the rule: two stories whose undated articles take
#: their date from the story's dated ones, some of them loaded before those
REALNEWS_STORIES = ("*bankman-fried*", "*fed-holds-rates*")


def _split(sources: Path, into: Path, n: int, patterns: tuple[str, ...] = ("*",)) -> list[Path]:
    """The files of ``sources`` whose name matches one of ``patterns``, dealt into n batch
    folders, in name order."""
    batches = [into / f"batch{i}" for i in range(n)]
    files = sorted(p for p in sources.rglob("*") if p.is_file()
                   and any(fnmatch.fnmatch(p.name, pat) for pat in patterns))
    for i, path in enumerate(files):
        target = batches[i % n] / path.relative_to(sources)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    return batches


def _load_batches(path: Path, batches: list[Path]
                  ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Load the batches one after the other. Returns, for each load, how many articles the
    corpus recovery of entity mentions scanned and how many the store held (what the
    whole-corpus run scans); and for each load that resolved part of the entity units, how
    many it resolved and how many the store held."""
    from factdb.resolve import entity_blocks, entity_recovery

    scanned: list[tuple[int, int]] = []
    resolved: list[tuple[int, int]] = []
    find = entity_recovery._articles_to_scan
    close = entity_blocks.closure

    def spy_units(con: duckdb.DuckDBPyConnection, articles: set[str], seeds: set[str],
                  rows: Any) -> set[str]:
        units = close(con, articles, seeds, rows)
        row = con.execute("SELECT count(DISTINCT coalesce(local_key, mention_id)) "
                          "FROM entity_mentions").fetchone()
        assert row is not None
        resolved.append((len(units), int(row[0])))
        return units

    def spy(con: duckdb.DuckDBPyConnection, run: Any, forms: dict[str, str]) -> Any:
        todo = find(con, run, forms)
        row = con.execute("SELECT count(*) FROM articles").fetchone()
        assert row is not None
        scanned.append((int(row[0]) if todo is None else len(todo), int(row[0])))
        return todo

    entity_recovery._articles_to_scan = spy
    entity_blocks.closure = spy_units
    try:
        for batch in batches:
            load([str(batch)], Settings(db_path=str(path)))
    finally:
        entity_recovery._articles_to_scan = find
        entity_blocks.closure = close
    return scanned, resolved


def _same_tables(got: Path, expected: Path) -> None:
    a, b = _file_tables(got), _file_tables(expected)
    assert sorted(a) == sorted(b)
    differ = [t for t in b if t not in HISTORY_TABLES and a[t] != b[t]]
    assert not differ


@pytest.fixture(scope="module", params=["generated", "seeds", "realnews"])
def batched(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A corpus loaded in three batches (one store, incremental resolution) and at once
    (another store): a corpus generated by bench/gen_corpus.py (45 articles), seeds/, and
    two stories of realnews."""
    import subprocess
    import sys

    name = request.param
    root = tmp_path_factory.mktemp(f"batches-{name}")
    patterns: tuple[str, ...] = ("*",)
    if name == "generated":
        sources = root / "corpus"
        subprocess.run([sys.executable, str(Path(__file__).resolve().parent.parent / "bench" /
                        "gen_corpus.py"), "45", str(sources), "--seed", "3"], check=True,
                       capture_output=True)
    elif name == "seeds":
        sources = SEEDS
    else:
        sources, patterns = REALNEWS, REALNEWS_STORIES
        if not sources.is_dir():
            pytest.skip(f"{sources} is absent")
    batches = _split(sources, root, 3, patterns)
    scanned, resolved = _load_batches(root / "batches.duckdb", batches)
    load([str(b) for b in batches], Settings(db_path=str(root / "once.duckdb")))
    return {"name": name, "batches": root / "batches.duckdb", "once": root / "once.duckdb",
            "scanned": scanned, "resolved": resolved}


def test_batches_hold_the_rows_of_one_load(batched: dict[str, Any]) -> None:
    """A corpus loaded as A, then B, then C holds exactly the rows of A+B+C loaded at once,
    in every table but the fact log: the incremental resolvers give what a whole-corpus run
    gives, and an article's extraction does not depend on the load that brought it (a
    stored undated article is dated again, and extracted again, when its story's dated
    articles come later)."""
    _same_tables(batched["batches"], batched["once"])


def test_incremental_recovery_scans_less_than_the_corpus(batched: dict[str, Any]) -> None:
    """The corpus recovery of entity mentions skipped work: after the first load it scanned
    fewer articles than the store held (the whole-corpus run scans them all)."""
    scanned = batched["scanned"]
    assert len(scanned) == 3
    assert all(n <= stored for n, stored in scanned)
    assert scanned[-1][0] < scanned[-1][1]


def test_incremental_entities_resolve_part_of_the_units(batched: dict[str, Any]) -> None:
    """The entity resolver kept its state: the second and third loads found the units
    their articles can change (the closure of entity_blocks), never more than the store
    held (above half of it, the resolver runs whole: the same entities), and the store's
    rows are those of one load (the test above)."""
    resolved = batched["resolved"]
    assert len(resolved) == 2
    assert all(0 < n <= stored for n, stored in resolved)
    if batched["name"] == "generated":  # 15 articles of 45 touch only some of the names
        assert resolved[-1][0] < resolved[-1][1]


def test_a_stored_undated_article_is_dated_by_its_storys_later_articles(tmp_path: Path) -> None:
    """An undated article is loaded first: it has no reference date and its relative dates
    ("on Monday") stay unresolved. A later load brings a dated article of the same story:
    the stored article takes the story's date (the weekday it names, on or before the
    dated copy's day), its relative dates are resolved against it, and its rows are those
    of one load of both articles; extracted again by the second run, as the same version."""
    for name, text in (("one/harbour.txt", UNDATED), ("two/wire.txt", DATED)):
        (tmp_path / name).parent.mkdir()
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "batches.duckdb"
    first = load([str(tmp_path / "one")], Settings(db_path=str(path)))
    con = db.connect(path, read_only=True)
    try:
        before = con.execute("SELECT published_on, published_basis FROM articles").fetchall()
        monday = con.execute("SELECT value_start FROM dates WHERE quote = 'Monday'").fetchall()
    finally:
        con.close()
    assert before == [(None, None)]
    assert monday == [(None,)]
    second = load([str(tmp_path / "two")], Settings(db_path=str(path)))
    assert (second.added, second.redated, second.replaced) == (1, 1, 0)
    con = db.connect(path, read_only=True)
    try:
        article, basis, run = con.execute(
            "SELECT published_on, published_basis, run_id FROM articles "
            "WHERE source_uri LIKE '%harbour.txt'").fetchone()  # type: ignore[misc]
        monday = con.execute(
            "SELECT d.value_start, d.run_id FROM dates d JOIN articles a USING (article_id) "
            "WHERE a.source_uri LIKE '%harbour.txt' AND d.quote = 'Monday'").fetchall()
        versions = con.execute(
            "SELECT v.run_id, v.superseded_by FROM article_versions v "
            "WHERE v.source_uri LIKE '%harbour.txt'").fetchall()
    finally:
        con.close()
    assert (str(article), basis, run) == ("2024-03-04", "corpus", second.run_id)
    assert [(str(d), r) for d, r in monday] == [("2024-03-04", second.run_id)]
    assert versions == [(first.run_id, None)]  # the same version, not a new one
    load([str(tmp_path / "one"), str(tmp_path / "two")],
         Settings(db_path=str(tmp_path / "once.duckdb")))
    _same_tables(path, tmp_path / "once.duckdb")
