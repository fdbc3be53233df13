"""Datasette's readable citations laid out by headless Chromium at 1280 px: every citation
inside the window, nothing scrolled sideways (issue 15 item 1). Driven over the DevTools
protocol with tests/test_browser.py's DevTools; screenshots in test-artifacts/datasette/.
Skipped when /usr/bin/chromium is absent (the terminal summary says so)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from factdb import db
from factdb.queries import registry
from tests.test_browser import CHROMIUM, ROOT, WIDTH, DevTools, _free_port
from tests.test_datasette import publish_fixture_corpus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is not installed (scripts/install-browser.sh "
                              "installs it)"),
]

ARTIFACTS = ROOT / "test-artifacts" / "datasette"
#: the document's width, the citations, and every citation or cell whose box leaves the
#: window
LAYOUT_JS = """JSON.stringify((() => {
  const w = document.documentElement.clientWidth;
  const cites = [...document.querySelectorAll('li.factdb-citation')];
  const out = [...cites, ...document.querySelectorAll('table.rows-and-columns td')]
    .map(e => [e.tagName.toLowerCase() + '.' + e.getAttribute('class'),
               e.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && (r.left < 0 || r.right > w + 0.5))
    .map(([name, r]) => [name, Math.round(r.left), Math.round(r.right)]);
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: w,
          citations: cites.length, marks: document.querySelectorAll(
            'li.factdb-citation blockquote mark').length, outside: out};
})())"""


#: the pages: canned queries with their parameters
PAGES = {"event_timeline": {}, "counts_around_event": {"event": "visit", "unit": "attack"},
         "disagreements": {"event": ""}, "fact_citations": {"kind": "entity", "id": "e-harwick"}}


def _citations(value: Any) -> int:
    """How many citations a value holds (in lists, and in lists of sides)."""
    if isinstance(value, dict):
        return int({"article_id", "quote", "char_start"} <= value.keys()) or sum(
            _citations(v) for v in value.values())
    if isinstance(value, list):
        return sum(_citations(v) for v in value)
    return 0


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The fixture corpus published, and how many citations each page's rows hold."""
    directory = tmp_path_factory.mktemp("datasette-layout")
    duck = publish_fixture_corpus(directory)
    con = db.connect(duck, read_only=True)
    try:
        counts = {name: _citations([list(r) for r in registry()[name].run(con, params)[1]])
                  for name, params in PAGES.items()}
    finally:
        con.close()
    return directory, counts


@pytest.fixture(scope="module")
def base(expected: tuple[Path, dict[str, int]]) -> Iterator[str]:
    """`factdb serve` of the fixture corpus with its Datasette, on a free port."""
    directory = expected[0]
    duck = directory / "fixture.duckdb"
    port = _free_port()
    log_path = directory / "serve.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [str(Path(sys.executable).parent / "factdb"), "serve", "--db", str(duck),
             "--port", str(port), "--datasette", str(directory / "publish")],
            stdout=log, stderr=subprocess.STDOUT,
            env={**os.environ, "FACTDB_API_SQL_WORKERS": "0"})
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(url + "/health", timeout=2):
                        break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        pytest.fail("factdb serve did not start: "
                                    + log_path.read_text(errors="replace")[-2000:])
                    time.sleep(0.2)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def devtools() -> Iterator[DevTools]:
    browser = DevTools()
    yield browser
    browser.close()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_citations_fit_in_1280_px(base: str, devtools: DevTools, name: str,
                                  expected: tuple[Path, dict[str, int]]) -> None:
    citations = expected[1][name]
    assert citations > 0
    devtools.open(f"{base}/datasette/factdb/{name}?{urlencode(PAGES[name])}")
    layout = json.loads(str(devtools.evaluate(LAYOUT_JS)))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width, _ = devtools.screenshot(ARTIFACTS / f"{name}.png")
    assert width == WIDTH == layout["clientWidth"]
    assert layout["citations"] == layout["marks"] == citations
    assert layout["scrollWidth"] <= WIDTH, layout["outside"]
    assert layout["outside"] == []
