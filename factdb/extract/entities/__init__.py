"""Entity mentions: the model's named entities, cleaned, re-typed by general rules, and
grouped within the article.

Only story sentences (headline and body) are read. Each mention's span covers the name
alone: a leading "the", titles ("Brig. Gen.", "Prime Minister") and a possessive 's are
left out; the title goes to its own column. The small spaCy model mislabels many names
in news (a surname tagged ORG, a militia tagged PERSON, a town tagged PERSON, a name cut
in two), so its label is corrected by rules that hold in any English news text: head-words
("... Forces", "... River"), titles, appositives (", the group", ", who"), nouns before
and after ("militia leader X", "X fighters"), place prepositions ("near X"), lists,
pronouns ("X announced the suspension of its ..."), and the names of people named in the
same article. The rule that decided is recorded in ``label_source``. Names the model
missed are added when the same form was labelled elsewhere in the article, or when they
end in an organisation head-word. Mentions of one thing inside an article (a surname after
the full name, an acronym after its expansion, "X (Y)", "X, also known as Y") share a
``local_key``, which ``factdb.resolve.entities`` links across articles.
"""

from __future__ import annotations

import re
from typing import Any

from factdb.extract.context import ArticleContext
from factdb.extract.entities.local import (
    _aliases,
    _group,
    _harmonise,
    _nicknames,
    _person_names,
    agree_in_groups,
)
from factdb.extract.entities.mentions import (
    Article,
    Mention,
    _headline_names,
    _model_mentions,
    _tidy,
)
from factdb.extract.entities.recovery import _extend_names, _missed_names, _recover
from factdb.extract.entities.references import references
from factdb.extract.entities.typing import _given_name, _known_place, _lists, _type_by_context
from factdb.extract.provenance import provenance
from factdb.lang.entity_types import (
    CONFIDENCE,
    CONTEXT,
    EXTRACTOR,
    MODEL,
    NAME_LINK,
    ORG_HEADS,
    PLACE_HINT,
    RECOVERED_CONFIDENCE,
    STRONG,
)
from factdb.lang.gazetteer import place_kind


