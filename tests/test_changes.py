"""What changed (docs/changes.md): fact diffs between runs and between versions of an article,
and the feeds of named queries since a run.

Most tests load invented texts with one small, predictable extractor (every "<number>
<noun>" is a count of that noun), so that the expected diff is known from the texts alone;
one test runs the whole pipeline.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner
from litestar import Litestar
from litestar.testing import TestClient

from api.app import create_app
from api.settings import ApiSettings
from factdb import changes, db
from factdb.cli import main
from factdb.extract.context import ArticleContext
from factdb.extract.provenance import provenance
from factdb.load import load
from factdb.resolve import fact_log
from factdb.settings import Settings

HARBOUR_V1 = ("Dock strike spreads\n\n"
              "About 400 workers joined the strike on Monday. The strike halted 12 ships. "
              "Managers offered 3 meetings.\n")
HARBOUR_V2 = ("Dock strike spreads\n\n"
              "About 600 workers joined the strike on Monday. Managers offered 3 meetings. "
              "Police detained 5 pickets.\n")
FERRY = "Ferry service resumes\n\nThe ferry carried 150 passengers on its first crossing.\n"
MARKET = "Fish market reopens\n\nTraders sold 80 crates before noon.\n"
ATOM = "{http://www.w3.org/2005/Atom}"


def number_noun_counts(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    """Every '<digits> <noun>' of the text as a count of that noun."""
    rows = []
    for n, m in enumerate(re.finditer(r"\b(\d+) ([a-z]+)", ctx.text)):
        rows.append({"count_id": f"{ctx.article_id}:c{n}", "value": float(m.group(1)),
                     "qualifier": "exact", "unit": m.group(2),
                     **provenance(ctx, m.start(), m.end(), "test.counts", 1.0, "a test count")})
    return {"counts": rows}


def one_load(db_path: Path, *paths: Path, **kwargs: Any) -> str:
    kwargs.setdefault("extractors", [number_noun_counts])
    kwargs.setdefault("resolvers", [fact_log.resolve])
    report = load([str(p) for p in paths], Settings(db_path=str(db_path)), **kwargs)
    assert not report.problems
    return report.run_id


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run 1: harbour (v1) and ferry; run 2: harbour v2 (ferry again, unchanged);
    run 3: market, new."""
    root = tmp_path_factory.mktemp("changes")
    src, db_path = root / "src", root / "changes.duckdb"
    src.mkdir()
    harbour, ferry, market = src / "harbour.txt", src / "ferry.txt", src / "market.txt"
    harbour.write_text(HARBOUR_V1)
    ferry.write_text(FERRY)
    run1 = one_load(db_path, harbour, ferry)
    harbour.write_text(HARBOUR_V2)
    run2 = one_load(db_path, harbour, ferry)
    market.write_text(MARKET)
    run3 = one_load(db_path, market)
    con = db.connect(str(db_path), read_only=True)
    try:
        ids = dict(con.execute("SELECT source_uri, article_id FROM article_versions "
                               "ORDER BY loaded_at").fetchall())
        harbour_v1 = con.execute("SELECT article_id FROM article_versions WHERE "
                                 "superseded_by IS NOT NULL").fetchall()
    finally:
        con.close()
    assert len(harbour_v1) == 1
    return {"db": db_path, "runs": (run1, run2, run3), "ids": ids,
            "harbour_v1": harbour_v1[0][0], "harbour_v2": ids["harbour.txt"]}


@pytest.fixture
def con(story: dict[str, Any]) -> Iterator[duckdb.DuckDBPyConnection]:
    c = db.connect(str(story["db"]), read_only=True)
    yield c
    c.close()


def summary(diff: changes.Diff) -> dict[str, list[Any]]:
    """The diff as (source, quote, value) triples, text order."""
    return {
        "added": [(f.source_uri, f.quote, f.value["value"]) for f in diff.added],
        "removed": [(f.source_uri, f.quote, f.value["value"]) for f in diff.removed],
        "changed": [(b.source_uri, a.quote, b.quote, changes.changed_fields(a, b))
                    for a, b in diff.changed],
    }


