"""The Datasette plugin that shows citations as a person reads them, and the column labels.

A citation list (JSON text in the SQLite copy: the ``citations`` columns of the answer
tables and canned queries, built by the schema macro ``factdb_citation``) is rendered as
one block per citation: the outlet and publication date, the sentence with the cited
words in ``<mark>``, and a link to the article view at that offset (``article_view``, a
page of the factdb server) with a link to the article's Datasette row beside it. Lists
of sides (``disagreements.sides``: each side with its position and citations) are
rendered side by side the same way. Any other value is left to Datasette.

The stylesheet (served at ``/-/factdb-citations.css``) wraps the text of the cells so
that a row with citations fits in 1280 px without scrolling sideways. Column headers get
their human label (from the metadata's column descriptions, ``Label: description``) by a
small script; the column name stays in the header's title.

Like factdb.publish.sqlite_functions, this module depends only on the standard library,
Datasette and markupsafe: `factdb publish` copies it into the publish directory
(plugins/), so a plain `datasette serve` of that directory renders citations too.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

CSS_PATH = "/-/factdb-citations.css"
#: The marks around matched words in a search snippet (control characters, never HTML).
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"
#: The keys that make a JSON object a citation (factdb_citation's first fields).
CITATION_KEYS = frozenset({"article_id", "quote", "char_start", "char_end"})
#: Longest JSON text parsed for rendering (longer values are left to Datasette).
MAX_JSON_CHARS = 2_000_000

CSS = """
.rows-and-columns td { white-space: normal; overflow-wrap: break-word; }
.factdb-citations { display: flex; flex-direction: column; gap: 0.5em; margin: 0;
  padding: 0; list-style: none; white-space: normal; }
.factdb-citation { display: block; list-style: none; border-left: 3px solid #c8a400;
  padding: 0.1em 0 0.1em 0.6em; margin: 0; line-height: 1.35; max-width: 60em; }
