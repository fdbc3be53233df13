"""Event mentions: typed triggers from the event lexicon, with within-article coreference.

A trigger is a token whose lemma is in the lexicon (nouns name an event, verbs report
one). Each mention gets a local event key: a mention with its own date in the sentence
starts (or joins) the article's event of that type and date; a mention without a date
("the visit", "his trip") joins the most recent event of its type in the article. The
events resolver then links mentions across articles and fills the events table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from factdb.errors import InputError
from factdb.extract.context import ArticleContext
from factdb.extract.provenance import provenance

LEXICON_FILE = Path(__file__).with_name("event_lexicon.yaml")
EXTRACTOR = "events.lexicon"

#: Words that, before a noun trigger, make it refer back to an event already told.
ANAPHORIC = frozenset({"the", "this", "that", "his", "her", "its", "their", "same", "latest"})
#: Noun triggers that name the event only with a modifier ("talks" alone is fine).
GENERIC_NOUNS = frozenset({"statement", "death", "fire", "game", "final", "poll", "march",
                           "rally", "target", "hit"})


@dataclass(frozen=True)
class Lexicon:
    nouns: dict[str, str]
    verbs: dict[str, str]

    def type_of(self, lemma: str, pos: str) -> str | None:
        lemma = lemma.lower()
        if pos in ("NOUN", "PROPN"):
            return self.nouns.get(lemma)
        if pos == "VERB":
            return self.verbs.get(lemma)
        return None

    def type_of_noun(self, word: str) -> str | None:
        w = word.lower()
        return self.nouns.get(w) or self.nouns.get(w.rstrip("s")) or self.verbs.get(w)


def parse_lexicon(data: Any, where: str) -> dict[str, dict[str, list[str]]]:
    if not isinstance(data, dict):
        raise InputError(where, "event lexicon must map event types to {nouns, verbs}")
    out: dict[str, dict[str, list[str]]] = {}
    for etype, spec in data.items():
        if not isinstance(spec, dict) or not set(spec) <= {"nouns", "verbs"}:
            raise InputError(where, f"event type '{etype}' needs 'nouns' and/or 'verbs' lists")
        out[str(etype)] = {k: [str(w).lower() for w in spec.get(k) or []]
                           for k in ("nouns", "verbs")}
    return out


@lru_cache(maxsize=8)
def load_lexicon(extra_path: str | None = None) -> Lexicon:
    """The built-in lexicon, extended by a user file when given."""
    spec = parse_lexicon(yaml.safe_load(LEXICON_FILE.read_text()), str(LEXICON_FILE))
    if extra_path:
        try:
            extra = yaml.safe_load(Path(extra_path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise InputError(extra_path, f"cannot read the event lexicon: {exc}") from exc
        for etype, words in parse_lexicon(extra, extra_path).items():
            spec.setdefault(etype, {"nouns": [], "verbs": []})
            for k in ("nouns", "verbs"):
                spec[etype][k] += words[k]
    nouns: dict[str, str] = {}
    verbs: dict[str, str] = {}
    for etype, words in spec.items():
        for w in words["nouns"]:
            nouns.setdefault(w, etype)
        for w in words["verbs"]:
            verbs.setdefault(w, etype)
    return Lexicon(nouns, verbs)


def make_extractor(lexicon_path: str | None = None) -> Any:
    lexicon = load_lexicon(lexicon_path)

    def extract(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
        return {"event_mentions": extract_with(ctx, lexicon)}

    return extract


def _sentence_dates(ctx: ArticleContext) -> dict[str, list[dict[str, Any]]]:
    """Resolved day-level dates of the article, by sentence id."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in ctx.products.get("rows", {}).get("dates", []):
        if row.get("value_start") is not None and row.get("value_start") == row.get("value_end"):
            out.setdefault(row["sentence_id"], []).append(row)
    return out


#: A date right after one of these belongs to the report, not to the event reported:
#: "Reuters reported on Sunday", "officials said Monday", "a report published Sunday".
REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|say|reported|reports|told|tells|published|wrote|writes|added|stated|"
    r"quoted|according\s+to)\b[^,.;:!?]{0,30}$", re.IGNORECASE)
#: Verb tags of a finite or passive use; bare forms and gerunds ("to stop attacking")
#: rarely report an event that happened.
EVENT_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN"})


@dataclass
class _Trigger:
    token: Any
    etype: str
    sentence: Any
    date: dict[str, Any] | None = None