def extract(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    """Entity mentions of one article's story sentences, grouped within the article."""
    doc = ctx.doc
    if doc is None:
        return {"entity_mentions": [], "entity_references": []}
    art = Article(ctx, doc)
    mentions = _missed_names(art, _model_mentions(art))
    _extend_names(art, mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    for m in mentions:
        _type_by_context(art, m)
        _given_name(m)
    surnames = frozenset(m.surface.split()[-1].lower() for m in mentions
                         if m.label == "PERSON" and len(m.words) > 1)
    for m in mentions:
        _known_place(m, surnames)
    mentions = _headline_names(art, _org_of_place(art, _outside_titles(
        art.text, _tidy(art, mentions))))
    for m in mentions:
        _part_of_country(art, m)
    _lists(art.text, mentions)
    links: list[tuple[Mention, Mention]] = []
    mentions = _nicknames(art, _aliases(art, mentions, links), links)
    _harmonise(mentions)
    _person_names(mentions)
    mentions, recovered = _recover(art, mentions)
    if recovered:
        for m in recovered:
            _type_by_context(art, m)
            _given_name(m)
            _known_place(m, surnames)
        _harmonise(mentions)
        _person_names(mentions)
    index = {id(m): i for i, m in enumerate(mentions)}
    pairs = [(index[id(a)], index[id(b)]) for a, b in links if id(a) in index and id(b) in index]
    groups = _group(mentions, pairs)
    agree_in_groups(mentions, groups)
    rows = _rows(ctx, mentions, groups)
    return {"entity_mentions": rows, "entity_references": references(ctx, rows)}


def _outside_titles(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop a name that is a word of a person's title ("Defence" of "Defence Minister
    Jane Roe", which the model may tag an organisation): the title is part of the
    person's mention, not an entity of its own."""
    spans = []
    for m in mentions:
        if m.label == "PERSON" and m.title:
            start = text.rfind(m.title.split()[0], max(0, m.start - len(m.title) - 8), m.start)
            if start >= 0:
                spans.append((start, m.start))
    return [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in spans)]


_OF_PLACE = re.compile(r" of (?:the )?(?P<place>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2})")


def _org_of_place(art: Article, mentions: list[Mention]) -> list[Mention]:
    """An organisation named with the country or region it belongs to ("the Bar Association of
    X", "the National Electoral Board of X"): one name, where the model cut
    it before "of". The place must be a mention typed a place or a country's or region's
    name, and the organisation's name must end in an organisation's head word."""
    text = art.text
    places = {(m.start, m.end): m for m in mentions if m.label in ("GPE", "LOC")}
    out: list[Mention] = []
    dropped: set[int] = set()
    for m in mentions:
        if id(m) in dropped:
            continue
        of = _OF_PLACE.match(text, m.end) if m.label == "ORG" and \
            m.surface.split()[-1].lower() in ORG_HEADS else None
        if of is not None and of.end() <= m.sentence.char_end:
            place = places.get((of.start("place"), of.end("place")))
            if place is not None or place_kind(of.group("place")) is not None:
                m.end = of.end()
                art.locate(m)
                m.rename(text)
                if place is not None:
                    dropped.add(id(place))
        out.append(m)
    return [m for m in out if id(m) not in dropped]


_DIRECTION = re.compile(r"(?:North|South|East|West|Central)(?:ern)?(?:-?(?:east|west)(?:ern)?)?"
                        r"\s+", re.IGNORECASE)


def _part_of_country(art: Article, m: Mention) -> None:
    """"Northern X", "eastern X", X a country: a part of a country named by its
    direction is the country (the name is the country's; "North Korea" or "South Sudan",
    countries of their own, stay as they are)."""
    d = _DIRECTION.match(art.text, m.start, m.end)
    rest = art.text[d.end():m.end] if d else ""
    if d is None or place_kind(m.surface) is not None or place_kind(rest) != "country":
        return
    m.start = d.end()
    art.locate(m)
    m.rename(art.text)
    m.set_label("GPE", "rule:known-place", CONTEXT)


#: What each evidence weight (Mention.weight) says about the evidence for the name's type.
WEIGHT_REASONS = {
    STRONG: "strong evidence",
    NAME_LINK: "another form of the same name in the article",
    CONTEXT: "the words around the name",
    PLACE_HINT: "a place hint",
    MODEL: "no stronger evidence",
}


def _reason(m: Mention) -> str:
    """What set a mention's confidence: how it was found and what gave its type."""
    if m.source == "rule:recovered":
        return ("a name the model missed, recovered because the article names it elsewhere "
                f"({m.label})")
    if m.source == "model" and m.weight == MODEL:
        return f"{m.label} from the language model's label"
    by = ("from the language model's label" if m.source == "model" else
          f"by the rule '{m.source.removeprefix('rule:')}'")
    why = WEIGHT_REASONS.get(m.weight, "weak evidence: the model's label did not fit the span")
    return f"{m.label} {by} ({why})"


def _rows(ctx: ArticleContext, mentions: list[Mention], groups: list[int]) -> list[dict[str, Any]]:
    local: dict[int, str] = {}
    rows = []
    for n, (m, g) in enumerate(zip(mentions, groups, strict=True)):
        key = local.setdefault(g, f"{ctx.article_id}:L{len(local) + 1}")
        confidence = RECOVERED_CONFIDENCE if m.source == "rule:recovered" else \
            CONFIDENCE.get(m.weight, 0.7)
        row = provenance(ctx, m.start, m.end, EXTRACTOR, confidence, _reason(m))
        row.update({
            "mention_id": f"{ctx.article_id}:m{n}",
            "entity_id": key,
            "local_key": key,
            "title": m.title,
            "mention_type": m.label,
            "model_label": m.model_label,
            "label_source": m.source,
            "surface": m.surface,
            "name_key": m.key,
        })
        rows.append(row)
    return rows