.factdb-source { font-size: 0.85em; color: #444; }
.factdb-outlet { font-weight: bold; }
.factdb-sentence { margin: 0.15em 0; font-style: normal; }
.factdb-sentence mark, .factdb-snippet mark { background: #ffe58a; padding: 0 0.1em; }
.factdb-links { font-size: 0.8em; }
.factdb-side { margin-bottom: 0.6em; }
.factdb-side-label { font-weight: bold; }
/* a table with citations: one card per row, its cells side by side and wrapped, the
   citations on their own full-width line, so nothing sits off-screen at 1280 px */
table.factdb-cards, table.factdb-cards > tbody { display: block; width: 100%; }
table.factdb-cards > thead { display: none; }
table.factdb-cards tr { display: flex; flex-wrap: wrap; gap: 0.2em 1.4em;
  border: 1px solid #ccc; border-radius: 8px; margin-bottom: 1em; padding: 0.5em 0.8em;
  background: white; }
table.factdb-cards td { display: block; border: none; padding: 0; max-width: 100%;
  min-width: 0; }
table.factdb-cards td::before { content: attr(data-label); display: block;
  font-size: 0.75em; color: #666; }
table.factdb-cards td.factdb-citations-td { flex-basis: 100%; }
"""

#: Column headers: each header's text becomes its label (the part of the column description
#: before ": "; else the name with spaces), the column name stays in the title. A table
#: with citations becomes cards (CSS above): each cell gets its column's label.
LABEL_SCRIPT = """
document.querySelectorAll('table.rows-and-columns').forEach(function (table) {
  var labels = [];
  table.querySelectorAll('thead th').forEach(function (th) {
    var d = th.getAttribute('data-column-description') || '', i = d.indexOf(': ');
    var name = th.getAttribute('data-column') || th.textContent.trim();
    var label = i > 0 ? d.slice(0, i) : name.replace(/_/g, ' ');
    var target = th.querySelector('a') || th;
    if (i > 0 && target.childNodes.length && target.childNodes[0].nodeType === 3) {
      target.childNodes[0].nodeValue = label + ' ';
      th.title = name + ': ' + d.slice(i + 2);
    }
    labels.push(label);
  });
  if (!table.querySelector('.factdb-citations-cell')) { return; }
  table.querySelectorAll('tbody tr').forEach(function (tr) {
    Array.prototype.forEach.call(tr.children, function (td, n) {
      td.setAttribute('data-label', labels[n] || '');
      if (td.querySelector('.factdb-citations-cell')) { td.classList.add('factdb-citations-td'); }
    });
  });
  table.classList.add('factdb-cards');
});
"""


def snippet_html(value: str) -> Markup:
    """A search snippet (the matched words between \\x02 and \\x03, as the canned search
    query writes them) with the words in <mark>; the rest escaped."""
    parts = []
    for i, piece in enumerate(value.replace(MARK_CLOSE, MARK_OPEN).split(MARK_OPEN)):
        parts.append(Markup("<mark>{}</mark>").format(piece) if i % 2 else escape(piece))
    return Markup('<span class="factdb-snippet">{}</span>').format(Markup("").join(parts))


def is_citation(value: Any) -> bool:
    return isinstance(value, dict) and CITATION_KEYS <= value.keys()


def parse(value: Any) -> Any:
    """The JSON value of a cell that holds JSON text of a list, else None."""
    if not isinstance(value, str) or not value.startswith("[") or len(value) > MAX_JSON_CHARS:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


def marked_sentence(citation: dict[str, Any]) -> Markup:
    """The sentence with the quote in <mark> (the quote alone when there is no sentence, or
    when the marks do not give the quote back)."""
    quote = str(citation.get("quote") or "")
    sentence, start, end = (citation.get("sentence"), citation.get("mark_start"),
                            citation.get("mark_end"))
    if (isinstance(sentence, str) and isinstance(start, int) and isinstance(end, int)
            and 0 <= start <= end <= len(sentence) and sentence[start:end] == quote):
        return (escape(sentence[:start]) + Markup("<mark>") + escape(sentence[start:end])
                + Markup("</mark>") + escape(sentence[end:]))
    return Markup("<mark>") + escape(quote) + Markup("</mark>")


def source_line(citation: dict[str, Any]) -> Markup:
    url = citation.get("url")
    host = urlsplit(url).hostname if isinstance(url, str) else None
    outlet = citation.get("outlet") or host or "outlet unknown"
    parts = [Markup('<span class="factdb-outlet">{}</span>').format(outlet)]
    if citation.get("published_on"):
        parts.append(Markup("<time>{}</time>").format(citation["published_on"]))
    return Markup(" · ").join(parts)


def citation_html(citation: dict[str, Any], row_url: str | None) -> Markup:
    start, end = citation.get("char_start"), citation.get("char_end")
    links = []
    view = citation.get("article_view")
    if isinstance(view, str) and view.startswith("/") and not view.startswith("//"):
        links.append(Markup('<a href="{}">article at {}–{}</a>').format(view, start, end))
    if row_url:
        links.append(Markup('<a href="{}">article row</a>').format(row_url))
    url = citation.get("url")
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        links.append(Markup('<a href="{}" rel="noopener noreferrer">source</a>').format(url))
    return Markup(
        '<li class="factdb-citation"><div class="factdb-source">{}</div>'
        '<blockquote class="factdb-sentence">{}</blockquote>'
        '<div class="factdb-links">{}</div></li>').format(
            source_line(citation), marked_sentence(citation), Markup(" · ").join(links))


def citations_html(citations: list[dict[str, Any]], row_url: Any) -> Markup:
    items = Markup("").join(citation_html(c, row_url(c.get("article_id"))) for c in citations)
    return Markup('<ul class="factdb-citations">{}</ul>').format(items)


def side_label(side: dict[str, Any]) -> str:
    label = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in side.items()
                      if k != "citations" and isinstance(v, str | int | float)
                      and not isinstance(v, bool))
    return label or "side"


def render(value: Any, row_url: Any) -> Markup | None:
    """The HTML of a cell value, or None when it is not a list of citations or of sides."""
    items = parse(value)
    if not isinstance(items, list) or not items:
        return None
    if all(is_citation(c) for c in items):
        return citations_html(items, row_url)
    if all(isinstance(s, dict) and isinstance(s.get("citations"), list)
           and all(is_citation(c) for c in s["citations"]) for s in items):
        return Markup("").join(
            Markup('<div class="factdb-side"><div class="factdb-side-label">{}</div>{}</div>')
            .format(side_label(s), citations_html(s["citations"], row_url)) for s in items)
    return None


@hookimpl  # type: ignore[untyped-decorator]
def render_cell(value: Any, column: str, table: str | None, database: str,
                datasette: Any) -> Markup | None:
    if isinstance(value, str) and MARK_OPEN in value:
        return snippet_html(value)
    if not isinstance(value, str) or '"quote"' not in value:
        return None

    def row_url(article_id: Any) -> str | None:
        if not isinstance(article_id, str):
            return None
        return str(datasette.urls.row(database, "articles", article_id))

    html = render(value, row_url)
    if html is None:
        return None
    return Markup('<div class="factdb-citations-cell" data-column="{}">{}</div>').format(
        column, html)


@hookimpl  # type: ignore[untyped-decorator]
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.path(CSS_PATH)]


@hookimpl  # type: ignore[untyped-decorator]
def extra_body_script() -> str:
    return LABEL_SCRIPT


async def _stylesheet() -> Response:
    return Response(CSS, content_type="text/css; charset=utf-8",
                    headers={"Cache-Control": "max-age=3600"})


@hookimpl  # type: ignore[untyped-decorator]
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^" + CSS_PATH.replace("-", r"\-").replace(".", r"\.") + "$", _stylesheet)]