def extract_with(ctx: ArticleContext, lexicon: Lexicon) -> list[dict[str, Any]]:
    doc = ctx.products.get("doc")
    if doc is None:
        return []
    triggers = _triggers(ctx, doc, lexicon)
    _attach_dates(ctx, triggers)
    triggers = [t for t in triggers if t.date is not None or _names_one_event(t, lexicon)]
    keys = _local_keys(ctx, triggers)
    rows: list[dict[str, Any]] = []
    for n, (t, key) in enumerate(zip(triggers, keys, strict=True)):
        token = t.token
        prev = doc[token.i - 1].lower_ if token.i > 0 else ""
        anaphoric = token.pos_ != "VERB" and (prev in ANAPHORIC or prev in ("’s", "'s"))
        confidence = 0.8 if t.date is not None else (0.6 if anaphoric else 0.5)
        row = provenance(ctx, token.idx, token.idx + len(token.text), EXTRACTOR, confidence)
        row.update({
            "event_id": key, "mention_id": f"{ctx.article_id}:m{n}", "event_type": t.etype,
            "trigger_lemma": token.lemma_.lower(), "local_key": key,
            "date_id": t.date["date_id"] if t.date else None, "is_anaphoric": anaphoric,
            "pos": token.pos_,
        })
        rows.append(row)
    return rows


def _triggers(ctx: ArticleContext, doc: Any, lexicon: Lexicon) -> list[_Trigger]:
    story = {s.seq for s in ctx.story_sentences()}
    found = []
    for token in doc:
        etype = lexicon.type_of(token.lemma_, token.pos_)
        if etype is None:
            continue
        sentence = ctx.sentence_at(token.idx)
        if sentence is None or sentence.seq not in story:
            continue
        if token.pos_ != "VERB" and token.lemma_.lower() in GENERIC_NOUNS and \
                (token.i == 0 or doc[token.i - 1].pos_ not in ("NOUN", "PROPN", "ADJ")):
            continue
        found.append(_Trigger(token, etype, sentence))
    return found


def _attach_dates(ctx: ArticleContext, triggers: list[_Trigger]) -> None:
    """Give each day-level date of a sentence to the trigger it dates: the nearest one
    before it, else the first one after it; unless the date belongs to the reporting of
    the story ("reported on Sunday")."""
    by_sentence: dict[int, list[_Trigger]] = {}
    for t in triggers:
        by_sentence.setdefault(t.sentence.seq, []).append(t)
    for sid, rows in _sentence_dates(ctx).items():
        seq = int(sid.rsplit(":", 1)[1])
        candidates = by_sentence.get(seq, [])
        for row in rows:
            if not candidates or REPORTING_BEFORE.search(ctx.text[:row["char_start"]][-60:]):
                continue
            before = [t for t in candidates if t.token.idx < row["char_start"]]
            if before:  # "met them on Jan. 29": a date phrase follows what it dates
                chosen = max(before, key=lambda t: t.token.idx)
            else:       # "On February 2, US forces struck ..."
                chosen = min(candidates, key=lambda t: t.token.idx)
            if chosen.date is None:
                chosen.date = row


def _names_one_event(t: _Trigger, lexicon: Lexicon) -> bool:
    """An undated trigger counts only when it can name one event: a finite verb ("visited")
    or a singular noun ("the visit"). Plural nouns ("attacks on US forces") and bare or
    -ing verbs ("persuaded them to stop attacking") speak of many or of none."""
    token = t.token
    if token.pos_ == "VERB":
        return token.tag_ in EVENT_VERB_TAGS
    if token.tag_ in ("NNS", "NNPS"):
        return token.lower_ in lexicon.nouns  # a plural that is the name ("talks")
    return True


def _local_keys(ctx: ArticleContext, triggers: list[_Trigger]) -> list[str]:
    """The article's own event key of each trigger. A dated trigger starts (or joins) the
    event of its type and day; an undated one joins the latest event of its type told
    before it, or else the first dated one of its type told after it (a headline's
    "the visit" before the body dates it)."""
    by_type_day: dict[tuple[str, Any], str] = {}
    keys: list[str | None] = []
    latest: dict[str, str] = {}
    key: str | None
    for t in triggers:
        if t.date is not None:
            key = by_type_day.setdefault((t.etype, t.date["value_start"]),
                                         f"{ctx.article_id}:ev{len(by_type_day)}")
        else:
            key = latest.get(t.etype)
        keys.append(key)
        if key is not None:
            latest[t.etype] = key
    out: list[str] = []
    for i, t in enumerate(triggers):
        key = keys[i]
        if key is None:
            key = next((k for later, k in zip(triggers[i + 1:], keys[i + 1:], strict=True)
                        if later.etype == t.etype and later.date is not None and k), None)
        if key is None:
            key = by_type_day.setdefault((t.etype, f"undated-{i}"),
                                         f"{ctx.article_id}:ev{len(by_type_day)}")
            keys[i] = key
            for j in range(i + 1, len(triggers)):  # later undated ones of the type join it
                if triggers[j].etype == t.etype and keys[j] is None:
                    keys[j] = key
        out.append(key)
    return out
