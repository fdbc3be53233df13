"""The pages for people (api/pages, docs/adr/0013), in process over the seeds, an invented
hostile article and (when ../shared is there) a realnews story cluster: the content of each
page is checked against the named queries' answers and the article text, not only the
status."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import lxml.html
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from api.app import create_app
from api.settings import ApiSettings
from factdb.load import load
from factdb.queries import registry
from factdb.settings import Settings
from tests.scoring.context import SHARED

#: a realnews story cluster: four outlets on one attack (tests may name realnews files)
CLUSTER = ["16_the-citizen_sudan-al-fashir-attack.txt",
           "17_eastleigh-voice_sudan-al-fashir-attack.txt",
           "18_iuvmpress_sudan-el-fasher-attack.txt",
           "19_kiro7_sudan-el-fasher-drone-strike.txt"]
HREF = re.compile(r"^/pages/articles/(?P<id>[^?#]+)\?at=(?P<s>\d+)-(?P<e>\d+)#c(?P=s)-(?P=e)$")


class Site:
    """A TestClient over a copy of a database, and queries on the app's own connection."""

    def __init__(self, client: TestClient[Litestar]) -> None:
        self.client = client

    @property
    def cur(self) -> duckdb.DuckDBPyConnection:
        con: duckdb.DuckDBPyConnection = self.client.app.state.db
        return con.cursor()

    def query(self, name: str, **values: Any) -> list[dict[str, Any]]:
        columns, rows = registry()[name].run(self.cur, values)
        return [dict(zip(columns, r, strict=True)) for r in rows]

    def page(self, path: str, status: int = 200) -> Any:
        r = self.client.get(path)
        assert r.status_code == status, (path, r.text[:500])
        assert r.headers["content-type"].startswith("text/html")
        return lxml.html.fromstring(r.text)

    def text(self, article_id: str) -> str:
        row = self.cur.execute("SELECT text FROM articles WHERE article_id = ?",
                               [article_id]).fetchone()
        assert row is not None
        return str(row[0])


def _site(db_path: Path) -> Iterator[Site]:
    with TestClient(create_app(ApiSettings(db_path=str(db_path), sql_workers=0,
                                           cache_bytes=0))) as client:
        yield Site(client)


