"""What the scorers and the tests share: repository paths and an ArticleContext built from a
small text, as the loader would build it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from factdb.extract.context import ArticleContext
from factdb.ingest.records import SourceDoc, story_text
from factdb.ingest.segment import segment
from factdb.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
#: the five format retellings (md, html, json, front matter, datelines)
FORMATS = ROOT / "tests" / "fixtures" / "formats"
FIXTURES = ROOT / "tests" / "fixtures"
#: ../shared next to the checkout: the seed articles, realnews and the public benchmarks
SHARED = ROOT.parent / "shared"


def make_context(text: str, published: date | None = None, title: str | None = None,
                 with_doc: bool = False, outlet: str | None = None) -> ArticleContext:
    """An ArticleContext for one text, as the loader would build it."""
    doc = SourceDoc(source_uri="test.txt", source_format="txt", text=text, title=title)
    ctx = ArticleContext(article_id=doc.article_id, text=text, sentences=segment(text, title),
                         published_on=published, published_basis="metadata" if published
                         else None, run_id="run-test", outlet=outlet)
    if with_doc:
        from factdb.nlp import load_model

        ctx.doc = load_model(Settings().spacy_models)(story_text(text, ctx.sentences))
    return ctx