def test_diff_of_a_new_version_lists_exactly_what_its_text_changed(
        story: dict[str, Any], con: duckdb.DuckDBPyConnection) -> None:
    run1, run2, _ = story["runs"]
    assert summary(changes.diff_runs(con, run1, run2)) == {
        "added": [("harbour.txt", "5 pickets", 5.0)],
        "removed": [("harbour.txt", "12 ships", 12.0)],
        "changed": [("harbour.txt", "400 workers", "600 workers", ["value"])],
    }  # "3 meetings" moved in the text but says the same: not a change


def test_diff_over_several_runs_and_backwards(story: dict[str, Any],
                                              con: duckdb.DuckDBPyConnection) -> None:
    run1, run2, run3 = story["runs"]
    assert summary(changes.diff_runs(con, run2, run3)) == {
        "added": [("market.txt", "80 crates", 80.0)], "removed": [], "changed": []}
    assert summary(changes.diff_runs(con, run1, run3)) == {
        "added": [("harbour.txt", "5 pickets", 5.0), ("market.txt", "80 crates", 80.0)],
        "removed": [("harbour.txt", "12 ships", 12.0)],
        "changed": [("harbour.txt", "400 workers", "600 workers", ["value"])],
    }
    assert summary(changes.diff_runs(con, run3, run1)) == {
        "added": [("harbour.txt", "12 ships", 12.0)],
        "removed": [("harbour.txt", "5 pickets", 5.0), ("market.txt", "80 crates", 80.0)],
        "changed": [("harbour.txt", "600 workers", "400 workers", ["value"])],
    }
    assert summary(changes.diff_runs(con, run3, run3)) == {
        "added": [], "removed": [], "changed": []}


def test_diff_of_article_versions(story: dict[str, Any],
                                  con: duckdb.DuckDBPyConnection) -> None:
    v1, v2 = story["harbour_v1"], story["harbour_v2"]
    diff = changes.diff_versions(con, v2)
    assert (diff.before["article_id"], diff.after["article_id"]) == (v1, v2)
    assert summary(diff) == summary(changes.diff_versions(con, v2, against=v1)) == {
        "added": [("harbour.txt", "5 pickets", 5.0)],
        "removed": [("harbour.txt", "12 ships", 12.0)],
        "changed": [("harbour.txt", "400 workers", "600 workers", ["value"])],
    }
    with pytest.raises(changes.UnknownChange, match="first stored version"):
        changes.diff_versions(con, v1)
    with pytest.raises(changes.UnknownChange, match="not a stored version"):
        changes.diff_versions(con, v2, against=story["ids"]["ferry.txt"])


def test_cli_diff_table_json_and_unknown_run(story: dict[str, Any]) -> None:
    run1, run2, _ = story["runs"]
    runner = CliRunner()
    out = runner.invoke(main, ["diff", run1, run2, "--db", str(story["db"])])
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[0] == f"from {run1} to {run2}: 1 added, 1 removed, 1 changed"
    assert [line.split(" [")[0].split() for line in lines[1:]] == [
        ["+", "count", "harbour.txt"], ["-", "count", "harbour.txt"],
        ["~", "count", "harbour.txt"]]
    assert "\u201c400 workers\u201d -> \u201c600 workers\u201d  value: 400.0 -> 600.0" in lines[3]
    out = runner.invoke(main, ["diff", run1, run2, "--db", str(story["db"]),
                               "--format", "json"])
    body = json.loads(out.output)
    assert [(c["before"]["quote"], c["after"]["quote"], c["fields"])
            for c in body["changed"]] == [("400 workers", "600 workers", ["value"])]
    out = runner.invoke(main, ["diff", run1, "run-nope", "--db", str(story["db"])])
    assert out.exit_code == 2
    assert "no extraction run 'run-nope'" in out.output


