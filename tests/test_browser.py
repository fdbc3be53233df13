"""The published database in a real browser: Datasette served over HTTP, headless Chromium.

`datasette serve DIR` runs on the directory `factdb publish` wrote (the way a user would
serve it: immutable, with its metadata, settings and plugin). Chromium renders the
database page, the counts table with its facets, and the counts_around_event canned
query (event=visit, unit=attack) with its chart; the rendered DOM is checked against
DuckDB and screenshots are kept in test-artifacts/browser/. Two databases: the fixture
corpus of the query tests (ceasefire talks, earthquake, election, rates, cup final) and
the seeds. Needs /usr/bin/chromium (scripts/install-browser.sh installs it).
"""

from __future__ import annotations

import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import duckdb
import pytest
import yaml

from factdb import db
from factdb.publish import build
from factdb.publish.catalog import read_tables
from factdb.queries import registry
from tests.test_datasette import _plain, publish_fixture_corpus

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "browser"
QUERY_PARAMS = {"event": "visit", "unit": "attack"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is not installed (scripts/install-browser.sh "
                              "installs it)"),
]


@dataclass
class Site:
    label: str
    base: str
    duck: Path
    publish_dir: Path


class Page(HTMLParser):
    """What the checks need from a rendered Datasette page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.links: list[str] = []
        self.headers: list[str] = []
        self.rows: list[dict[str, str]] = []
        self.facets: dict[str, list[str]] = {}
        self.canvases = 0
        self._stack: list[tuple[str, dict[str, str]]] = []
        self._text: list[str] = []
        self._facet: str | None = None
        self._in_rows_table = False
        self._row: dict[str, str] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "canvas" and "marks" in a.get("class", ""):
            self.canvases += 1
        if tag == "table" and "rows-and-columns" in a.get("class", ""):
            self._in_rows_table = True
        if tag == "div" and "facet-info" in a.get("class", "").split():
            self._facet = a.get("data-column")
            self.facets[self._facet or ""] = []
        if tag == "tr" and self._in_rows_table:
            self._row = {}
        if tag in ("td", "th", "li", "title"):
            self._stack.append((tag, a))
            self._text = []

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_rows_table = False
        if tag == "tr" and self._in_rows_table and self._row:
            self.rows.append(self._row)
            self._row = {}
        if not self._stack or self._stack[-1][0] != tag:
            return
        _, attrs = self._stack.pop()
        text = "".join(self._text).strip()
        if tag == "title":
            self.title = text
        elif tag == "th" and self._in_rows_table:
            self.headers.append(text)
        elif tag == "td" and self._in_rows_table:
            column = next((c[4:] for c in attrs.get("class", "").split()
                           if c.startswith("col-")), "")
            self._row[column] = text
        elif tag == "li" and self._facet is not None:
            self.facets[self._facet].append(" ".join(text.split()))


def chromium(url: str, *, dom: bool = True, screenshot: Path | None = None) -> str:
    """Load url in headless Chromium: the DOM after scripts ran, or a screenshot."""
    with tempfile.TemporaryDirectory(prefix="factdb-chromium-") as profile:
        args = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--virtual-time-budget=5000"]
        if screenshot is not None:
            args += [f"--screenshot={screenshot}", "--window-size=1280,1600"]
        else:
            args.append("--dump-dom")
        done = subprocess.run(args + [url], capture_output=True, text=True, timeout=120,
                              check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def render(site: Site, path: str, name: str) -> Page:
    """The page's DOM, with its screenshot saved (both Chromium runs at once)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"{site.label}-{name}.png"
    shot.unlink(missing_ok=True)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        dom = pool.submit(chromium, site.base + path)
        pool.submit(chromium, site.base + path, screenshot=shot).result()
        html = dom.result()
    (ARTIFACTS / f"{site.label}-{name}.html").write_text(html, encoding="utf-8")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 1600)
    return Page(html)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module", params=["fixture", "seeds"])