@pytest.fixture(scope="module")
def seeds(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    copy = tmp_path_factory.mktemp("pages") / "seeds.duckdb"
    shutil.copy(seeds_db, copy)
    yield from _site(copy)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    files = [SHARED / "realnews" / name for name in CLUSTER]
    if not all(f.is_file() for f in files):
        pytest.skip(f"{SHARED / 'realnews'} is absent (it comes with the project's shared folder)")
    path = tmp_path_factory.mktemp("cluster") / "cluster.duckdb"
    load([str(f) for f in files], Settings(db_path=str(path)))
    yield from _site(path)


_PART = re.compile(r"^(?P<tag>[a-z0-9]*)(?P<id>#[\w-]+)?(?P<cls>(?:\.[\w-]+)*)$")


def xpath(selector: str) -> str:
    """XPath of a CSS selector made of descendant parts `tag#id.class` (enough here)."""
    steps = []
    for part in selector.split():
        m = _PART.match(part)
        assert m, part
        tests = [f"@id='{m['id'][1:]}'"] if m["id"] else []
        tests += [f"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')"
                  for c in m["cls"].split(".")[1:]]
        steps.append((m["tag"] or "*") + "".join(f"[{t}]" for t in tests))
    return ".//" + "//".join(steps)


def css(el: Any, selector: str) -> list[Any]:
    return list(el.xpath(xpath(selector)))


def text_of(el: Any) -> str:
    return " ".join(el.text_content().split())


def check_citations(site: Site, items: list[Any], expected: list[dict[str, Any]]) -> None:
    """Each shown citation: outlet, the quote marked inside its sentence, a link to the
    article view at its offsets whose span is the quote; in the answer's order."""
    assert len(items) == min(len(expected), 25)
    for li, c in zip(items, expected, strict=False):
        marks = css(li, "q.sentence mark")
        assert [m.text_content() for m in marks] == [c["quote"]]
        sentence = css(li, "q.sentence")[0].text_content()
        text = site.text(c["article_id"])
        assert sentence in text and c["quote"] in sentence
        link = css(li, "a.open")[0].get("href")
        m = HREF.match(link)
        assert m, link
        assert (m["id"], int(m["s"]), int(m["e"])) == (c["article_id"], c["char_start"],
                                                       c["char_end"])
        assert text[int(m["s"]):int(m["e"])] == c["quote"]
        outlet = css(li, ".outlet")[0].text_content()
        assert outlet == (c["outlet"] or outlet) and outlet


def visit_event(site: Site) -> str:
    rows = site.query("counts_around_event", event="visit", unit="attack")
    assert rows
    return str(rows[0]["event_id"])


def test_landing_lists_every_event_entity_and_article(seeds: Site) -> None:
    doc = seeds.page("/pages/")
    events = seeds.query("event_timeline", type="", **{"from": "", "to": ""})
    links = {a.get("href"): text_of(a) for a in css(doc, "#events a.event-link")}
    assert links == {f"/pages/events/{e['event_id']}": e["label"] for e in events}
    # the README's two clicks: the first event listed is the visit of counts_around_event
    first = css(doc, "#events a.event-link")[0].get("href")
    assert first == f"/pages/events/{visit_event(seeds)}"
    articles = seeds.cur.execute("SELECT article_id FROM articles").fetchall()
    hrefs = {a.get("href") for a in css(doc, "#articles a")}
    assert hrefs == {f"/pages/articles/{a}" for (a,) in articles}
    entities = seeds.cur.execute("SELECT count(*) FROM entities").fetchone()[0]
    assert len(css(doc, "#entities li")) == min(entities, 200)


def test_event_page_shows_counts_before_and_after_with_their_quotes(seeds: Site) -> None:
    event_id = visit_event(seeds)
    doc = seeds.page(f"/pages/events/{event_id}")
    event = [e for e in seeds.query("event_timeline", type="", **{"from": "", "to": ""})
             if e["event_id"] == event_id][0]
    assert text_of(css(doc, "h1")[0]) == event["label"]
    rows = [r for r in seeds.query("counts_around_event", event=event_id, unit="attack")
            if r["event_id"] == event_id]
    assert {r["period"] for r in rows} >= {"before", "after"}
    series = doc.xpath(".//div[@data-unit='attack']")[0]
    shown = css(series, "li.count-row")
    assert [text_of(css(li, ".period")[0]) for li in shown] == [r["period"] for r in rows]
    points = [a.get("href") for a in css(series, "svg a.point")]
    assert points == [f"#{li.get('id')}" for li in shown]  # each point opens its citations
    for li, r in zip(shown, rows, strict=True):
        check_citations(seeds, css(li, "li.citation"), r["citations"])
    before = [r for r in rows if r["period"] == "before"][0]
    assert "more than 20 attacks" in text_of(series)
    assert any("more than 20" in c["quote"] for c in before["citations"])


def test_event_page_who_where_sources_and_disagreements(seeds: Site) -> None:
    event_id = visit_event(seeds)
    doc = seeds.page(f"/pages/events/{event_id}")
    facts = {text_of(dt): dd for dt, dd in zip(css(doc, "dl.facts dt"),
                                                css(doc, "dl.facts dd"), strict=True)}
    who = {a.get("href") for a in css(facts["Who"], "a")}
    participants = seeds.cur.execute("SELECT entity_id FROM event_participants "
                                     "WHERE event_id = ?", [event_id]).fetchall()
    assert who == {f"/pages/entities/{e}" for (e,) in participants} and who
    mentions = seeds.query("fact_citations", kind="event", id=event_id)[0]["citations"]
    sources = {a.get("href") for a in css(facts["Articles"], "a")}
    assert sources == {f"/pages/articles/{c['article_id']}" for c in mentions}
    check_citations(seeds, css(doc, "#mentions li.citation"), mentions)
    disagreements = [d for d in seeds.query("disagreements", event=event_id)
                     if d["event_id"] == event_id]
    shown = css(doc, "#disagreements article.disagreement")
    assert [text_of(css(a, "h3")[0]) for a in shown] == [d["subject"] for d in
                                                             disagreements]
    for art, d in zip(shown, disagreements, strict=True):
        sides = css(art, ".side")
        assert [text_of(css(s, "h4")[0]) for s in sides] == [s["position"]
                                                                  for s in d["sides"]]
        for side, expected in zip(sides, d["sides"], strict=True):
            check_citations(seeds, css(side, "li.citation"), expected["citations"])


def test_disagreements_page_lists_every_side(seeds: Site) -> None:
    doc = seeds.page("/pages/disagreements")
    rows = seeds.query("disagreements", event="")
    shown = css(doc, "article.disagreement")
    assert [a.get("id") for a in shown] == [d["disagreement_id"] for d in rows]
    for art, d in zip(shown, rows, strict=True):
        for side, expected in zip(css(art, ".side"), d["sides"], strict=True):
            check_citations(seeds, css(side, "li.citation"), expected["citations"])


def test_entity_page_names_merges_claims_and_mentions(seeds: Site) -> None:
    speaker = seeds.cur.execute(
        "SELECT speaker_entity_id FROM claims WHERE speaker_entity_id IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    doc = seeds.page(f"/pages/entities/{speaker}")
    profile = [p for p in seeds.query("entity_profile", entity=speaker)
               if p["entity_id"] == speaker][0]
    assert text_of(css(doc, "h1")[0]) == profile["name"]
    names = [text_of(c) for c in css(doc, "dd.names .chip")]
    assert names == sorted({profile["name"], *profile["aliases"]})
    surfaces = dict(seeds.cur.execute("SELECT quote, count(*) FROM entity_mentions "
                                      "WHERE entity_id = ? GROUP BY 1", [speaker]).fetchall())
    merged = {text_of(css(tr, "td")[0]): int(text_of(css(tr, "td")[1]))
              for tr in css(doc, "#merge table tbody tr")}
    assert merged == surfaces
    claims = [c for c in seeds.query("claims_by_entity", entity=speaker)
              if c["speaker_entity_id"] == speaker]
    shown = css(doc, "#claims-by li.claim")
    assert len(shown) == len(claims) > 0
    for li, c in zip(shown, claims, strict=True):
        check_citations(seeds, css(li, "li.citation"), c["citations"])
    bars = css(doc, "#over-time svg .bar")
    per_day: dict[str, int] = {}
    for a in profile["articles"]:
        per_day[str(a["published_on"])] = per_day.get(str(a["published_on"]), 0) + a["mentions"]
    assert [text_of(css(b, "title")[0]) for b in bars] == [
        f"{d}: {n} mention{'s' if n != 1 else ''}" for d, n in sorted(per_day.items())]
    check_citations(seeds, css(doc, "#mentions li.citation"), profile["citations"])


def test_article_page_highlights_every_fact_and_greys_furniture(seeds: Site) -> None:
    article_id = seeds.cur.execute(
        "SELECT article_id FROM sentences WHERE role NOT IN ('headline', 'body') "
        "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    text = seeds.text(article_id)
    doc = seeds.page(f"/pages/articles/{article_id}")
    body = css(doc, ".article-text")[0]
    assert body.text_content() == text  # the whole text, nothing added or lost
    facts = seeds.query("article_facts", article=article_id)
    anchors = {a.get("id") for a in css(body, "span.anchor")}
    assert anchors == {f"c{f['char_start']}-{f['char_end']}" for f in facts}
    assert len(css(doc, "#facts tbody tr")) == len(facts)
    roles = seeds.cur.execute("SELECT role, char_start, char_end FROM sentences "
                              "WHERE article_id = ? ORDER BY char_start",
                              [article_id]).fetchall()
    sentences = css(body, "span.sent")
    assert [s.get("data-role") for s in sentences] == [r for r, _, _ in roles]
    for span, (role, start, end) in zip(sentences, roles, strict=True):
        assert span.text_content() == text[start:end]
        assert ("furniture" in span.get("class").split()) == (role not in ("headline", "body"))
    # every highlighted piece lies inside a fact of its kind
    for piece in css(body, "span.fact"):
        assert any(piece.text_content() in f["quote"] for f in facts)


def test_article_page_marks_the_cited_span(seeds: Site) -> None:
    row = seeds.query("counts_around_event", event="visit", unit="attack")[0]
    c = row["citations"][0]
    doc = seeds.page(f"/pages/articles/{c['article_id']}?at={c['char_start']}-{c['char_end']}")
    marks = css(doc, ".article-text mark.cited")
    assert "".join(m.text_content() for m in marks) == c["quote"]
    assert css(doc, f"#c{c['char_start']}-{c['char_end']}")
    # a span outside the text, or not START-END, is ignored
    for at in ("5-2", "0-99999999", "x", "-1-4"):
        doc = seeds.page(f"/pages/articles/{c['article_id']}?at={at}")
        assert not css(doc, "mark.cited")


def test_server_root_opens_the_pages(seeds: Site) -> None:
    r = seeds.client.get("/", follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (302, "/pages/")


@pytest.mark.parametrize("path", ["/pages/events/nope", "/pages/entities/nope",
                                  "/pages/articles/nope"])
def test_unknown_ids_are_html_404(seeds: Site, path: str) -> None:
    doc = seeds.page(path, status=404)
    assert text_of(css(doc, "h1")[0]).startswith("No such")


def test_stylesheet_is_packaged_and_pages_load_nothing_from_the_net(seeds: Site) -> None:
    r = seeds.client.get("/pages/static/pages.css")
    assert r.status_code == 200 and "article-text" in r.text
    for path in ("/pages/", f"/pages/events/{visit_event(seeds)}", "/pages/disagreements"):
        html = seeds.client.get(path).text
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
        assert "<script" not in html and " on" + "click=" not in html


HOSTILE = """\
Flood <script>alert("x")</script> closes the <b>harbour</b> road

At least 12 homes were flooded in Port <img src=x onerror=alert(1)> Vale on Tuesday, the
council said. "We closed the road <i>early</i>," said Mara Quill, the harbour master.
"""


def test_article_text_is_escaped(tmp_path: Path) -> None:
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE, encoding="utf-8")
    path = tmp_path / "hostile.duckdb"
    load([str(src)], Settings(db_path=str(path)))
    for site in _site(path):
        article_id = site.cur.execute("SELECT article_id FROM articles").fetchone()[0]
        r = site.client.get(f"/pages/articles/{article_id}")
        assert r.status_code == 200
        assert "<script" not in r.text and "<img" not in r.text and "<b>" not in r.text
        assert "&lt;script&gt;" in r.text
        doc = lxml.html.fromstring(r.text)
        assert css(doc, ".article-text")[0].text_content() == site.text(article_id)
        landing = site.client.get("/pages/").text
        assert "<script" not in landing and "<img" not in landing


def test_cluster_pages(cluster: Site) -> None:
    events = cluster.query("event_timeline", type="", **{"from": "", "to": ""})
    top = max(events, key=lambda e: (e["article_count"], e["mention_count"], e["event_id"]))
    doc = cluster.page(f"/pages/events/{top['event_id']}")
    assert text_of(css(doc, "h1")[0]) == top["label"]
    mentions = cluster.query("fact_citations", kind="event", id=top["event_id"])[0]
    check_citations(cluster, css(doc, "#mentions li.citation"), mentions["citations"])
    outlets = {c["outlet"] for c in mentions["citations"] if c["outlet"]}
    shown = {text_of(o) for o in css(doc, "#mentions .outlet")}
    assert outlets <= shown
    for (article_id,) in cluster.cur.execute("SELECT article_id FROM articles").fetchall():
        doc = cluster.page(f"/pages/articles/{article_id}")
        assert css(doc, ".article-text")[0].text_content() == cluster.text(article_id)
        facts = cluster.query("article_facts", article=article_id)
        assert len(css(doc, "#facts tbody tr")) == len(facts) > 0


def test_highlight_cuts_escapes_and_marks() -> None:
    """Overlapping facts split the text into pieces, each escaped and classed by the facts
    covering it; anchors at fact starts; furniture sentences classed; the marked span."""
    from api.pages.highlight import highlight

    text = "Rain hit Oslo. 5 <b>roads</b> shut."
    facts = [{"kind": "entity", "fact": "Oslo (GPE)", "char_start": 9, "char_end": 13},
             {"kind": "count", "fact": "5 road", "char_start": 15, "char_end": 29},
             {"kind": "claim", "fact": "x", "char_start": 15, "char_end": 35}]
    html = highlight(text, [(0, 14, "headline"), (15, 35, "caption")], facts, (17, 20))
    both = '<span class="fact k-claim k-count" title="count: 5 road; claim: x">'
    assert str(html) == (
        '<span class="sent role-headline" data-role="headline">Rain hit '
        '<span class="anchor" id="c9-13"></span>'
        '<span class="fact k-entity" title="entity: Oslo (GPE)">Oslo</span>.</span> '
        '<span class="sent furniture role-caption" data-role="caption">'
        '<span class="anchor" id="c15-29"></span><span class="anchor" id="c15-35"></span>'
        f'{both}5 </span><span class="anchor" id="c17-20"></span>'
        f'<mark class="cited">{both}&lt;b&gt;</span></mark>'
        f'{both}roads&lt;/b&gt;</span>'
        '<span class="fact k-claim" title="claim: x"> shut.</span></span>')


RAIL = """\
Northwind Rail cuts night trains

Northwind Rail said on Monday it would cut 14 night trains from March, blaming energy costs.
"We cannot run empty carriages," said Ilse Varga, the chief executive of Northwind Rail.
"""
UNIONS = """\
Unions protest NWR timetable

Unions said on Tuesday that NWR had not consulted staff before the timetable change.
NWR said the cuts would save money.
"""


def test_entity_page_shows_its_merge_judgement(tmp_path: Path) -> None:
    """A judgements file merges two names: the entity page shows both names as written,
    where each was found, and the judgement with the run that applied it."""
    (tmp_path / "rail.txt").write_text(RAIL, encoding="utf-8")
    (tmp_path / "unions.txt").write_text(UNIONS, encoding="utf-8")
    judgements = tmp_path / "judgements.yaml"
    judgements.write_text("merge:\n  - [Northwind Rail, NWR]\n", encoding="utf-8")
    path = tmp_path / "rail.duckdb"
    load([str(tmp_path / "rail.txt"), str(tmp_path / "unions.txt")],
         Settings(db_path=str(path), judgements_path=str(judgements)))
    for site in _site(path):
        rows = site.cur.execute("SELECT entity_id, name FROM entities WHERE list_contains("
                                "aliases, 'NWR')").fetchall()
        assert len(rows) == 1
        entity_id = rows[0][0]
        doc = site.page(f"/pages/entities/{entity_id}")
        names = [text_of(c) for c in css(doc, "dd.names .chip")]
        assert names == ["NWR", "Northwind Rail"]
        tables = css(doc, "#merge table")
        assert len(tables) == 2
        merged = {text_of(css(tr, "td")[0]): len(css(tr, "a"))
                  for tr in css(tables[0], "tbody tr")}
        assert merged == {"Northwind Rail": 1, "NWR": 1}
        run_id, note = site.cur.execute("SELECT run_id, note FROM entity_judgements").fetchone()
        shown = [[text_of(td) for td in css(tr, "td")] for tr in css(tables[1], "tbody tr")]
        assert len(shown) == 1
        assert shown[0][0].startswith(run_id)
        assert shown[0][1:] == ["merge", "Northwind Rail, NWR", "", note]