@pytest.fixture
def client(story: dict[str, Any]) -> Iterator[TestClient[Litestar]]:
    with TestClient(create_app(ApiSettings(db_path=str(story["db"])))) as c:
        yield c


def test_api_version_diff_and_errors(story: dict[str, Any],
                                     client: TestClient[Litestar]) -> None:
    r = client.get(f"/v1/articles/{story['harbour_v2']}/versions/diff")
    assert r.status_code == 200, r.text
    body = r.json()
    assert [f["quote"] for f in body["added"]] == ["5 pickets"]
    assert [f["quote"] for f in body["removed"]] == ["12 ships"]
    assert [(c["before"]["value"]["value"], c["after"]["value"]["value"])
            for c in body["changed"]] == [(400.0, 600.0)]
    assert [v["article_id"] for v in body["versions"]] == [story["harbour_v1"],
                                                          story["harbour_v2"]]
    assert client.get("/v1/articles/a-nothing/versions/diff").status_code == 404
    r = client.get(f"/v1/articles/{story['harbour_v1']}/versions/diff")
    assert r.status_code == 404 and "first stored version" in r.json()["detail"]
    run1, run2, _ = story["runs"]
    r = client.get(f"/v1/runs/{run1}/diff/{run2}")
    assert [f["quote"] for f in r.json()["added"]] == ["5 pickets"]
    r = client.get(f"/v1/runs/{run1}/diff/run-nope")
    assert r.status_code == 404 and "run-nope" in r.json()["detail"]


def test_atom_feed_lists_only_the_changed_rows(story: dict[str, Any],
                                               client: TestClient[Litestar]) -> None:
    run1, run2, run3 = story["runs"]
    r = client.get("/v1/feeds/article_facts.atom",
                   params={"since": run1, "article": story["harbour_v2"]})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(r.content)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}id") == f"urn:factdb:feed:article_facts:since:{run1}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", feed.findtext(f"{ATOM}updated", ""))
    entries = feed.findall(f"{ATOM}entry")
    quotes = sorted(json.loads(e.findtext(f"{ATOM}content", "{}"))["row"]["quote"]
                    for e in entries)
    assert quotes == ["5 pickets", "600 workers"]  # not "3 meetings": unchanged
    ids = [e.findtext(f"{ATOM}id", "") for e in entries]
    assert len(set(ids)) == 2 and all(i.startswith("urn:factdb:article_facts:") for i in ids)
    for e in entries:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",
                            e.findtext(f"{ATOM}updated", ""))
        assert [link.get("href") for link in e.findall(f"{ATOM}link")] == [
            f"http://testserver.local/v1/articles/{story['harbour_v2']}"]
    r = client.get("/v1/feeds/article_facts.atom",
                   params={"since": run2, "article": story["harbour_v2"]})
    assert ET.fromstring(r.content).findall(f"{ATOM}entry") == []


