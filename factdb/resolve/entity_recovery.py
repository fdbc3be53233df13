"""Names the model missed in one article, found because the same form was labelled in
another article of the corpus (run by the entity resolver before it clusters).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict
from typing import Any

import duckdb

from factdb import db
from factdb.lang.entity_types import (
    EXTRACTOR,
    best_label,
)
from factdb.lang.names import (
    match_key,
    normalise,
)
from factdb.runs import Run

# --- names the model missed, found by forms labelled elsewhere in the corpus ------------------

CORPUS_SOURCE = "rule:corpus"
CORPUS_CONFIDENCE = 0.5
_RUN = re.compile(r"[A-Z][\w'’.&-]*(?:\s+(?:(?:of|for|and|the|al|el|bin|ibn|de)\s+)*"
                  r"[A-Z][\w'’.&-]*)*")
_WORDS = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['’]s?$")


def recover_in_corpus(con: duckdb.DuckDBPyConnection, run: Run) -> int:
    """Add mentions of names labelled in some articles where the model missed them in
    others (story sentences only). Recomputed on every load; returns the number added."""
    con.execute("DELETE FROM entity_mentions WHERE label_source = ?", [CORPUS_SOURCE])
    forms = _corpus_forms(con)
    if not forms:
        return 0
    longest = min(6, max(len(f.split()) for f in forms))
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    units: dict[tuple[str, str], str] = {}
    for aid, start, end, key, local in con.execute(
            "SELECT article_id, char_start, char_end, name_key, local_key FROM entity_mentions "
            "ORDER BY article_id, char_start").fetchall():
        taken[aid].append((start, end))
        if key and local:
            units.setdefault((aid, key), local)
    story: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for aid, start, end, sid in con.execute(
            "SELECT article_id, char_start, char_end, sentence_id FROM sentences "
            "WHERE role IN ('body', 'headline') ORDER BY article_id, char_start").fetchall():
        story[aid].append((start, end, sid))
    rows: list[dict[str, Any]] = []
    for aid, text in con.execute("SELECT article_id, text FROM articles").fetchall():
        sentences = story.get(aid)
        if sentences:
            rows.extend(_recover_article(aid, text, sentences, sorted(taken.get(aid, [])),
                                         forms, longest, units, run.run_id))
    db.insert_rows(con, "entity_mentions", rows)
    return len(rows)


def _corpus_forms(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Forms worth looking for: every multi-word name, and one-word names labelled at least
    twice; each with the type most of its mentions have."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for quote, label, n in con.execute(
            "SELECT quote, mention_type, count(*) FROM entity_mentions "
            "WHERE mention_type IS NOT NULL GROUP BY ALL").fetchall():
        votes[quote][label] += n
    forms = {}
    for quote, c in votes.items():
        if len(quote) < 3 or not quote[0].isupper() or "\n" in quote:
            continue
        if " " not in quote and sum(c.values()) < 2:
            continue
        forms[quote] = best_label(c)
    return forms


def _recover_article(aid: str, text: str, sentences: list[tuple[int, int, str]],
                     taken: list[tuple[int, int]], forms: dict[str, str], longest: int,
                     units: dict[tuple[str, str], str], run_id: str) -> list[dict[str, Any]]:
    starts = [s for s, _, _ in sentences]
    rows = []
    for run in _RUN.finditer(text):
        words = [(w.start(), w.end()) for w in _WORDS.finditer(text, run.start(), run.end())]
        i = 0
        while i < len(words):
            found = None
            for n in range(min(longest, len(words) - i), 0, -1):
                a, b = words[i][0], words[i + n - 1][1]
                poss = _POSSESSIVE.search(text, a, b)
                if poss and poss.start() > a:
                    b = poss.start()
                form = text[a:b].rstrip(".,;:")
                b = a + len(form)
                if form in forms:
                    found = (n, a, b, form)
                    break
            if found is None:
                i += 1
                continue
            n, a, b, form = found
            i += n
            k = bisect.bisect_right(starts, a) - 1
            if k < 0 or b > sentences[k][1] or _overlaps(taken, a, b):
                continue
            if n == 1:
                if len(words) > 1 or text[sentences[k][0]:a].strip(" \"'“‘(") == "":
                    continue  # one word inside a longer name, or opening its sentence
                if re.search(r"(?<![\w-])" + re.escape(form.lower()) + r"(?![\w-])",
                             text) or not form[0].isupper():
                    continue  # also an ordinary word in this article
            surface = normalise(form)
            key = match_key(surface)
            local = units.setdefault(
                (aid, key), f"{aid}:C{hashlib.sha1(key.encode()).hexdigest()[:8]}")
            rows.append({
                "mention_id": f"{aid}:c{a}", "entity_id": local, "article_id": aid,
                "sentence_id": sentences[k][2], "char_start": a, "char_end": b, "quote": form,
                "extractor": EXTRACTOR, "confidence": CORPUS_CONFIDENCE,
                "confidence_reason": "a name the model missed, recovered because another "
                                     "article of the corpus names it", "run_id": run_id,
                "title": None, "mention_type": forms[form], "surface": surface,
                "label_source": CORPUS_SOURCE, "model_label": None, "local_key": local,
                "name_key": key,
            })
            taken = sorted([*taken, (a, b)])
    return rows


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    i = bisect.bisect_left(spans, (a, a))
    if i > 0 and spans[i - 1][1] > a:
        return True
    return i < len(spans) and spans[i][0] < b
