"""Names the model missed in one article, found because the same form was labelled in
another article of the corpus (run by the entity resolver before it clusters).

Incremental: an article's recovered mentions depend only on its own text, sentences and
mentions and on the corpus's forms (form -> type). The forms of the last load are kept
(entity_recovery_forms, migration 031), so a load scans its own new articles and the stored
articles whose text holds a form that was added, dropped or typed otherwise; every other
article keeps its recovered mentions, which are the ones a scan would find again. With no
kept forms (a first load, other rules) every article is scanned: the whole-corpus run is
the incremental run with every article touched (docs/scale.md).
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import inspect
import re
import sys
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


def recover_in_corpus(con: duckdb.DuckDBPyConnection, run: Run) -> set[str] | None:
    """Add mentions of names labelled in some articles where the model missed them in
    others (story sentences only), in the articles this load can change (see the module
    docstring); returns the articles whose recovered mentions changed (None: every
    article was scanned, none is known unchanged)."""
    forms = _corpus_forms(con)
    todo = _articles_to_scan(con, run, forms)
    if todo is None:
        con.execute("CREATE OR REPLACE TEMP TABLE _recovery_todo AS SELECT article_id "
                    "FROM articles")
    else:
        _temp_list(con, "_recovery_todo", "article_id", sorted(todo))
    try:
        _keep_forms(con, forms)
        changed = _recover(con, run, forms)
        return None if todo is None else changed
    finally:
        con.execute("DROP TABLE IF EXISTS temp.main._recovery_todo")


_COMPARED = ("mention_id", "sentence_id", "char_start", "char_end", "quote", "mention_type",
             "surface", "local_key", "name_key")


def _recover(con: duckdb.DuckDBPyConnection, run: Run, forms: dict[str, str]) -> set[str]:
    """Recover the mentions of the articles in _recovery_todo; the articles whose recovered
    mentions changed are rewritten (the others keep their rows, entity and run) and
    returned."""
    old: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for row in con.execute(
            f"SELECT article_id, {', '.join(_COMPARED)} FROM entity_mentions "
            "WHERE label_source = ? AND article_id IN "
            "(SELECT article_id FROM temp.main._recovery_todo)", [CORPUS_SOURCE]).fetchall():
        old[row[0]].add(tuple(row[1:]))
    rows = _recovered(con, run, forms) if forms else []
    new: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for r in rows:
        new[r["article_id"]].add(tuple(r[c] for c in _COMPARED))
    changed = {a for a in old.keys() | new.keys() if old.get(a) != new.get(a)}
    _temp_list(con, "_recovery_changed", "article_id", sorted(changed))
    con.execute("DELETE FROM entity_mentions WHERE label_source = ? AND article_id IN "
                "(SELECT article_id FROM temp.main._recovery_changed)", [CORPUS_SOURCE])
    con.execute("DROP TABLE temp.main._recovery_changed")
    db.insert_rows(con, "entity_mentions", [r for r in rows if r["article_id"] in changed])
    return changed


def _recovered(con: duckdb.DuckDBPyConnection, run: Run,
               forms: dict[str, str]) -> list[dict[str, Any]]:
    longest = min(6, max(len(f.split()) for f in forms))
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    units: dict[tuple[str, str], str] = {}
    for aid, start, end, key, local in con.execute(
            "SELECT article_id, char_start, char_end, name_key, local_key FROM entity_mentions "
            "WHERE article_id IN (SELECT article_id FROM temp.main._recovery_todo) "
            "AND label_source IS DISTINCT FROM ? ORDER BY article_id, char_start",
            [CORPUS_SOURCE]).fetchall():
        taken[aid].append((start, end))
        if key and local:
            units.setdefault((aid, key), local)
    story: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for aid, start, end, sid in con.execute(
            "SELECT article_id, char_start, char_end, sentence_id FROM sentences "
            "WHERE role IN ('body', 'headline') AND article_id IN "
            "(SELECT article_id FROM temp.main._recovery_todo) "
            "ORDER BY article_id, char_start").fetchall():
        story[aid].append((start, end, sid))
    rows: list[dict[str, Any]] = []
    for aid, text in con.execute("SELECT article_id, text FROM articles WHERE article_id IN "
                                 "(SELECT article_id FROM temp.main._recovery_todo)").fetchall():
        sentences = story.get(aid)
        if sentences:
            rows.extend(_recover_article(aid, text, sentences, sorted(taken.get(aid, [])),
                                         forms, longest, units, run.run_id))
    return rows


@functools.cache
def rules_digest() -> str:
    """A digest of the code that decides what is recovered (this module and the name
    keys): kept forms made by other rules are not trusted."""
    from factdb.lang import names

    code = inspect.getsource(sys.modules[__name__]) + inspect.getsource(names)
    return hashlib.sha1(code.encode()).hexdigest()[:16]


def _articles_to_scan(con: duckdb.DuckDBPyConnection, run: Run,
                      forms: dict[str, str]) -> set[str] | None:
    """The articles whose recovered mentions can differ from the kept ones (None: every
    article): the load's own articles, and those whose text holds a changed form. A match
    needs the form in the text, and the longest form tried only grows or shrinks by forms
    that changed, so no other article can find another mention."""
    kept = dict(con.execute("SELECT form, entity_type FROM entity_recovery_forms "
                            "WHERE rules = ?", [rules_digest()]).fetchall())
    if not kept:
        return None
    changed = sorted(f for f in forms.keys() | kept.keys() if forms.get(f) != kept.get(f))
    todo = {str(r[0]) for r in con.execute(
        "SELECT article_id FROM articles WHERE run_id = ?", [run.run_id]).fetchall()}
    if changed:
        _temp_list(con, "_recovery_changed", "form", changed)
        todo |= {str(r[0]) for r in con.execute(
            "SELECT DISTINCT a.article_id FROM articles a JOIN temp.main._recovery_changed c "
            "ON contains(a.text, c.form)").fetchall()}
        con.execute("DROP TABLE temp.main._recovery_changed")
    return todo


def _temp_list(con: duckdb.DuckDBPyConnection, table: str, column: str,
               values: list[str]) -> None:
    import pyarrow as pa

    con.register("_recovery_values", pa.table({column: pa.array(values, pa.string())}))
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS FROM _recovery_values")
    finally:
        con.unregister("_recovery_values")


def _keep_forms(con: duckdb.DuckDBPyConnection, forms: dict[str, str]) -> None:
    con.execute("DELETE FROM entity_recovery_forms")
    rules = rules_digest()
    db.insert_rows(con, "entity_recovery_forms", [
        {"form": f, "entity_type": t, "rules": rules} for f, t in sorted(forms.items())])


def _corpus_forms(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Forms worth looking for: every multi-word name, and one-word names labelled at least
    twice; each with the type most of its mentions have (recovered mentions do not vote)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for quote, label, n in con.execute(
            "SELECT quote, mention_type, count(*) FROM entity_mentions "
            "WHERE mention_type IS NOT NULL AND label_source IS DISTINCT FROM ? "
            "GROUP BY ALL", [CORPUS_SOURCE]).fetchall():
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
    for words in _runs_by_sentence(text, starts, sentences):
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


def _runs_by_sentence(text: str, starts: list[int], sentences: list[tuple[int, int, str]],
                      ) -> list[list[tuple[int, int]]]:
    """The words of each run of capitalised words, a run cut where a sentence ends ("the
    exchange XYZ. He was": "XYZ" is a name of its own, not a word of "XYZ. He")."""
    out = []
    for run in _RUN.finditer(text):
        words = [(w.start(), w.end()) for w in _WORDS.finditer(text, run.start(), run.end())]
        part: list[tuple[int, int]] = []
        sentence = None
        for w in words:
            k = bisect.bisect_right(starts, w[0]) - 1
            if part and k != sentence:
                out.append(part)
                part = []
            part.append(w)
            sentence = k
        if part:
            out.append(part)
    return out


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    i = bisect.bisect_left(spans, (a, a))
    if i > 0 and spans[i - 1][1] > a:
        return True
    return i < len(spans) and spans[i][0] < b
