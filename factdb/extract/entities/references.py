"""Pronouns and title-only descriptions linked to the name they refer back to.

"he", "him", "his", "she", "her", "hers", "himself", "herself" refer to the last person
named before them in the article; "the commander", "the minister" (a person's role noun)
to the last person named whose title has that word, else the last person named; "the
group", "the militia" (a group noun) to the last organisation named. Only story sentences
are read, and a reference inside a quotation is left alone (the speaker's "he" is not the
reporter's). They are rows of ``entity_references``, never of ``entity_mentions``: a
reference is not a name.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from factdb.extract.context import ArticleContext
from factdb.extract.provenance import provenance
from factdb.lang.entity_types import EXTRACTOR, GROUP_NOUNS, PERSON_NOUNS, type_class

#: how confident a link to the last compatible name is
REFERENCE_CONFIDENCE = 0.5
_PERSONAL = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.I)
_DESCRIPTION = re.compile(r"\b[Tt]he\s+(?P<noun>[a-z]+)\b")
#: role nouns that name one person after "the" without a name ("the commander")
_ROLE_NOUNS = PERSON_NOUNS - {"man", "woman", "boy", "girl", "son", "daughter", "wife",
                              "husband", "brother", "sister", "father", "mother", "victim",
                              "survivor", "star", "champion", "player"}
_QUOTE_MARKS = "\"“”"


def references(ctx: ArticleContext, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of entity_references for one article, given its entity_mentions rows."""
    named: list[tuple[int, dict[str, Any]]] = sorted(
        ((m["char_start"], m) for m in mentions), key=lambda t: t[0])
    starts = [s for s, _ in named]
    taken = [(m["char_start"], m["char_end"]) for _, m in named]
    rows: list[dict[str, Any]] = []
    text = ctx.text
    for sentence in ctx.story_sentences():
        found: list[tuple[int, int, str, str]] = []
        for p in _PERSONAL.finditer(text, sentence.char_start, sentence.char_end):
            found.append((p.start(), p.end(), "pronoun", "PERSON"))
        for d in _DESCRIPTION.finditer(text, sentence.char_start, sentence.char_end):
            noun = d.group("noun")
            after = text[d.end():d.end() + 2]
            if after[:1] == "'" or after.strip()[:1].isupper() or after.startswith(" of"):
                continue  # "the commander's", "the minister Jane Roe", "the head of ..."
            if noun in _ROLE_NOUNS:
                found.append((d.start(), d.end(), "description", "PERSON"))
            elif noun in GROUP_NOUNS:
                found.append((d.start(), d.end(), "description", "ORG"))
        for start, end, kind, wanted in sorted(found):
            if _quoted(text, sentence.char_start, start) or _inside(taken, start, end):
                continue
            word = text[start:end].split()[-1].lower()
            antecedent = _antecedent(named, starts, start, wanted, word)
            if antecedent is None:
                continue
            what = "person" if wanted == "PERSON" else "organisation"
            why = f"a {kind}, linked to the last {what} named before it"
            row = provenance(ctx, start, end, EXTRACTOR, REFERENCE_CONFIDENCE,
                             f"{why} ('{antecedent['quote']}')")
            row.update({
                "reference_id": f"{ctx.article_id}:r{len(rows)}",
                "reference_type": kind,
                "antecedent_mention_id": antecedent["mention_id"],
                "entity_id": antecedent["entity_id"],
            })
            rows.append(row)
    return rows


def _antecedent(named: list[tuple[int, dict[str, Any]]], starts: list[int], pos: int,
                wanted: str, word: str) -> dict[str, Any] | None:
    """The last named mention of the wanted class before pos; for a role noun, the last
    one whose title has the noun when there is one."""
    i = bisect.bisect_left(starts, pos)
    fallback: dict[str, Any] | None = None
    for k in range(i - 1, -1, -1):
        m: dict[str, Any] = named[k][1]
        if type_class(m["mention_type"] or "") != wanted or m["char_end"] > pos:
            continue
        if wanted != "PERSON" or word not in _ROLE_NOUNS:
            return m
        if word in (m["title"] or "").lower():
            return m
        fallback = fallback or m
    return fallback


def _quoted(text: str, sentence_start: int, pos: int) -> bool:
    """Is pos inside a quotation opened in its sentence (an odd number of quote marks
    before it)?"""
    return sum(text.count(q, sentence_start, pos) for q in _QUOTE_MARKS) % 2 == 1


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s < b and a < e for s, e in spans)
