"""The event lexicon: event types and their trigger words, as package data.

``event_lexicon.yaml`` (beside this module) maps each event type to its trigger nouns and
verbs, the words that are triggers only near context words, multiword nouns, and light-verb
constructions ("claimed the lives", "set fire to", "released a statement"). A user
file (``FACTDB_EVENT_LEXICON``) extends it; ``load_lexicon(path)`` reads both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from factdb.errors import InputError

LEXICON_FILE = files("factdb.lang") / "event_lexicon.yaml"
#: Keys of a type in the lexicon file.
LEXICON_KEYS = frozenset({"nouns", "verbs", "context", "nouns_in_context", "verbs_in_context",
                          "light_verbs", "anaphors"})


@dataclass(frozen=True)
class Lexicon:
    """Trigger words by part of speech. ``contextual`` maps (kind, lemma) to the types the
    word has near one of the type's ``context`` words; ``phrases`` maps the last word of a
    multiword noun to (the words before it, type); ``light`` maps a verb to the words that,
    as its object, complement or particle, make it a trigger of a type ("claim" + "life")."""

    nouns: dict[str, str]
    verbs: dict[str, str]
    contextual: dict[tuple[str, str], list[tuple[str, frozenset[str]]]] = \
        field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    light: dict[str, dict[str, str]] = field(default_factory=dict)
    #: nouns that only name again an event of these types told before ("the incident")
    anaphors: dict[str, list[str]] = field(default_factory=dict)

    def light_type(self, verb: str, dependents: list[str]) -> tuple[str, str] | None:
        """(type, the dependent word) of a light-verb construction: a verb lemma with one of
        its dependents' lemmas ("set" with "fire", "take" with "office")."""
        words = self.light.get(verb.lower())
        if words:
            for word in dependents:
                if word in words:
                    return words[word], word
        return None

    def knows(self, word: str) -> bool:
        """Whether a lowercased lemma or word can be (the last word of) a trigger."""
        return word in self.nouns or word in self.verbs or word in self.phrases or \
            ("noun", word) in self.contextual or ("verb", word) in self.contextual or \
            word in self.anaphors

    def names_event(self, word: str) -> bool:
        """Whether a lowercased lemma is a trigger whatever its context (not "victory",
        which is a match's only near words of sport)."""
        return self.names_noun_event(word) or word in self.verbs

    def names_noun_event(self, word: str) -> bool:
        """Whether a lowercased noun lemma is an event noun whatever its context ("target"
        is a verb of striking, not an event as a noun)."""
        return word in self.nouns or word in self.phrases

    def type_of(self, lemma: str, pos: str, context: frozenset[str] = frozenset()) -> str | None:
        """The type of a one-word trigger; context is the lemmas of its sentence."""
        lemma = lemma.lower()
        kind = "noun" if pos in ("NOUN", "PROPN") else "verb" if pos == "VERB" else None
        if kind is None:
            return None
        for etype, words in self.contextual.get((kind, lemma), []):
            if words & (context - {lemma}):
                return etype
        return (self.nouns if kind == "noun" else self.verbs).get(lemma)

    def phrase_type(self, head: str, before: list[str]) -> str | None:
        """The type of a multiword noun ending in head, given the lowercased words before it."""
        for words, etype in self.phrases.get(head.lower(), []):
            if len(before) >= len(words) and tuple(before[-len(words):]) == words:
                return etype
        return None

    def type_of_noun(self, word: str) -> str | None:
        types = self.types_of_noun(word)
        return types[0] if types else None

    def types_of_noun(self, word: str) -> list[str]:
        """Every type a noun (as written in an anchor phrase) can name, the plain one first."""
        w = word.lower()
        out: list[str] = []
        for form in (w, w.rstrip("s")):
            plain = self.nouns.get(form) or (self.verbs.get(form) if form == w else None)
            if plain and plain not in out:
                out.append(plain)
            for etype, _ in self.contextual.get(("noun", form), []):
                if etype not in out:
                    out.append(etype)
        return out


def parse_lexicon(data: Any, where: str) -> dict[str, dict[str, list[str]]]:
    if not isinstance(data, dict):
        raise InputError(where, "event lexicon must map event types to {nouns, verbs}")
    out: dict[str, dict[str, list[str]]] = {}
    for etype, spec in data.items():
        if not isinstance(spec, dict) or not set(spec) <= LEXICON_KEYS:
            raise InputError(where, f"event type '{etype}' takes only the lists "
                                    f"{', '.join(sorted(LEXICON_KEYS))}")
        out[str(etype)] = {k: [str(w).lower() for w in spec.get(k) or []]
                           for k in sorted(LEXICON_KEYS)}
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
            spec.setdefault(etype, {k: [] for k in LEXICON_KEYS})
            for k in LEXICON_KEYS:
                spec[etype][k] += words[k]
    nouns: dict[str, str] = {}
    verbs: dict[str, str] = {}
    contextual: dict[tuple[str, str], list[tuple[str, frozenset[str]]]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    light: dict[str, dict[str, str]] = {}
    anaphors: dict[str, list[str]] = {}
    for etype, words in spec.items():
        for w in words["anaphors"]:
            anaphors.setdefault(w, []).append(etype)
        for pair in words["light_verbs"]:
            parts = pair.split()
            if len(parts) != 2:
                raise InputError(str(extra_path or LEXICON_FILE),
                                 f"light verb '{pair}' of '{etype}' must be 'verb word'")
            light.setdefault(parts[0], {}).setdefault(parts[1], etype)
        for w in words["nouns"]:
            parts = w.replace("-", " ").split()
            if len(parts) > 1:
                phrases.setdefault(parts[-1], []).append((tuple(parts[:-1]), etype))
            else:
                nouns.setdefault(w, etype)
        for w in words["verbs"]:
            verbs.setdefault(w, etype)
        context = frozenset(words["context"])
        for kind in ("noun", "verb"):
            for w in words[f"{kind}s_in_context"]:
                contextual.setdefault((kind, w), []).append((etype, context))
    for entries in phrases.values():
        entries.sort(key=lambda e: -len(e[0]))  # the longest phrase first
    return Lexicon(nouns, verbs, contextual, phrases, light, anaphors)
