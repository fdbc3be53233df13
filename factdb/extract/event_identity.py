"""What a trigger's own words say of which event it is, inside one article.

- A **series**: an undated plural that tells particular events ("the attacks", "groups
  intensified attacks"), not a kind of event ("attacks were rare"), the thing counted
  ("58% of the votes") or what another event acts on ("a halt in attacks").

- A **name**: a capitalised noun trigger with the proper nouns compounded with it ("the
  Glass Fire", "the Tubbs Fire"). Two mentions with different names are two events,
  whatever else they share; a named mention joins only an event of its name.
- A **marker of another event**: "the previous outbreak", "an earlier attack", "a former
  strike" tell of an event before the one the story is about, so such a mention does not
  join the event told before it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Adjectives that put a noun trigger's event before the story's one.
OTHER_EVENT = frozenset({"previous", "earlier", "prior", "former", "past"})


def event_name(token: Any, title_case: bool = False) -> str | None:
    """The lowercased name a capitalised noun trigger gives its event ("glass fire"), from
    the proper nouns compounded with it; None for a verb, a lowercase noun ("the Microsoft
    outage": who was hit, not a name), the first word of a sentence, or any word of a
    title-case line (a headline)."""
    if token.pos_ == "VERB" or title_case or not token.text[:1].isupper() or \
            token.is_sent_start:
        return None
    parts = [c for c in token.children
             if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < token.i]
    if not parts:
        return None
    words = [t.lower_ for p in parts for t in p.subtree
             if t.pos_ == "PROPN" and t.i < token.i]
    return " ".join(words + [token.lemma_.lower()]) if words else None


def marks_other_event(token: Any) -> bool:
    """Whether a noun trigger is modified as an event before the story's ("the previous
    outbreak of cholera")."""
    return token.pos_ != "VERB" and any(
        c.dep_ == "amod" and c.lower_ in OTHER_EVENT for c in token.children)


#: Content words two noun phrases of triggers share to tell one event ("a halt in attacks
#: on the troops" after "the halt in attacks on troops").
SHARED_PHRASE_WORDS = 2


def phrase_words(token: Any) -> set[str]:
    """The content-word lemmas a trigger's phrase adds to it ("halt in attacks on American
    troops" -> attack, american, troop): a noun's dependents, a verb's objects."""
    if token.pos_ == "VERB":
        subtree = [t for c in token.children if c.dep_ in ("dobj", "obj", "prep")
                   for t in c.subtree]
    else:
        subtree = [t for t in token.subtree if t.i != token.i]
    return {t.lemma_.lower() for t in subtree
            if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and len(t.text) > 2}


def introduces(t: Any) -> bool:
    """A finite verb or a noun after "a"/"an" tells an event anew ("a bomb killed two
    guards"); "the summit", "his trip" refer back to one."""
    token = t.token
    if token.pos_ == "VERB":
        return True
    doc = token.doc
    return token.i > 0 and doc[token.i - 1].lower_ in ("a", "an")


def event_entities(triggers: list[Any], keys: list[str | None], key: str,
                    entities: dict[int, set[str]]) -> set[str]:
    """The entities named in the sentences that mention the event of key."""
    out: set[str] = set()
    for t, k in zip(triggers, keys, strict=True):
        if k == key:
            out |= entities.get(t.sentence.seq, set())
    return out


def period_only(triggers: list[Any], keys: list[str | None], key: str | None) -> bool:
    """Whether the event of key is dated only by a month or a year (a past event told in
    passing, which later undated mentions do not refer back to)."""
    dated = [t for t, k in zip(triggers, keys, strict=True) if k == key and t.date is not None]
    return bool(dated) and not any(t.day_dated for t in dated)


#: Prepositions that place a plural in time: it is not what the event before acts on.
TIME_PREPOSITIONS = frozenset({"after", "before", "since", "during", "amid", "following",
                               "until", "despite"})
#: Determiners that make a plural tell particular events ("the attacks", "these rallies").
SPECIFIC = frozenset({"the", "these", "those", "its", "their", "his", "her", "our"})


def specific_plural(token: Any) -> bool:
    """Whether a plural tells particular events that happened, not a kind of event ("Attacks
    were rare", "utilising airstrikes"): it has a definite determiner or a possessor ("the
    attacks", "the army's strikes"), or it is the subject or object of a verb in the past
    ("groups intensified attacks", "rallies were held")."""
    if any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in SPECIFIC)
           for c in token.children):
        return True
    head = token.head
    return token.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") and head.pos_ == "VERB" \
        and (head.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.lemma_ in ("have", "be")
                                       for c in head.children))


def inner_plural(token: Any, knows: Callable[[str], bool], counts: list[tuple[int, int]]) -> bool:
    """A plural that is no mention of a series: the thing counted ("58% of the votes",
    "some 40 raids": the count tells it) or what another event acts on ("a halt in
    attacks", "a ban on protests")."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of":
        head = head.head  # "58% of the votes", "millions of ballots"
    if any(a <= tok.idx < b for a, b in counts for tok in (token, head)) or \
            head.like_num or head.pos_ == "NUM" or any(c.dep_ == "nummod" for c in token.children):
        return True
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in TIME_PREPOSITIONS:
        return False  # "arrested dozens after the protests": when, not what
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.i != token.i:
        head = head.head
    if head.i != token.i and knows(head.lemma_.lower()):
        return True
    return any(t.i != token.i and t.pos_ == "NOUN" and knows(t.lemma_.lower())
               for t in token.subtree)  # "the ballots cast in the election": its things
