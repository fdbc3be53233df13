"""The published database in a real browser: Datasette served over HTTP, headless Chromium.

`datasette serve DIR` runs on the directory `factdb publish` wrote (the way a user would
serve it: immutable, with its metadata, settings and plugin). Chromium renders the
database page, the counts table with its facets, and the counts_around_event canned
query (event=visit, unit=attack) with its chart; the rendered DOM is checked against
DuckDB and screenshots are kept in test-artifacts/browser/. Two databases: the fixture
corpus of the query tests (ceasefire talks, earthquake, election, rates, cup final) and
the seeds.

The pages of the factdb server (/pages/, docs/adr/0013) are walked too, on the seeds and on
a realnews story cluster: landing, event, entity, article (at a cited span, reached by one
click from the event page) and disagreements, each checked in the DOM against the named
queries, measured at 1280 px (no sideways scrolling, every citation inside the window),
with full-page screenshots in test-artifacts/pages/. Needs /usr/bin/chromium
(scripts/install-browser.sh installs it).
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
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
import lxml.html
import pytest
import yaml

from factdb import db
from factdb.load import load
from factdb.publish import build
from factdb.publish.catalog import read_tables
from factdb.queries import registry
from factdb.settings import Settings
from tests.scoring.context import SHARED
from tests.test_datasette import _plain, publish_fixture_corpus
from tests.test_pages import CLUSTER, css, text_of

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


def _is_citations(value: object) -> bool:
    return (isinstance(value, list) and bool(value)
            and all(isinstance(c, dict) and "quote" in c for c in value))


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
            elif _is_citations(value):
                continue  # readable citations (factdb/publish/citations_html.py): below
            elif isinstance(value, list | dict):
                assert json.loads(text) == _plain(value), column
            elif isinstance(value, float):
                assert float(text) == value
            else:
                assert text == str(_plain(value)), column
    assert page.canvases == 1
    # each citation: outlet, the quote marked in its sentence, the article view at its span
    doc = lxml.html.fromstring((ARTIFACTS / f"{site.label}-counts_around_event.html")
                               .read_text(encoding="utf-8"))
    cells = doc.xpath("//td[contains(@class, 'col-citations')]")
    assert len(cells) == len(rows)
    for cell, row in zip(cells, rows, strict=True):
        cites = row[columns.index("citations")]
        items = cell.xpath(".//li[contains(@class, 'factdb-citation')]")
        assert [i.xpath("string(.//mark)") for i in items] == [c["quote"] for c in cites]
        for item, c in zip(items, cites, strict=True):
            at = f"?at={c['char_start']}-{c['char_end']}#c{c['char_start']}-{c['char_end']}"
            assert f"/pages/articles/{c['article_id']}{at}" in item.xpath(".//a/@href")


# --- the pages of the factdb server (api/pages, docs/adr/0013) ---------------------------
#
# `factdb serve` runs over the seeds and over a realnews story cluster; Chromium is driven
# over the DevTools protocol on a pipe (--remote-debugging-pipe: no extra package, nothing
# added to the pages) at a 1280 px wide window: each page's DOM is checked against the named
# queries, its layout measured (no sideways scrolling, every citation inside the window),
# and a full-page screenshot kept in test-artifacts/pages/.

PAGES_ARTIFACTS = ROOT / "test-artifacts" / "pages"
WIDTH = 1280
#: what a page reports about its layout: the document's width, and every citation, chart
#: and table whose box leaves the window
LAYOUT_JS = """JSON.stringify((() => {
  const w = document.documentElement.clientWidth;
  const out = [...document.querySelectorAll('li.citation, svg, table, .side, .article-text')]
    .map(e => [e.tagName.toLowerCase() + '.' + e.getAttribute('class'),
               e.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && (r.left < 0 || r.right > w + 0.5))
    .map(([name, r]) => [name, Math.round(r.left), Math.round(r.right)]);
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: w,
          citations: document.querySelectorAll('li.citation').length, outside: out,
          html: document.documentElement.outerHTML};
})())"""


class DevTools:
    """Headless Chromium driven over the DevTools protocol on a pipe (fds 3 and 4)."""

    def __init__(self) -> None:
        self._profile = tempfile.TemporaryDirectory(prefix="factdb-devtools-")
        to_child, self._w = os.pipe()
        self._r, from_child = os.pipe()

        def fds() -> None:  # in the child: our pipe ends become its fds 3 (in) and 4 (out)
            a, b = os.dup(to_child), os.dup(from_child)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
             "--remote-debugging-pipe", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--hide-scrollbars",
             f"--user-data-dir={self._profile.name}", "about:blank"],
            preexec_fn=fds, close_fds=False, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_child)
        os.close(from_child)
        self._buf = b""
        self._id = 0
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        self.page("Emulation.setDeviceMetricsOverride", width=WIDTH, height=1000,
                  deviceScaleFactor=1, mobile=False)

    def _read(self, deadline: float) -> dict[str, object]:
        while b"\0" not in self._buf:
            ready, _, _ = select.select([self._r], [], [], max(deadline - time.monotonic(), 0))
            assert ready, "Chromium did not answer in time"
            chunk = os.read(self._r, 1 << 20)
            assert chunk, "Chromium closed the pipe"
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        message: dict[str, object] = json.loads(raw)
        return message

    def send(self, method: str, session: str | None = None, **params: object) -> dict:
        self._id += 1
        message: dict[str, object] = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._w, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 60
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._id:
                assert "error" not in answer, (method, answer["error"])
                return answer["result"]  # type: ignore[return-value]

    def page(self, method: str, **params: object) -> dict:
        return self.send(method, self.session, **params)

    def evaluate(self, expression: str) -> object:
        return self.page("Runtime.evaluate", expression=expression,
                         returnByValue=True)["result"].get("value")

    def open(self, url: str) -> None:
        """Navigate and wait until the document at url has loaded."""
        self.page("Page.navigate", url=url)
        deadline = time.monotonic() + 30
        while self.evaluate("document.readyState + ' ' + location.href") != f"complete {url}":
            assert time.monotonic() < deadline, f"{url} did not load"
            time.sleep(0.05)

    def screenshot(self, path: Path) -> tuple[int, int]:
        """The whole page (up to 8000 px tall) as PNG; its width and height."""
        size = self.page("Page.getLayoutMetrics")["cssContentSize"]
        height = min(int(size["height"]), 8000)
        shot = self.page("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1})
        data = base64.b64decode(shot["data"])
        path.write_bytes(data)
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        return struct.unpack(">II", data[16:24])

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait(timeout=10)
        finally:
            os.close(self._w)
            os.close(self._r)
            self._profile.cleanup()


@dataclass
class Server:
    label: str
    base: str
    duck: Path


@dataclass
class Shown:
    """A page as Chromium laid it out at 1280 px: its DOM and its layout figures."""
    doc: object
    scroll_width: int
    client_width: int
    citations: int
    outside: list[list[object]]


@pytest.fixture(scope="module")
def devtools() -> Iterator[DevTools]:
    browser = DevTools()
    yield browser
    browser.close()


@pytest.fixture(scope="module", params=["seeds", "cluster"])
def server(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp(f"pages-{request.param}")
    duck = directory / f"{request.param}.duckdb"
    if request.param == "seeds":
        shutil.copy(request.getfixturevalue("seeds_db"), duck)
    else:
        files = [SHARED / "realnews" / name for name in CLUSTER]
        if not all(f.is_file() for f in files):
            pytest.skip(f"{SHARED / 'realnews'} is absent (it comes with the shared folder)")
        load([str(f) for f in files], Settings(db_path=str(duck)))
    port = _free_port()
    log_path = directory / "serve.log"
    log = log_path.open("wb")
    factdb = Path(sys.executable).parent / "factdb"
    proc = subprocess.Popen([str(factdb), "serve", "--db", str(duck), "--host", "127.0.0.1",
                             "--port", str(port), "--no-datasette"],
                            stdout=log, stderr=subprocess.STDOUT,
                            env={**os.environ, "FACTDB_API_SQL_WORKERS": "0"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"factdb serve did not start: "
                                f"{log_path.read_text(errors='replace')[-2000:]}")
                time.sleep(0.2)
        yield Server(request.param, base, duck)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def show(devtools: DevTools, server: Server, path: str, name: str) -> Shown:
    """Open a page at 1280 px, save its screenshot, and return its DOM and layout."""
    devtools.open(server.base + path)
    layout = json.loads(str(devtools.evaluate(LAYOUT_JS)))
    PAGES_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width, _ = devtools.screenshot(PAGES_ARTIFACTS / f"{server.label}-{name}.png")
    assert width == WIDTH
    return Shown(lxml.html.fromstring(layout["html"]), layout["scrollWidth"],
                 layout["clientWidth"], layout["citations"], layout["outside"])


def assert_fits(shown: Shown) -> None:
    """At 1280 px nothing scrolls sideways and every citation is inside the window."""
    assert shown.client_width == WIDTH
    assert shown.scroll_width <= WIDTH, shown.outside
    assert shown.outside == []


def _queries(server: Server, name: str, **values: object) -> list[dict]:
    con = db.connect(server.duck, read_only=True)
    try:
        columns, rows = registry()[name].run(con, values)
    finally:
        con.close()
    return [dict(zip(columns, r, strict=True)) for r in rows]


def _main_event(server: Server) -> dict:
    events = _queries(server, "event_timeline", type="", **{"from": "", "to": ""})
    if server.label == "seeds":
        rows = _queries(server, "counts_around_event", event="visit", unit="attack")
        return next(e for e in events if e["event_id"] == rows[0]["event_id"])
    return max(events, key=lambda e: (e["article_count"], e["mention_count"], e["event_id"]))


def test_pages_landing(devtools: DevTools, server: Server) -> None:
    shown = show(devtools, server, "/pages/", "landing")
    assert_fits(shown)
    events = _queries(server, "event_timeline", type="", **{"from": "", "to": ""})
    links = {a.get("href"): text_of(a) for a in css(shown.doc, "#events a.event-link")}
    assert links == {f"/pages/events/{e['event_id']}": e["label"] for e in events}


def test_pages_event(devtools: DevTools, server: Server) -> None:
    """The event page: what, when, where, who; the counts chart whose points open their
    citations; every mention cited; fits 1280 px. Then one click on a citation opens the
    article with the quote marked and scrolled into view."""
    event = _main_event(server)
    shown = show(devtools, server, f"/pages/events/{event['event_id']}", "event")
    assert_fits(shown)
    doc = shown.doc
    assert text_of(css(doc, "h1")[0]) == event["label"]
    mentions = _queries(server, "fact_citations", kind="event", id=event["event_id"])[0]
    marks = [m.text_content() for m in css(doc, "#mentions q.sentence mark")]
    assert marks == [c["quote"] for c in mentions["citations"][:25]]
    assert shown.citations >= len(marks) > 0
    if server.label == "seeds":
        rows = [r for r in _queries(server, "counts_around_event", event=event["event_id"],
                                    unit="attack") if r["event_id"] == event["event_id"]]
        series = doc.xpath(".//div[@data-unit='attack']")[0]  # type: ignore[attr-defined]
        items = css(series, "li.count-row")
        points = [a.get("href") for a in css(series, "svg a.point")]
        assert points == [f"#{li.get('id')}" for li in items] and len(items) == len(rows)
        for li, r in zip(items, rows, strict=True):
            assert [m.text_content() for m in css(li, "q.sentence mark")] == [
                c["quote"] for c in r["citations"]]
        # the chart's first point: its target is on the page
        assert doc.xpath(f".//*[@id='{points[0][1:]}']")  # type: ignore[attr-defined]
    # one click from a citation to the article, the quote marked and in view
    link = css(doc, "#mentions a.open")[0].get("href")
    devtools.open(server.base + link)
    marked = devtools.evaluate(
        "JSON.stringify([[...document.querySelectorAll('mark.cited')].map(m => m.textContent)"
        ".join(''), document.querySelector('mark.cited').getBoundingClientRect().top,"
        " window.innerHeight])")
    text, top, height = json.loads(str(marked))
    assert text == mentions["citations"][0]["quote"]
    assert 0 <= top < height


def test_pages_entity(devtools: DevTools, server: Server) -> None:
    event = _main_event(server)
    con = db.connect(server.duck, read_only=True)
    try:
        entity_id = con.execute(
            "SELECT entity_id FROM event_participants WHERE event_id = ? "
            "ORDER BY mention_count DESC, entity_id LIMIT 1", [event["event_id"]]).fetchone()
        entity_id = entity_id[0] if entity_id else event["location_entity_id"]
    finally:
        con.close()
    assert entity_id
    shown = show(devtools, server, f"/pages/entities/{entity_id}", "entity")
    assert_fits(shown)
    profile = [p for p in _queries(server, "entity_profile", entity=entity_id)
               if p["entity_id"] == entity_id][0]
    assert text_of(css(shown.doc, "h1")[0]) == profile["name"]
    names = [text_of(c) for c in css(shown.doc, "dd.names .chip")]
    assert names == sorted({profile["name"], *profile["aliases"]})
    marks = [m.text_content() for m in css(shown.doc, "#mentions q.sentence mark")]
    assert marks == [c["quote"] for c in profile["citations"][:25]]
    assert css(shown.doc, "#over-time svg .bar")


def test_pages_article(devtools: DevTools, server: Server) -> None:
    event = _main_event(server)
    cite = _queries(server, "fact_citations", kind="event", id=event["event_id"])[0][
        "citations"][0]
    aid, start, end = cite["article_id"], cite["char_start"], cite["char_end"]
    shown = show(devtools, server, f"/pages/articles/{aid}?at={start}-{end}", "article")
    assert_fits(shown)
    con = db.connect(server.duck, read_only=True)
    try:
        text = con.execute("SELECT text FROM articles WHERE article_id = ?",
                           [aid]).fetchone()[0]
        furniture = con.execute("SELECT count(*) FROM sentences WHERE article_id = ? AND "
                                "role NOT IN ('headline', 'body')", [aid]).fetchone()[0]
    finally:
        con.close()
    body = css(shown.doc, ".article-text")[0]
    assert body.text_content() == text
    assert "".join(m.text_content() for m in css(body, "mark.cited")) == cite["quote"]
    facts = _queries(server, "article_facts", article=aid)
    assert {a.get("id") for a in css(body, "span.anchor")} == (
        {f"c{f['char_start']}-{f['char_end']}" for f in facts} | {f"c{start}-{end}"})
    assert len(css(body, "span.furniture")) == furniture


def test_pages_disagreements(devtools: DevTools, server: Server) -> None:
    shown = show(devtools, server, "/pages/disagreements", "disagreements")
    assert_fits(shown)
    rows = _queries(server, "disagreements", event="")
    shown_rows = css(shown.doc, "article.disagreement")
    assert [text_of(css(a, "h3")[0]) for a in shown_rows] == [d["subject"] for d in rows]
    for art, d in zip(shown_rows, rows, strict=True):
        sides = css(art, ".side")
        assert [text_of(css(s, "h4")[0]) for s in sides] == [s["position"] for s in d["sides"]]


def test_layout_check_sees_sideways_scrolling(devtools: DevTools, server: Server) -> None:
    """The measurement behind assert_fits can fail: a too-wide table added to a page is
    seen (the document scrolls sideways, the table is reported outside the window)."""
    devtools.open(server.base + "/pages/disagreements")
    devtools.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                      "'<table style=\"width:1900px\"><tr><td>wide</td></tr></table>')")
    layout = json.loads(str(devtools.evaluate(LAYOUT_JS)))
    assert layout["scrollWidth"] > WIDTH
    assert [o[0] for o in layout["outside"]] == ["table.null"]


def test_datasette_citations_fit_1280(devtools: DevTools, site: Site) -> None:
    """Datasette's counts_around_event page at 1280 px: the citations (rendered by
    factdb/publish/citations_html.py) are inside the window, nothing scrolls sideways."""
    devtools.open(site.base + "/factdb/counts_around_event?" + urlencode(QUERY_PARAMS))
    layout = json.loads(str(devtools.evaluate("""JSON.stringify((() => {
      const w = document.documentElement.clientWidth;
      const boxes = [...document.querySelectorAll('.factdb-citation')]
        .map(e => e.getBoundingClientRect());
      return {scrollWidth: document.documentElement.scrollWidth, clientWidth: w,
              citations: boxes.length,
              outside: boxes.filter(r => r.left < 0 || r.right > w + 0.5).length};
    })())""")))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    devtools.screenshot(ARTIFACTS / f"{site.label}-counts_around_event-1280.png")
    assert layout["clientWidth"] == WIDTH and layout["citations"] > 0
    assert layout["scrollWidth"] <= WIDTH and layout["outside"] == 0, layout