def site(request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    directory = tmp_path_factory.mktemp(f"browser-{request.param}")
    if request.param == "fixture":
        duck = publish_fixture_corpus(directory)
    else:
        duck = request.getfixturevalue("seeds_db")
        assert build(duck, directory / "publish").warnings == []
    con = db.connect(duck, read_only=True)
    try:
        _, rows = registry()["counts_around_event"].run(con, QUERY_PARAMS)
    finally:
        con.close()
    if not rows:
        pytest.skip(f"the {request.param} database gives no rows for counts_around_event"
                    f"({QUERY_PARAMS}) yet: are the count and event extractors registered "
                    "in factdb/extract/registry.py?")
    port = _free_port()
    log_path = directory / "datasette.log"
    log = log_path.open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(directory / "publish"),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    out = log_path.read_text(errors="replace")
                    pytest.fail(f"datasette did not start: {out[-2000:]}")
                time.sleep(0.2)
        yield Site(request.param, base, duck, directory / "publish")
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture
def duck(site: Site) -> Iterator[duckdb.DuckDBPyConnection]:
    con = db.connect(site.duck, read_only=True)
    yield con
    con.close()


def test_served_immutable_with_the_plugin(site: Site) -> None:
    with urllib.request.urlopen(site.base + "/-/databases.json", timeout=10) as r:
        databases = json.load(r)
    with urllib.request.urlopen(site.base + "/-/plugins.json", timeout=10) as r:
        plugins = {p["name"]: p["hooks"] for p in json.load(r)}
    assert [(d["name"], d["is_mutable"]) for d in databases] == [("factdb", False)]
    # functions for the copy, and one-line logs for refused statements (ADR 0011)
    assert plugins["factdb_functions.py"] == ["handle_exception", "prepare_connection"]
    assert "datasette-vega" in plugins


def test_database_page_lists_tables_and_queries(site: Site,
                                                duck: duckdb.DuckDBPyConnection) -> None:
    page = render(site, "/factdb", "database")
    assert page.title == "factdb"
    tables = {t.name for t in read_tables(duck)}
    linked = {link.rsplit("/", 1)[-1].split("?")[0] for link in page.links
              if "/factdb/" in link}
    assert tables <= linked
    for name in registry():
        assert any(link.split("#")[0].endswith(f"/factdb/{name}") for link in page.links)


def test_counts_table_shows_facets_and_labels(site: Site,
                                              duck: duckdb.DuckDBPyConnection) -> None:
    page = render(site, "/factdb/counts?_size=100", "counts")
    total = duck.execute("SELECT count(*) FROM counts").fetchone()[0]
    assert page.title == f"factdb: counts: {total} rows"
    units = duck.execute("SELECT unit, count(*) FROM counts WHERE unit IS NOT NULL "
                         "GROUP BY unit ORDER BY 2 DESC, 1 LIMIT 30").fetchall()
    assert sorted(page.facets["unit"]) == sorted(f"{u} {n:,}" for u, n in units)
    assert {"unit", "qualifier"} <= set(page.facets)
    assert len(page.rows) == min(total, 100)
    labels = dict(duck.execute(
        "SELECT c.count_id, e.label FROM counts AS c JOIN events AS e "
        "ON e.event_id = c.anchor_event_id").fetchall())
    anchored = [r for r in page.rows if r["count_id"] in labels]
    assert anchored or not labels
    for row in anchored:
        assert row["anchor_event_id"].startswith(labels[row["count_id"]])


def test_counts_around_event_query_page(site: Site, duck: duckdb.DuckDBPyConnection) -> None:
    metadata = yaml.safe_load((site.publish_dir / "metadata.yml").read_text(encoding="utf-8"))
    fragment = metadata["databases"]["factdb"]["queries"]["counts_around_event"]["fragment"]
    page = render(site, "/factdb/counts_around_event?" + urlencode(QUERY_PARAMS)
                  + "#" + fragment, "counts_around_event")
    columns, rows = registry()["counts_around_event"].run(duck, QUERY_PARAMS)
    assert page.headers == columns
    assert len(page.rows) == len(rows) > 0
    for shown, row in zip(page.rows, rows, strict=True):
        for column, value in zip(columns, row, strict=True):
            text = shown[column].replace("\xa0", "").strip()
            if value is None:
                assert text == ""
            elif isinstance(value, list | dict):
                assert json.loads(text) == _plain(value), column
            elif isinstance(value, float):
                assert float(text) == value
            else:
                assert text == str(_plain(value)), column
    quotes = {c["quote"] for r in rows for c in r[columns.index("citations")]}
    assert quotes and all(any(q in s["citations"] for s in page.rows) for q in quotes)
    assert page.canvases == 1