def test_json_feed_and_feed_errors(story: dict[str, Any],
                                   client: TestClient[Litestar]) -> None:
    run1, run2, _ = story["runs"]
    r = client.get("/v1/feeds/article_facts.json",
                   params={"since": run2, "article": story["ids"]["market.txt"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    assert [(i["_factdb"]["row"]["quote"], i["_factdb"]["runs"]) for i in body["items"]] == [
        ("80 crates", [story["runs"][2]])]
    assert body["items"][0]["_factdb"]["citations"][0]["quote"] == "80 crates"
    assert client.get("/v1/feeds/article_facts.json",
                      params={"since": "run-nope", "article": "x"}).status_code == 404
    assert client.get("/v1/feeds/no_such_query.atom", params={"since": run1}).status_code == 404
    assert client.get("/v1/feeds/article_facts.rss", params={"since": run1}).status_code == 404
    assert client.get("/v1/feeds/article_facts.atom",
                      params={"since": run1}).status_code == 400  # 'article' is required


def test_full_pipeline_reports_changed_counts_and_claims(tmp_path: Path) -> None:
    """The real extractors: a new version that edits one number gives changed counts (same
    unit, another value) and changed claims (their content edited), nothing added or
    removed; the version diff of the article says the same."""
    src = tmp_path / "src"
    src.mkdir()
    path = src / "flood.txt"
    text = ("River floods farmland\n\nThe river flooded 30 farms near the old mill on "
            "Sunday, officials said. Engineers inspected the dam.\n"
            "\"We lost 30 farms in one night,\" said mayor Elena Brask.\n")
    path.write_text(text)
    db_path = tmp_path / "full.duckdb"
    run1 = one_load(db_path, path, extractors=None, resolvers=None)
    path.write_text(text.replace("30 farms", "45 farms"))
    run2 = one_load(db_path, path, extractors=None, resolvers=None)
    con = db.connect(str(db_path), read_only=True)
    try:
        diff = changes.diff_runs(con, run1, run2, kinds=["count", "claim"])
        new_id = con.execute("SELECT article_id FROM articles").fetchall()[0][0]
        by_version = changes.diff_versions(con, new_id)
    finally:
        con.close()
    assert [(a.kind, a.quote, b.quote, changes.changed_fields(a, b))
            for a, b in diff.changed] == [
        ("claim", "The river flooded 30 farms near the old mill on Sunday, officials said",
         "The river flooded 45 farms near the old mill on Sunday, officials said", ["key"]),
        ("count", "30 farms", "45 farms", ["value", "value_high", "value_low"]),
        ("claim", '"We lost 30 farms in one night," said mayor Elena Brask',
         '"We lost 45 farms in one night," said mayor Elena Brask', ["key"]),
        ("count", "30 farms", "45 farms", ["value", "value_high", "value_low"]),
    ]
    assert (diff.added, diff.removed) == ([], [])
    assert [(b.kind, b.quote) for _, b in by_version.changed if b.kind in ("count", "claim")
            ] == [(b.kind, b.quote) for _, b in diff.changed]
    assert [f for f in by_version.added + by_version.removed
            if f.kind in ("count", "claim")] == []


def test_answer_since_for_the_queries_route(story: dict[str, Any],
                                            con: duckdb.DuckDBPyConnection) -> None:
    """The body GET /v1/queries/<name>?since=RUN answers with (changes.answer_since)."""
    from factdb.queries import get as get_query

    run1, _, _ = story["runs"]
    body = changes.answer_since(con, get_query("article_facts"),
                                {"article": story["harbour_v2"]}, run1)
    assert body["columns"][-2:] == ["changed_citations", "changed_in"]
    assert sorted((r["quote"], [c["quote"] for c in r["changed_citations"]])
                  for r in body["rows"]) == [("5 pickets", ["5 pickets"]),
                                             ("600 workers", ["600 workers"])]
    with pytest.raises(changes.UnknownChange, match="run-nope"):
        changes.answer_since(con, get_query("article_facts"),
                             {"article": story["harbour_v2"]}, "run-nope")


def test_queries_route_with_since(story: dict[str, Any], client: TestClient[Litestar]) -> None:
    """GET /v1/queries/<name>?since=RUN answers with the rows citing changed facts only; the
    same route without since answers the whole answer; an unknown run is a 404."""
    run1, _, _ = story["runs"]
    params = {"article": story["harbour_v2"]}
    whole = client.get("/v1/queries/article_facts", params=params)
    assert whole.status_code == 200, whole.text
    changed = client.get("/v1/queries/article_facts", params={**params, "since": run1})
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["since"] == run1
    assert sorted(r["quote"] for r in body["rows"]) == ["5 pickets", "600 workers"]
    assert len(whole.json()["rows"]) > len(body["rows"])
    missing = client.get("/v1/queries/article_facts", params={**params, "since": "run-nope"})
    assert missing.status_code == 404
